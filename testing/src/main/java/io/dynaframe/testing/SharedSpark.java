package io.dynaframe.testing;

import io.dynaframe.DynaContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import org.apache.spark.sql.SparkSession;

/**
 * The one local SparkSession of a test JVM: started on first use with the UI off, two cores, four
 * shuffle partitions, and a warehouse and metastore in a temporary folder that is deleted when the
 * JVM exits. Every test class that uses {@link SparkExtension} shares it, so the start-up cost is
 * paid once.
 *
 * <p>System properties tune it: {@code dynaframe.test.master} (default {@code local[2]}), {@code
 * dynaframe.test.hive} ({@code true}/{@code false}; default: on when spark-hive is on the
 * classpath).
 *
 * <p>A test JVM without a log configuration of its own gets the kit's quiet one (Spark and Hadoop
 * at WARN, dynaframe at INFO; the resource {@code io/dynaframe/testing/log4j2-quiet.properties})
 * before Spark starts; {@code -Ddynaframe.test.quietLogs=false} keeps Spark's default.
 */
public final class SharedSpark {
  private SharedSpark() {}

  private static DynaContext context;
  private static Path dataDir;

  /** The shared context, started on first call. */
  public static synchronized DynaContext context() {
    if (context == null) {
      QuietLogs.applyUnlessConfigured();
      try {
        dataDir = Files.createTempDirectory("dynaframe-test-");
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create a temporary folder for Spark", e);
      }
      DynaContext.LocalBuilder b =
          DynaContext.local()
              .master(System.getProperty("dynaframe.test.master", "local[2]"))
              .appName("dynaframe-tests")
              .dataDir(dataDir)
              .shufflePartitions(4)
              .config("spark.sql.adaptive.enabled", "false")
              .config("spark.default.parallelism", "2");
      String hive = System.getProperty("dynaframe.test.hive");
      if (hive != null) {
        b.hiveSupport(Boolean.parseBoolean(hive));
      }
      context = b.build();
      Runtime.getRuntime()
          .addShutdownHook(new Thread(SharedSpark::stop, "dynaframe-test-spark-stop"));
    }
    return context;
  }

  /** The shared session. */
  public static SparkSession spark() {
    return context().spark();
  }

  /** The temporary folder that holds the warehouse and metastore. */
  public static synchronized Path dataDir() {
    context();
    return dataDir;
  }

  private static synchronized void stop() {
    if (context != null) {
      context.spark().stop();
      context = null;
    }
    if (dataDir != null) {
      deleteQuietly(dataDir);
    }
  }

  static void deleteQuietly(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try {
      Files.walkFileTree(
          dir,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.deleteIfExists(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
              Files.deleteIfExists(d);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      // a temporary folder; the OS cleans it eventually
    }
  }
}
