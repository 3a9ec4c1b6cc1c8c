/**
 * The job graph: steps (sources, transforms, sinks) and the frames that flow between them, with
 * renderers to Graphviz DOT and Mermaid.
 *
 * <p>One model serves both the diagram drawn at compile time from a job's annotations and the
 * lineage of a run, where each {@link io.dynaframe.graph.Node} also carries its {@link
 * io.dynaframe.graph.StepStats} (records in, out and in error, and time taken). {@link
 * io.dynaframe.graph.GlueScriptParser} reads the same model from the {@code ## @} comments of an
 * AWS Glue Python script, and {@link io.dynaframe.graph.DiagramTool} is the command line for both:
 * Glue scripts to diagrams, DOT files to SVG through Graphviz, and ({@link
 * io.dynaframe.graph.GlueScriptPorter}) Glue scripts to dynaframe Java job classes.
 *
 * <p>{@link io.dynaframe.graph.JobGraphJson} is the graph's JSON form: the annotation processor
 * writes it for each {@code @Job} class as the resource {@code META-INF/dynaframe/jobs/<binary
 * class name>.json}, and {@link io.dynaframe.graph.JobGraph#forJobClass(Class)} reads it back at
 * run time, so that compile time and run time share one job model (including the steps' declaration
 * order and methods).
 */
package io.dynaframe.graph;
