/**
 * The lineage of job runs: the graph that actually ran, with records in, out and in error and the
 * time of each step, where each column came from, and OpenLineage run events.
 *
 * <p>Every {@link io.dynaframe.DynaContext} records its run as it goes (its {@link
 * io.dynaframe.DynaContext#observer()} is the runtime's recorder): sources read through the
 * context, steps applied with {@link io.dynaframe.DynamicFrame#apply(String,
 * io.dynaframe.Transform)} and sinks written through the context become nodes of a {@link
 * io.dynaframe.graph.JobGraph}, the model the compile-time diagrams use, so {@link
 * io.dynaframe.graph.DotRenderer} and {@link io.dynaframe.graph.MermaidRenderer} draw both alike.
 * {@link io.dynaframe.job.JobRunner} runs a job class annotated with {@link
 * io.dynaframe.annotations.Job}: there each annotated method is one node, so the graph that ran is
 * the diagram the annotation processor drew.
 *
 * <p>Counting happens inside the Spark jobs the run executes anyway; see {@link
 * io.dynaframe.lineage.RunLineage} for when counts are exact. {@link
 * io.dynaframe.lineage.LineageSettings} lists the settings; the run report is {@link
 * io.dynaframe.job.RunReport}.
 */
package io.dynaframe.lineage;
