/**
 * Annotations that describe a job as a graph of steps, one method per step.
 *
 * <pre>
 * &#64;Job(name = "orders-daily", description = "Daily orders from the landing zone to the lake")
 * public class OrdersDaily {
 *
 *   &#64;Source(type = "S3 JSON", args = "paths = s3://landing/orders/")
 *   DynamicFrame orders(DynaContext ctx) { ... }
 *
 *   &#64;Source(type = "Data Catalog", args = {"database = sales", "table = customers"})
 *   DynamicFrame customers(DynaContext ctx) { ... }
 *
 *   &#64;Step(type = "Join", inputs = {"orders", "customers"}, args = "keys = customer_id")
 *   DynamicFrame joined(DynamicFrame orders, DynamicFrame customers) { ... }
 *
 *   &#64;Sink(type = "S3 Parquet", inputs = "joined", args = "path = s3://lake/orders/")
 *   void lake(DynamicFrame joined) { ... }
 * }
 * </pre>
 *
 * <p>A step's id is its method name unless {@code id} gives another. A {@link
 * io.dynaframe.annotations.Step} or {@link io.dynaframe.annotations.Sink} names the steps it reads
 * in {@code inputs}, in the order of the method's frame parameters. {@code args} are {@code "name =
 * value"} lines shown on the diagram.
 *
 * <p>The annotation processor of the artifact {@code dynaframe-processor}, once named on the
 * compiler's annotation processor path, checks the graph when the job class is compiled (unknown or
 * duplicate ids, cycles, steps whose result is never written, ...) and reports each problem as a
 * compile error on the annotation value at fault. When the graph is sound it writes the job diagram
 * next to the compiled class, as {@code OrdersDaily.dot} (Graphviz) and {@code OrdersDaily.mmd}
 * (Mermaid); with the processor option {@code -Adynaframe.diagrams.dir=<folder>} it also writes
 * them under that folder, in the job class's package path. It also writes the job's graph as JSON,
 * as the class path resource {@code META-INF/dynaframe/jobs/<binary class name>.json}, which the
 * runtime reads back with {@code io.dynaframe.graph.JobGraph.forJobClass} (artifact {@code
 * dynaframe-graph}).
 *
 * <p>This package holds the annotations only and depends on nothing but {@code java.lang}.
 */
package io.dynaframe.annotations;
