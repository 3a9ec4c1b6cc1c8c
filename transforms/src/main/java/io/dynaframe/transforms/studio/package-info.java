/**
 * Glue Studio's visual transforms (the nodes of a visual job beyond Glue's core transforms), as
 * immutable values applied with {@link io.dynaframe.DynamicFrame#apply(String,
 * io.dynaframe.Transform) frame.apply(step, transform)}, with the options Glue Studio's node panels
 * and generated scripts use.
 *
 * <pre>{@code
 * DynamicFrame flat = orders.apply("Flatten_node1", Flatten.of().withSeparator("_"));
 * DynamicFrame dated = flat.apply("Concat_node2", ConcatenateColumns.of("date", "year", "month", "day").withSpacer("-"));
 * }</pre>
 *
 * <p>Like the core transforms, each checks the columns it names against the frame's schema when it
 * is applied and fails with a {@link io.dynaframe.transforms.TransformException} naming the
 * transform, the step, the column and the frame's closest columns. Every one compiles to Spark
 * column expressions over the input's Dataset: nothing runs until the frame is read.
 */
package io.dynaframe.transforms.studio;
