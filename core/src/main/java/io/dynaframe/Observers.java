package io.dynaframe;

import io.dynaframe.catalog.TableIdentifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the run observers on the class path and describes sources and sinks to them. A factory that
 * cannot be loaded or fails is logged and left out: observing never makes a job fail.
 */
final class Observers {
  private static final Logger LOG = LoggerFactory.getLogger(Observers.class);

  private Observers() {}

  /**
   * The observer of a new run: the one of each factory found, chained; {@link RunObserver#NONE}
   * when there is none.
   */
  static RunObserver forRun(SparkSession spark, String runId) {
    List<RunObserver> found = new ArrayList<>();
    ClassLoader cl = Thread.currentThread().getContextClassLoader();
    ServiceLoader<RunObserver.Factory> loader =
        ServiceLoader.load(
            RunObserver.Factory.class, cl == null ? Observers.class.getClassLoader() : cl);
    for (var it = loader.stream().iterator(); it.hasNext(); ) {
      var provider = it.next();
      try {
        RunObserver o = provider.get().create(spark, runId);
        if (o != null && o != RunObserver.NONE) {
          found.add(o);
        }
      } catch (RuntimeException | java.util.ServiceConfigurationError | LinkageError e) {
        LOG.warn("run observer {} is left out: {}", provider.type().getName(), e.toString());
      }
    }
    return switch (found.size()) {
      case 0 -> RunObserver.NONE;
      case 1 -> found.get(0);
      default -> new Chain(List.copyOf(found));
    };
  }

  /** Observers called in turn, the first outermost. */
  private record Chain(List<RunObserver> observers) implements RunObserver {
    @Override
    public <T> Optional<T> find(Class<T> type) {
      for (RunObserver o : observers) {
        Optional<T> found = o.find(type);
        if (found.isPresent()) {
          return found;
        }
      }
      return RunObserver.super.find(type);
    }

    @Override
    public <O> O step(
        DynamicFrame input, String step, String kind, Function<DynamicFrame, O> expand) {
      Function<DynamicFrame, O> f = expand;
      for (int i = observers.size() - 1; i >= 0; i--) {
        RunObserver o = observers.get(i);
        Function<DynamicFrame, O> inner = f;
        f = in -> o.step(in, step, kind, inner);
      }
      return f.apply(input);
    }

    @Override
    public void quality(QualityEvaluation evaluation, Dataset<Row> rowLevelOutcomes) {
      for (RunObserver o : observers) {
        o.quality(evaluation, rowLevelOutcomes);
      }
    }

    @Override
    public Dataset<Row> qualityRows(QualityEvaluation evaluation, Dataset<Row> rowLevelOutcomes) {
      Dataset<Row> out = rowLevelOutcomes;
      for (RunObserver o : observers) {
        out = o.qualityRows(evaluation, out);
      }
      return out;
    }

    @Override
    public Optional<QualityHistory> qualityHistory(String evaluationContext) {
      for (RunObserver o : observers) {
        Optional<QualityHistory> h = o.qualityHistory(evaluationContext);
        if (h.isPresent()) {
          return h;
        }
      }
      return Optional.empty();
    }

    @Override
    public Dataset<Row> staged(Dataset<Row> staged) {
      Dataset<Row> out = staged;
      for (RunObserver o : observers) {
        out = o.staged(out);
      }
      return out;
    }

    @Override
    public DataSource source(Io source, DataSource inner) {
      DataSource out = inner;
      for (int i = observers.size() - 1; i >= 0; i--) {
        out = observers.get(i).source(source, out);
      }
      return out;
    }

    @Override
    public DataSink sink(Io sink, DataSink inner) {
      DataSink out = inner;
      for (int i = observers.size() - 1; i >= 0; i--) {
        out = observers.get(i).sink(sink, out);
      }
      return out;
    }

    @Override
    public void sampled(String folder) {
      for (RunObserver o : observers) {
        o.sampled(folder);
      }
    }
  }

  // ---------------------------------------------------------------- describing sources and sinks

  /** The options a source's or sink's description reads. */
  private static final java.util.Set<String> DESCRIBED =
      java.util.Set.of("paths", "path", "dbtable", "catalogTableName", "catalogDatabase");

  /**
   * The options with the names a description reads in Glue's spelling, whatever their case (the
   * connector, which reads them in any case too, reports two spellings of one).
   */
  private static Options readable(Options options) {
    return options == null
        ? Options.empty()
        : Options.of(io.dynaframe.internal.OptionKeys.lenient(options.asMap(), DESCRIBED));
  }

  /** A file source: named by its transformation context, else {@code <format>_source}. */
  static RunObserver.Io source(
      String connectionType, Options options, String transformationContext, String format) {
    return source(connectionType, options, transformationContext, format, null);
  }

  /**
   * A source; {@code jdbcUrl} is the URL of a JDBC source (from its options or its catalog
   * connection), whose table then is its dataset, named as OpenLineage names JDBC tables.
   */
  static RunObserver.Io source(
      String connectionType,
      Options options,
      String transformationContext,
      String format,
      String jdbcUrl) {
    Options o = readable(options);
    List<String> paths = new ArrayList<>(o.getStringList("paths"));
    if (paths.isEmpty() && o.has("path")) {
      paths.add(o.getString("path", ""));
    }
    String jdbc = JdbcDatasets.uri(connectionType, jdbcUrl, o.getString("dbtable", null));
    if (jdbc != null) {
      paths.add(jdbc);
    }
    paths.removeIf(Observers::blank);
    String name =
        blank(transformationContext)
            ? (blank(format) ? "source" : lower(format) + "_source")
            : transformationContext;
    return new RunObserver.Io(name, type(connectionType, format), args(o), paths, Optional.empty());
  }

  /** A catalog source: named by its transformation context, else the table. */
  static RunObserver.Io catalogSource(String database, String table, String transformationContext) {
    String name = blank(transformationContext) ? table : transformationContext;
    Map<String, String> args = new LinkedHashMap<>();
    args.put("database", database);
    args.put("table", table);
    return new RunObserver.Io(name, "Data Catalog", args, List.of(), table(database, table));
  }

  /**
   * A sink: named by its transformation context, else its catalog table, else the last folder of
   * its path.
   */
  static RunObserver.Io sink(
      String connectionType, Options options, String transformationContext, String format) {
    return sink(connectionType, options, transformationContext, format, null);
  }

  /** A sink; {@code jdbcUrl} as for {@link #source(String, Options, String, String, String)}. */
  static RunObserver.Io sink(
      String connectionType,
      Options options,
      String transformationContext,
      String format,
      String jdbcUrl) {
    Options o = readable(options);
    String jdbc = JdbcDatasets.uri(connectionType, jdbcUrl, o.getString("dbtable", null));
    String path = o.getString("path", "");
    String table = o.getString("catalogTableName", "");
    String name;
    if (!blank(transformationContext)) {
      name = transformationContext;
    } else if (!blank(table)) {
      name = table;
    } else {
      String trimmed = path.replaceAll("/+$", "");
      String last = trimmed.substring(trimmed.lastIndexOf('/') + 1);
      name =
          last.isBlank() || last.contains(":")
              ? (blank(format) ? "sink" : lower(format) + "_sink")
              : last;
    }
    Optional<TableIdentifier> id = table(o.getString("catalogDatabase", ""), table);
    List<String> paths = jdbc != null ? List.of(jdbc) : blank(path) ? List.of() : List.of(path);
    return new RunObserver.Io(name, type(connectionType, format), args(o), paths, id);
  }

  /**
   * The table, or empty when a name is missing or not valid (the catalog call then says what is
   * wrong).
   */
  private static Optional<TableIdentifier> table(String database, String table) {
    try {
      return blank(database) || blank(table)
          ? Optional.empty()
          : Optional.of(TableIdentifier.of(database, table));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }

  private static String type(String connectionType, String format) {
    String c = blank(connectionType) ? "" : connectionType.toUpperCase(Locale.ROOT);
    String f = blank(format) ? "" : format.toUpperCase(Locale.ROOT);
    return (c + " " + f).strip();
  }

  /**
   * Option values as text; values whose names look like secrets as {@code *****}, credentials in
   * URIs removed.
   */
  private static Map<String, String> args(Options options) {
    Map<String, String> out = new LinkedHashMap<>();
    options
        .asMap()
        .forEach(
            (k, v) -> {
              String text =
                  v instanceof List<?> list
                      ? String.join(", ", list.stream().map(String::valueOf).toList())
                      : String.valueOf(v);
              out.put(k, Options.isSecretName(k) ? "*****" : Options.withoutUserInfo(text));
            });
    return out;
  }
}
