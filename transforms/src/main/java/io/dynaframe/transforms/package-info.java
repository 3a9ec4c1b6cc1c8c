/**
 * AWS Glue's transforms for {@link io.dynaframe.DynamicFrame}s, with Glue's semantics, compiled to
 * Spark Dataset operations that Catalyst sees whole.
 *
 * <h2>Two ways to apply a transform</h2>
 *
 * <p>Every transform is an immutable value: a final class with a static factory and {@code
 * withX(...)} methods that return new instances, applied with {@link
 * io.dynaframe.DynamicFrame#apply(String, io.dynaframe.Transform) frame.apply(step, transform)}. It
 * checks what it asks of the frame against the frame's schema when it is applied, before any Spark
 * job runs, and fails with a {@link io.dynaframe.transforms.TransformException} naming the
 * transform, the step, the path and the closest paths the frame has.
 *
 * <pre>{@code
 * DynamicFrame mapped = orders.apply("map_orders", ApplyMapping.of(
 *     MappingSpec.of("order id", "string", "order_id", "long"),
 *     MappingSpec.of("customer.name", "string", "customer", "string")));
 * DynamicFrame resolved = mapped.apply("resolve", ResolveChoice.spec("price", "cast:double"));
 * FrameCollection split = resolved.apply("qa", SplitRows.where("price", ">=", 0).withNames("good", "quarantine"));
 * }</pre>
 *
 * <p>Each transform class also has static {@code apply} methods shaped like Glue's {@code
 * Transform.apply(frame=..., ..., transformation_ctx=...)}, so a Glue script ports line by line:
 * the frame first, Glue's arguments in Glue's order, the transformation context last (it also names
 * the step). Python keyword arguments that a script leaves out are the defaults; the others are
 * {@code withX} methods of the value, or of the output frame for the error thresholds.
 *
 * <pre>{@code
 * # Glue (Python)
 * applymapping1 = ApplyMapping.apply(frame = datasource0, mappings = [("id", "string", "id", "long")], transformation_ctx = "applymapping1")
 * resolvechoice2 = ResolveChoice.apply(frame = applymapping1, choice = "make_struct", transformation_ctx = "resolvechoice2")
 * dropnullfields3 = DropNullFields.apply(frame = resolvechoice2, transformation_ctx = "dropnullfields3")
 *
 * // dynaframe (Java)
 * DynamicFrame applymapping1 = ApplyMapping.apply(datasource0, List.of(MappingSpec.of("id", "string", "id", "long")), "applymapping1");
 * DynamicFrame resolvechoice2 = ResolveChoice.apply(applymapping1, "make_struct", "resolvechoice2");
 * DynamicFrame dropnullfields3 = DropNullFields.apply(resolvechoice2, "dropnullfields3");
 * }</pre>
 *
 * <h2>Glue's common parameters</h2>
 *
 * Glue's {@code transformation_ctx} is the step name: the output of {@code
 * frame.apply("map_orders", t)} has the transformation context {@code map_orders} (a static {@code
 * apply} sets the one it is given). The error thresholds {@code stageThreshold}/{@code
 * totalThreshold} live on the frame: {@code out.withThresholds(10, 100)} (0 means no limit; checked
 * by {@link io.dynaframe.DynamicFrame#assertErrorThreshold()} and by sinks). Glue's {@code info},
 * put before the reason of the error records a step makes, is {@code withInfo} on the transforms
 * that make error records: {@link io.dynaframe.transforms.Map}, {@link
 * io.dynaframe.transforms.FlatMap}, {@link io.dynaframe.transforms.Filter} (with a Java predicate)
 * and {@link io.dynaframe.transforms.Unbox}.
 *
 * <h2>The transforms</h2>
 *
 * <ul>
 *   <li>Shape: {@link io.dynaframe.transforms.ApplyMapping}, {@link
 *       io.dynaframe.transforms.ResolveChoice}, {@link io.dynaframe.transforms.SelectFields},
 *       {@link io.dynaframe.transforms.DropFields}, {@link io.dynaframe.transforms.RenameField},
 *       {@link io.dynaframe.transforms.Unnest}, {@link io.dynaframe.transforms.UnnestDDBJson},
 *       {@link io.dynaframe.transforms.SimplifyDDBJson}, {@link io.dynaframe.transforms.Unbox},
 *       {@link io.dynaframe.transforms.DropNullFields}.
 *   <li>Records: {@link io.dynaframe.transforms.Filter}, {@link io.dynaframe.transforms.Map},
 *       {@link io.dynaframe.transforms.FlatMap}, {@link io.dynaframe.transforms.Spigot}.
 *   <li>Several frames: {@link io.dynaframe.transforms.SplitFields}, {@link
 *       io.dynaframe.transforms.SplitRows}, {@link io.dynaframe.transforms.Join}, {@link
 *       io.dynaframe.transforms.Union}, {@link io.dynaframe.transforms.MergeDynamicFrames}, {@link
 *       io.dynaframe.transforms.Relationalize}, {@link
 *       io.dynaframe.transforms.SelectFromCollection}, {@link
 *       io.dynaframe.transforms.MapToCollection}.
 *   <li>Plumbing: {@link io.dynaframe.transforms.Repartition}, {@link
 *       io.dynaframe.transforms.Coalesce}, {@link io.dynaframe.transforms.ErrorsAsDynamicFrame}.
 * </ul>
 *
 * <h2>Paths</h2>
 *
 * Paths are dotted ({@code address.city}); a name with dots goes in backticks ({@code
 * `this.old.name`}, a backtick inside doubled); {@code []} after a name steps into an array's
 * elements ({@code items[].price}) where a transform can reach into arrays. Names compare exactly,
 * as Glue's records do (ApplyMapping ignores case by default, as Glue's Python API does). Fields
 * whose names differ only in case are told apart.
 */
package io.dynaframe.transforms;
