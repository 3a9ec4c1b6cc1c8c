package io.dynaframe;

import static org.apache.spark.sql.functions.col;

import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableList;
import io.dynaframe.internal.RowJson;
import io.dynaframe.types.SparkTypes;
import io.dynaframe.types.StructType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;

/**
 * A distributed collection of records that may disagree on the types of their fields, with the
 * error records that could not be read or transformed kept beside it: AWS Glue's DynamicFrame, on a
 * Spark {@code Dataset<Row>}.
 *
 * <p>A frame is immutable. Its {@link #schema()} is Glue's type model, where a field whose values
 * have several types is a {@link io.dynaframe.types.ChoiceType}; in the underlying Dataset a choice
 * is a struct with one slot per member type. Every built-in transform compiles to Dataset
 * operations, so Spark's optimiser sees the whole job, and nothing runs until an action ({@link
 * #count()}, a sink, {@link #toDF()} followed by a Spark action).
 */
public final class DynamicFrame {

  private final DynaContext context;
  private final Dataset<Row> rows;
  private final Dataset<Row> stageErrors;
  private final ImmutableList<Dataset<Row>> previousErrors;
  private final String name;
  private final String transformationContext;
  private final long stageThreshold;
  private final long totalThreshold;

  /**
   * Why a source's frame has no fields (an empty folder, nothing new for the bookmark), or null.
   */
  private final String emptyBecause;

  private DynamicFrame(
      DynaContext context,
      Dataset<Row> rows,
      Dataset<Row> stageErrors,
      ImmutableList<Dataset<Row>> previousErrors,
      String name,
      String transformationContext,
      long stageThreshold,
      long totalThreshold,
      String emptyBecause) {
    this.emptyBecause = emptyBecause;
    this.context = Objects.requireNonNull(context, "context");
    this.rows = Objects.requireNonNull(rows, "rows");
    this.stageErrors = stageErrors;
    this.previousErrors = previousErrors;
    this.name = name == null ? "" : name;
    this.transformationContext = transformationContext == null ? "" : transformationContext;
    Preconditions.checkArgument(
        stageThreshold >= 0, "stageThreshold must be >= 0, was %s", stageThreshold);
    Preconditions.checkArgument(
        totalThreshold >= 0, "totalThreshold must be >= 0, was %s", totalThreshold);
    this.stageThreshold = stageThreshold;
    this.totalThreshold = totalThreshold;
  }

  // ---------------------------------------------------------------- creation

  /**
   * A frame over a DataFrame, as Glue's {@code DynamicFrame.fromDF(df, glueContext, name)}. Struct
   * columns flagged as choices (see {@link SparkTypes}) are choices in the frame.
   */
  public static DynamicFrame fromDF(Dataset<Row> df, DynaContext context, String name) {
    Objects.requireNonNull(df, "df");
    SparkTypes.fromSpark(df.schema()); // fails fast on columns Glue has no type for
    return new DynamicFrame(context, df, null, ImmutableList.of(), name, "", 0, 0, null);
  }

  /** A frame over a DataFrame, in a context on the DataFrame's own SparkSession. */
  public static DynamicFrame fromDF(Dataset<Row> df, String name) {
    return fromDF(df, DynaContext.of(df.sparkSession()), name);
  }

  /** An empty frame with no fields. */
  public static DynamicFrame empty(DynaContext context) {
    return fromDF(context.spark().emptyDataFrame(), context, "empty");
  }

  /**
   * A frame from rows staged with an {@link ErrorRecords#COLUMN} column: rows where it is null are
   * the records, the others become this step's error records. Used by sources and by transforms
   * that can fail per record; the split is lazy and costs no extra Spark job.
   */
  public static DynamicFrame fromStaged(
      Dataset<Row> staged, DynaContext context, String name, String transformationContext) {
    return fromStaged(staged, context, name, transformationContext, ImmutableList.of(), null);
  }

  private static DynamicFrame fromStaged(
      Dataset<Row> staged,
      DynaContext context,
      String name,
      String transformationContext,
      ImmutableList<Dataset<Row>> previousErrors,
      String emptyBecause) {
    Preconditions.checkArgument(
        List.of(staged.columns()).contains(ErrorRecords.COLUMN),
        "staged rows need the column %s",
        ErrorRecords.COLUMN);
    staged = context.observer().staged(staged); // e.g. counts the step's errors
    Column error = col(ErrorRecords.COLUMN);
    Dataset<Row> good = staged.where(error.isNull()).drop(ErrorRecords.COLUMN);
    Dataset<Row> bad = staged.where(error.isNotNull()).select(error.as(ErrorRecords.FIELD));
    return new DynamicFrame(
        context, good, bad, previousErrors, name, transformationContext, 0, 0, emptyBecause);
  }

  /**
   * A frame derived from this one by a step: the new rows, this frame's errors carried along as
   * previous errors, the same name. For transform authors.
   */
  public DynamicFrame withRows(Dataset<Row> newRows) {
    SparkTypes.fromSpark(newRows.schema());
    return new DynamicFrame(
        context, newRows, null, allErrorSets(), name, transformationContext, 0, 0, emptyBecause);
  }

  /**
   * A frame derived from this one by a step that can fail per record: {@code staged} carries an
   * {@link ErrorRecords#COLUMN} column (see {@link #fromStaged}). For transform authors.
   */
  public DynamicFrame withStagedRows(Dataset<Row> staged) {
    return fromStaged(staged, context, name, transformationContext, allErrorSets(), emptyBecause);
  }

  /** This frame under another name (the parameter named as Glue's Scala {@code withName(name)}). */
  public DynamicFrame withName(String name) {
    return new DynamicFrame(
        context,
        rows,
        stageErrors,
        previousErrors,
        name,
        transformationContext,
        stageThreshold,
        totalThreshold,
        emptyBecause);
  }

  /** This frame with the step's transformation context (the bookmark and error key). */
  public DynamicFrame withTransformationContext(String ctx) {
    return new DynamicFrame(
        context,
        rows,
        stageErrors,
        previousErrors,
        name,
        ctx,
        stageThreshold,
        totalThreshold,
        emptyBecause);
  }

  /**
   * This frame with error thresholds: {@code stageThreshold} limits the errors of the step that
   * made it, {@code totalThreshold} those of every step so far; 0 means no limit. They are checked
   * by {@link #assertErrorThreshold()} and by sinks before they write.
   */
  public DynamicFrame withThresholds(long stageThreshold, long totalThreshold) {
    return new DynamicFrame(
        context,
        rows,
        stageErrors,
        previousErrors,
        name,
        transformationContext,
        stageThreshold,
        totalThreshold,
        emptyBecause);
  }

  /**
   * This frame with the reason it has no records and no fields, as a source says it when it read
   * nothing (an empty folder, no file new since the bookmark): a step that then fails on the frame
   * says so instead of only "no field ... in the frame".
   */
  public DynamicFrame withEmptyReason(String reason) {
    return new DynamicFrame(
        context,
        rows,
        stageErrors,
        previousErrors,
        name,
        transformationContext,
        stageThreshold,
        totalThreshold,
        reason);
  }

  /**
   * Why this frame has no fields, when the source that made it said why (see {@link
   * #withEmptyReason}).
   */
  public java.util.Optional<String> emptyReason() {
    return rows.columns().length == 0
        ? java.util.Optional.ofNullable(emptyBecause)
        : java.util.Optional.empty();
  }

  // ---------------------------------------------------------------- transforms

  /** Applies a transform as a step named by the transform's kind. */
  public <O> O apply(Transform<O> transform) {
    return apply(transform.kind(), transform);
  }

  /** Applies a transform as a step with this name. */
  public <O> O apply(String step, Transform<O> transform) {
    Objects.requireNonNull(transform, "transform");
    Preconditions.checkArgument(step != null && !step.isBlank(), "a step needs a name");
    O out;
    try {
      out =
          context
              .observer()
              .step(
                  this,
                  step,
                  transform.kind(),
                  in -> transform.expand(in, step)); // records the step in the run's lineage
    } catch (RuntimeException e) {
      java.util.Optional<String> why = emptyReason();
      if (why.isPresent()) {
        throw new SourceException(
            why.get()
                + ", so the frame has no fields: step '"
                + step
                + "' ("
                + transform.kind()
                + ") cannot run on it ("
                + e.getMessage()
                + ")",
            e);
      }
      throw e;
    }
    if (out == null) {
      throw new IllegalStateException(
          "transform " + transform.kind() + " returned null in step " + step);
    }
    return out;
  }

  /** The union of two frames' records (by field name; fields missing on one side are null). */
  public DynamicFrame union(DynamicFrame other) {
    Dataset<Row> u = rows.unionByName(other.rows, true);
    Set<Dataset<Row>> errors = new LinkedHashSet<>(allErrorSets());
    errors.addAll(other.allErrorSets());
    return new DynamicFrame(
        context,
        u,
        null,
        ImmutableList.copyOf(errors),
        name,
        transformationContext,
        0,
        0,
        other.emptyBecause == null ? null : emptyBecause);
  }

  /** The same records in {@code numPartitions} partitions, shuffled. */
  public DynamicFrame repartition(int numPartitions) {
    return withRowsKeepingErrors(rows.repartition(numPartitions));
  }

  /** The same records in at most {@code numPartitions} partitions, without a shuffle. */
  public DynamicFrame coalesce(int numPartitions) {
    return withRowsKeepingErrors(rows.coalesce(numPartitions));
  }

  /**
   * This frame with its rows replaced by a Dataset of the same records (the same rows, e.g. behind
   * a filter that passes every row and counts them): errors, name, transformation context and
   * thresholds are kept. For {@link RunObserver}s.
   */
  public DynamicFrame withSameRecords(Dataset<Row> sameRows) {
    return withRowsKeepingErrors(Objects.requireNonNull(sameRows, "sameRows"));
  }

  private DynamicFrame withRowsKeepingErrors(Dataset<Row> r) {
    return new DynamicFrame(
        context,
        r,
        stageErrors,
        previousErrors,
        name,
        transformationContext,
        stageThreshold,
        totalThreshold,
        emptyBecause);
  }

  // ---------------------------------------------------------------- views

  /**
   * The records as a DataFrame; choices stay structs with one field per member type, as in Glue.
   */
  public Dataset<Row> toDF() {
    return rows;
  }

  /**
   * The records as a DataFrame, with the named choices resolved first (Glue's {@code
   * toDF(Seq(ResolveSpec(...)))}); other choices stay structs.
   */
  public Dataset<Row> toDF(ResolveOption... options) {
    Dataset<Row> df = rows;
    for (ResolveOption o : options) {
      df = ChoiceColumns.resolve(df, o.path(), o.action(), o.target());
    }
    return df;
  }

  /** The records as JSON lines; a choice is written as the value it holds. */
  public Dataset<String> toJSON() {
    org.apache.spark.sql.types.StructType schema = rows.schema();
    return rows.mapPartitions(RowJson.linesOf(schema), Encoders.STRING());
  }

  /** The schema in Glue's type model, choices included. */
  public StructType schema() {
    return SparkTypes.fromSpark(rows.schema());
  }

  /** The schema as Glue prints it. */
  public String schemaString() {
    return schema().treeString();
  }

  /** Prints the schema as Glue does: {@code root}, then {@code |-- name: type} lines. */
  public void printSchema() {
    System.out.print(schemaString());
  }

  /** The number of records (error records not included). Runs a Spark job. */
  public long count() {
    return rows.count();
  }

  /** Up to {@code n} records as JSON lines. Runs a Spark job. */
  public List<String> take(int n) {
    return toJSON().takeAsList(n);
  }

  /**
   * Prints up to {@code numRows} records as JSON, as Glue's {@code show(numRows)} does (the
   * parameter named as Glue's Scala one, so {@code show(numRows = 5)} compiles in Scala).
   */
  public void show(int numRows) {
    showLines(numRows).forEach(System.out::println);
  }

  /**
   * The lines {@link #show(int)} prints: each record as JSON where a null field prints as {@code
   * null} (a value that did not cast shows as {@code {"id":null}}, not as an empty {@code {}}).
   */
  public List<String> showLines(int n) {
    org.apache.spark.sql.types.StructType schema = rows.schema();
    return rows.limit(n)
        .mapPartitions(RowJson.linesOf(schema, true), Encoders.STRING())
        .collectAsList();
  }

  /** Prints up to 20 records as JSON. */
  public void show() {
    show(20);
  }

  /** The number of partitions of the underlying Dataset. */
  public int getNumPartitions() {
    return rows.rdd().getNumPartitions();
  }

  /** The frame's name. */
  public String name() {
    return name;
  }

  /** The transformation context of the step that made this frame; empty when none was given. */
  public String transformationContext() {
    return transformationContext;
  }

  /** The context this frame belongs to. */
  public DynaContext context() {
    return context;
  }

  // ---------------------------------------------------------------- errors

  /** The error records of every step that led to this frame. Lazy. */
  public DynamicFrame errorsAsDynamicFrame() {
    Dataset<Row> all = allErrors();
    return new DynamicFrame(
        context, all, null, ImmutableList.of(), name + "_errors", "", 0, 0, null);
  }

  /** The number of error records of every step that led to this frame. Runs a Spark job. */
  public long errorsCount() {
    return allErrorSets().isEmpty() ? 0 : allErrors().count();
  }

  /** The number of error records made by the step that produced this frame. Runs a Spark job. */
  public long stageErrorsCount() {
    return stageErrors == null ? 0 : stageErrors.count();
  }

  /**
   * Counts errors and throws {@link ErrorThresholdExceededException} when the step's or the total
   * threshold is exceeded (a threshold of 0 means no limit). Runs Spark jobs only when a threshold
   * is set.
   */
  public void assertErrorThreshold() {
    if (stageThreshold > 0) {
      long n = stageErrorsCount();
      if (n > stageThreshold) {
        throw new ErrorThresholdExceededException(
            String.format(
                "step '%s' of frame '%s' made %d error records, more than its stageThreshold of %d",
                transformationContext, name, n, stageThreshold),
            n,
            stageThreshold);
      }
    }
    if (totalThreshold > 0) {
      long n = errorsCount();
      if (n > totalThreshold) {
        throw new ErrorThresholdExceededException(
            String.format(
                "frame '%s' has %d error records from all its steps, more than the totalThreshold of %d",
                name, n, totalThreshold),
            n,
            totalThreshold);
      }
    }
  }

  private ImmutableList<Dataset<Row>> allErrorSets() {
    if (stageErrors == null) {
      return previousErrors;
    }
    return ImmutableList.<Dataset<Row>>builder().addAll(previousErrors).add(stageErrors).build();
  }

  private Dataset<Row> allErrors() {
    List<Dataset<Row>> sets = new ArrayList<>(allErrorSets());
    if (sets.isEmpty()) {
      return context.spark().createDataFrame(List.of(), ErrorRecords.FRAME_SCHEMA);
    }
    Dataset<Row> all = sets.get(0);
    for (int i = 1; i < sets.size(); i++) {
      all = all.unionByName(sets.get(i));
    }
    return all;
  }

  @Override
  public String toString() {
    return "DynamicFrame[" + name + "]";
  }
}
