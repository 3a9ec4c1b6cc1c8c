/**
 * How lineage is recorded: the hooks {@link io.dynaframe.DynamicFrame} and {@link
 * io.dynaframe.DynaContext} call, the per-run recorder, the row counters (Spark accumulators fed by
 * a counting filter on every step's output), column lineage read from analysed plans, the
 * reflective model of annotated job classes, and the OpenLineage emitter. The OpenLineage client's
 * types are used only here. Not an API: other modules must not use it.
 */
package io.dynaframe.lineage.internal;
