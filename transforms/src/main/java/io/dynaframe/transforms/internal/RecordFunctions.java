package io.dynaframe.transforms.internal;

import io.dynaframe.ErrorRecords;
import io.dynaframe.Records;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.FilterFunction;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.NullType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampType;

/**
 * Runs users' Java functions over records (Map, FlatMap, Filter with a predicate) through Spark's
 * Row encoders, one partition at a time, and turns a record the function fails on into an error
 * record instead of failing the job: the output rows are staged with {@link ErrorRecords#COLUMN},
 * null for a good row, the error (step, reason, the input record as JSON, the stack trace) for a
 * failed one.
 */
public final class RecordFunctions {
  private RecordFunctions() {}

  /** The staged schema: the output's fields (all nullable) and the error column. */
  public static StructType staged(StructType out) {
    List<StructField> fs = new ArrayList<>();
    for (StructField f : out.fields()) {
      fs.add(DataTypes.createStructField(f.name(), f.dataType(), true, f.metadata()));
    }
    fs.add(DataTypes.createStructField(ErrorRecords.COLUMN, ErrorRecords.SCHEMA, true));
    return DataTypes.createStructType(fs);
  }

  /** Rows staged by a Map function. */
  public static Dataset<Row> map(
      Dataset<Row> in, StructType out, MapFunction<Row, Row> fn, String step, String info) {
    return in.mapPartitions(
        new Runner(Kind.MAP, fn, null, null, in.schema(), out, step, info),
        Encoders.row(staged(out)));
  }

  /** Rows staged by a FlatMap function. */
  public static Dataset<Row> flatMap(
      Dataset<Row> in, StructType out, FlatMapFunction<Row, Row> fn, String step, String info) {
    return in.mapPartitions(
        new Runner(Kind.FLAT_MAP, null, fn, null, in.schema(), out, step, info),
        Encoders.row(staged(out)));
  }

  /**
   * Rows staged by a Filter predicate: records it keeps, and error records for those it throws on.
   */
  public static Dataset<Row> filter(
      Dataset<Row> in, FilterFunction<Row> fn, String step, String info) {
    return in.mapPartitions(
        new Runner(Kind.FILTER, null, null, fn, in.schema(), in.schema(), step, info),
        Encoders.row(staged(in.schema())));
  }

  private enum Kind {
    MAP,
    FLAT_MAP,
    FILTER
  }

  /** The partition function; holds only serializable values. */
  private static final class Runner implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private final Kind kind;
    private final MapFunction<Row, Row> map;
    private final FlatMapFunction<Row, Row> flatMap;
    private final FilterFunction<Row> filter;
    private final StructType inSchema;
    private final StructType outSchema;
    private final String step;
    private final String info;

    Runner(
        Kind kind,
        MapFunction<Row, Row> map,
        FlatMapFunction<Row, Row> flatMap,
        FilterFunction<Row> filter,
        StructType inSchema,
        StructType outSchema,
        String step,
        String info) {
      this.kind = kind;
      this.map = map;
      this.flatMap = flatMap;
      this.filter = filter;
      this.inSchema = inSchema;
      this.outSchema = outSchema;
      this.step = step;
      this.info = info;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
      return new Iterator<>() {
        private Iterator<Row> pending = Collections.emptyIterator();

        @Override
        public boolean hasNext() {
          while (!pending.hasNext() && rows.hasNext()) {
            pending = process(rows.next());
          }
          return pending.hasNext();
        }

        @Override
        public Row next() {
          if (!hasNext()) {
            throw new NoSuchElementException();
          }
          return pending.next();
        }
      };
    }

    private Iterator<Row> process(Row in) {
      try {
        switch (kind) {
          case MAP:
            {
              Row out = map.call(in);
              String problem = problem(out);
              return List.of(
                      problem == null ? good(out) : bad(in, "the map function " + problem, null))
                  .iterator();
            }
          case FILTER:
            return filter.call(in) ? List.of(good(in)).iterator() : Collections.emptyIterator();
          default:
            {
              Iterator<Row> outs = flatMap.call(in);
              if (outs == null) {
                return List.of(
                        bad(in, "the flatMap function returned null instead of an iterator", null))
                    .iterator();
              }
              List<Row> result = new ArrayList<>();
              while (outs.hasNext()) {
                Row out = outs.next();
                String problem = problem(out);
                if (problem != null) {
                  return List.of(bad(in, "the flatMap function " + problem, null)).iterator();
                }
                result.add(good(out));
              }
              return result.iterator();
            }
        }
      } catch (Exception | StackOverflowError e) {
        String what = kind == Kind.MAP ? "map" : kind == Kind.FILTER ? "filter" : "flatMap";
        return List.of(bad(in, "the " + what + " function failed: " + e, e)).iterator();
      }
    }

    private Row good(Row out) {
      Object[] values = new Object[outSchema.size() + 1];
      for (int i = 0; i < outSchema.size(); i++) {
        values[i] = out.get(i);
      }
      return RowFactory.create(values);
    }

    private Row bad(Row in, String message, Throwable cause) {
      Object[] values = new Object[outSchema.size() + 1];
      String raw;
      try {
        raw = Records.toJson(in, inSchema);
      } catch (RuntimeException e) {
        raw = String.valueOf(in);
      }
      String reason = info == null || info.isEmpty() ? message : info + ": " + message;
      values[outSchema.size()] =
          ErrorRecords.recordError(
              step, info == null || info.isEmpty() ? null : info, reason, raw, cause);
      return RowFactory.create(values);
    }

    /** What is wrong with a row the function returned, or null when it fits the output schema. */
    private String problem(Row out) {
      if (out == null) {
        return "returned null instead of a record";
      }
      if (out.size() != outSchema.size()) {
        return "returned a record of "
            + out.size()
            + " values for an output schema of "
            + outSchema.size()
            + " fields "
            + List.of(outSchema.fieldNames());
      }
      for (int i = 0; i < out.size(); i++) {
        String p = valueProblem(out.get(i), outSchema.fields()[i].dataType());
        if (p != null) {
          return "returned " + p + " for field '" + outSchema.fields()[i].name() + "'";
        }
      }
      return null;
    }
  }

  /** What is wrong with a value for a Spark type, or null when the Row encoder takes it. */
  static String valueProblem(Object v, DataType t) {
    if (v == null) {
      return null;
    }
    boolean ok;
    if (t instanceof StringType) {
      ok = v instanceof String;
    } else if (t instanceof LongType) {
      ok = v instanceof Long;
    } else if (t instanceof IntegerType) {
      ok = v instanceof Integer;
    } else if (t instanceof ShortType) {
      ok = v instanceof Short;
    } else if (t instanceof ByteType) {
      ok = v instanceof Byte;
    } else if (t instanceof DoubleType) {
      ok = v instanceof Double;
    } else if (t instanceof FloatType) {
      ok = v instanceof Float;
    } else if (t instanceof BooleanType) {
      ok = v instanceof Boolean;
    } else if (t instanceof DecimalType) {
      ok =
          v instanceof BigDecimal
              || v instanceof scala.math.BigDecimal
              || v instanceof org.apache.spark.sql.types.Decimal;
    } else if (t instanceof DateType) {
      ok = v instanceof java.sql.Date || v instanceof java.time.LocalDate;
    } else if (t instanceof TimestampType) {
      ok = v instanceof java.sql.Timestamp || v instanceof java.time.Instant;
    } else if (t instanceof BinaryType) {
      ok = v instanceof byte[];
    } else if (t instanceof NullType) {
      ok = false;
    } else if (t instanceof StructType st) {
      if (!(v instanceof Row r)) {
        ok = false;
      } else if (r.size() != st.size()) {
        return "a struct of " + r.size() + " values where " + st.size() + " are expected";
      } else {
        for (int i = 0; i < r.size(); i++) {
          String p = valueProblem(r.get(i), st.fields()[i].dataType());
          if (p != null) {
            return p + " in field '" + st.fields()[i].name() + "'";
          }
        }
        ok = true;
      }
    } else if (t instanceof ArrayType) {
      ok = v instanceof List<?> || v instanceof scala.collection.Seq<?> || v.getClass().isArray();
    } else if (t instanceof MapType) {
      ok = v instanceof java.util.Map<?, ?> || v instanceof scala.collection.Map<?, ?>;
    } else {
      ok = true;
    }
    return ok
        ? null
        : "a "
            + v.getClass().getSimpleName()
            + " ("
            + v
            + ") where a "
            + t.simpleString()
            + " is expected";
  }
}
