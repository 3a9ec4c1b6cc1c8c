/**
 * The annotation processor that checks a {@link io.dynaframe.annotations.Job} class's step graph
 * and writes its diagrams. Implementation only: not part of the API, other modules must not use it.
 * Extraction ({@code JobExtractor}: elements to an immutable {@code JobModel}), validation ({@code
 * JobValidator}: every problem reported on its annotation value) and generation ({@code
 * DiagramWriter}: the model's {@link io.dynaframe.graph.JobGraph} rendered to DOT and Mermaid files
 * and written as JSON for the runtime) are separate steps driven by {@code JobDiagramProcessor}.
 */
package io.dynaframe.processor.internal;
