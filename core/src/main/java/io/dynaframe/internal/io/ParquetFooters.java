package io.dynaframe.internal.io;

import io.dynaframe.InputFile;
import io.dynaframe.SourceException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Checks, from the files' footers alone (no Spark job, no data read), that the Parquet files of one
 * source agree on the type of every column they share. Spark reads all files with the schema of one
 * of them, so a column that is a long in one file and a string in another would otherwise be read
 * wrongly or fail deep inside a task; here it fails at once with a {@link SourceException} that
 * names the column and two files that disagree.
 *
 * <p>Columns are matched by name without regard to case, as Spark matches them. Columns that only
 * some files have are fine (they read as null elsewhere), as are differences of nullability; a
 * nested field is compared where both files have it.
 */
final class ParquetFooters {
  private ParquetFooters() {}

  private static final int THREADS = 8;

  private record Seen(String file, String path, Type type) {}

  /**
   * The files that hold data, and whether they have different sets of columns (then Spark must
   * merge their schemas, or it would read them all with the columns of one of them and drop the
   * others' extra columns without a word).
   */
  record Checked(List<InputFile> files, boolean columnsDiffer, String sparkSchema) {}

  /** The key under which Spark writes a file's schema, as JSON, into the Parquet footer. */
  static final String SPARK_SCHEMA_KEY = "org.apache.spark.sql.parquet.row.metadata";

  private record Footer(MessageType schema, String sparkSchema) {}

  /**
   * Checks the files. Zero-byte files hold no records and are not Parquet files at all, so they are
   * left out.
   *
   * @throws SourceException naming a file that is not Parquet, or a column whose type differs
   *     between two files
   */
  static Checked check(List<InputFile> files, Configuration conf) {
    List<InputFile> data = new ArrayList<>();
    for (InputFile f : files) {
      if (f.length() > 0) {
        data.add(f);
      }
    }
    List<Footer> footers = footers(data, conf);
    List<MessageType> schemas = footers.stream().map(Footer::schema).toList();
    Map<String, Seen> seen = new LinkedHashMap<>();
    java.util.Set<java.util.Set<String>> columnSets = new java.util.HashSet<>();
    for (int i = 0; i < data.size(); i++) {
      java.util.Set<String> columns = new java.util.HashSet<>();
      compare(data.get(i).path(), "", schemas.get(i), seen, columns);
      columnSets.add(columns);
    }
    boolean differ = columnSets.size() > 1;
    // the schema Spark would infer itself (it reads the first file's footer in a Spark job of its
    // own)
    String sparkSchema = differ || footers.isEmpty() ? null : footers.get(0).sparkSchema();
    return new Checked(data, differ, sparkSchema);
  }

  private static List<Footer> footers(List<InputFile> files, Configuration conf) {
    if (files.size() <= 1) {
      List<Footer> out = new ArrayList<>();
      for (InputFile f : files) {
        out.add(footer(f, conf));
      }
      return out;
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.min(THREADS, files.size()),
            r -> {
              Thread t = new Thread(r, "dynaframe-parquet-footers");
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<Footer>> futures = new ArrayList<>();
      for (InputFile f : files) {
        futures.add(pool.submit(() -> footer(f, conf)));
      }
      List<Footer> out = new ArrayList<>();
      for (Future<Footer> fu : futures) {
        out.add(fu.get());
      }
      return out;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof SourceException s) {
        throw s;
      }
      throw new SourceException(
          "cannot read the Parquet footers of the source: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SourceException("interrupted while reading the Parquet footers of the source", e);
    } finally {
      pool.shutdownNow();
    }
  }

  private static Footer footer(InputFile f, Configuration conf) {
    Path path = new Path(f.path());
    // options from our configuration: open(file) alone builds a new Hadoop Configuration for
    // every file on Parquet 1.16 (Glue 6), parsing its XML resources each time
    try (ParquetFileReader reader =
        ParquetFileReader.open(
            HadoopInputFile.fromPath(path, conf),
            org.apache.parquet.HadoopReadOptions.builder(conf, path).build())) {
      var meta = reader.getFooter().getFileMetaData();
      return new Footer(meta.getSchema(), meta.getKeyValueMetaData().get(SPARK_SCHEMA_KEY));
    } catch (IOException | RuntimeException e) {
      throw new SourceException(
          "file " + f.path() + " is not a readable Parquet file: " + e.getMessage(), e);
    }
  }

  private static void compare(
      String file,
      String prefix,
      GroupType group,
      Map<String, Seen> seen,
      java.util.Set<String> columns) {
    for (Type t : group.getFields()) {
      String path = prefix.isEmpty() ? t.getName() : prefix + "." + t.getName();
      String key = path.toLowerCase(Locale.ROOT);
      columns.add(key);
      Seen first = seen.get(key);
      if (first == null) {
        seen.put(key, new Seen(file, path, t));
      } else if (!sameKind(first.type(), t)) {
        throw new SourceException(
            "the Parquet files of the source disagree on the type of column '"
                + first.path()
                + "': it is "
                + describe(first.type())
                + " in "
                + first.file()
                + " but "
                + describe(t)
                + " in "
                + file
                + "; read the files as separate sources, or rewrite one of them with the other's type");
      }
      if (!t.isPrimitive()) {
        compare(file, path, t.asGroupType(), seen, columns);
      }
    }
  }

  /**
   * Same primitive type and logical type, or both groups (whose fields are compared one by one).
   */
  private static boolean sameKind(Type a, Type b) {
    if (a.isPrimitive() != b.isPrimitive()) {
      return false;
    }
    if (!a.isPrimitive()) {
      return true;
    }
    PrimitiveType pa = a.asPrimitiveType();
    PrimitiveType pb = b.asPrimitiveType();
    return pa.getPrimitiveTypeName() == pb.getPrimitiveTypeName()
        && java.util.Objects.equals(pa.getLogicalTypeAnnotation(), pb.getLogicalTypeAnnotation())
        && pa.getTypeLength() == pb.getTypeLength();
  }

  private static String describe(Type t) {
    if (!t.isPrimitive()) {
      LogicalTypeAnnotation l = t.getLogicalTypeAnnotation();
      return l == null ? "a group" : "a group (" + l + ")";
    }
    PrimitiveType p = t.asPrimitiveType();
    String name = p.getPrimitiveTypeName().name().toLowerCase(Locale.ROOT);
    return p.getLogicalTypeAnnotation() == null
        ? name
        : name + " (" + p.getLogicalTypeAnnotation() + ")";
  }
}
