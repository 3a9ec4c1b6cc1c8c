/**
 * Glue Data Quality on any Spark: {@link io.dynaframe.quality.EvaluateDataQuality} evaluates a
 * ruleset written in DQDL (AWS's Data Quality Definition Language) on a frame and gives the rule
 * outcomes and the row-level outcomes as AWS prints them. DQDL is parsed by dynaframe's own parser
 * ({@link io.dynaframe.quality.Ruleset}), with errors naming the line, column and token.
 *
 * @see <a href="https://docs.aws.amazon.com/glue/latest/dg/dqdl.html">AWS's DQDL reference</a>
 */
package io.dynaframe.quality;
