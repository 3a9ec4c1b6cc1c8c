package io.dynaframe.job;

import io.dynaframe.Lake;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Deploys a job's code the way jobs publish data: each deployment writes a new version folder in
 * the lake's CODE area, {@code CODE/<job>/v-<UTC time>-<content hash>/}, with the jars, a launcher
 * script for Glue and a manifest, and never writes over an existing object. The printed Glue job
 * settings name that version's keys, so a job runs exactly the code it was given, and going back is
 * pointing the job at an older version.
 *
 * <pre>{@code
 * Deployment d = Deployer.of(Lake.at("s3://my-lake"), hadoopConf)
 *     .deploy("orders-daily", "com.acme.OrdersJob", List.of(Path.of("target/orders-job.jar"), bundleJar));
 * System.out.println(d.describe());   // the jar keys and the Glue job parameters that use them
 * }</pre>
 *
 * <p>From a shell: {@code java -cp dynaframe-bundle.jar:<hadoop and aws jars>
 * io.dynaframe.job.Deployer --lake s3://my-lake --job orders-daily --class com.acme.OrdersJob
 * target/orders-job.jar dynaframe-bundle.jar}.
 */
public final class Deployer {
  /** The manifest written last into each version folder: a folder without it is incomplete. */
  public static final String MANIFEST = "deployment.json";

  private static final Pattern CLASS_NAME =
      Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*");
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

  private final Lake lake;
  private final Configuration conf;
  private final String glueVersion;

  private Deployer(Lake lake, Configuration conf, String glueVersion) {
    this.lake = Objects.requireNonNull(lake, "lake");
    this.conf = Objects.requireNonNull(conf, "conf");
    this.glueVersion = Objects.requireNonNull(glueVersion, "glueVersion");
  }

  /**
   * A deployer into the lake's CODE area, through the Hadoop file systems of {@code conf} (local
   * folders, {@code s3a://}); the Glue version of the settings follows the Spark this runs with
   * (3.5: Glue 5.0, 4.x: Glue 6.0) unless {@link #withGlueVersion given}.
   */
  public static Deployer of(Lake lake, Configuration conf) {
    return new Deployer(
        lake,
        conf,
        org.apache.spark.package$.MODULE$.SPARK_VERSION().startsWith("3.") ? "5.0" : "6.0");
  }

  /** The Glue version written into the printed settings. */
  public Deployer withGlueVersion(String version) {
    return new Deployer(lake, conf, version);
  }

  /**
   * Copies the jars into a new version folder of the job, writes the launcher script that calls
   * {@code mainClass.main(args)} and the manifest, and returns what was deployed.
   *
   * @param job the job's name (one path segment: letters, digits, {@code _ . = -})
   * @param mainClass the class with the job's {@code public static void main(String[])}
   * @param jars the job's jar and the jars it needs beyond Glue's own (the dynaframe bundle), in
   *     classpath order
   * @throws DeployException naming the jar, class or folder at fault; a failed deployment leaves no
   *     version folder
   */
  public Deployment deploy(String job, String mainClass, List<java.nio.file.Path> jars) {
    try {
      Lake.name(job);
    } catch (IllegalArgumentException e) {
      throw new DeployException(
          "job name '" + job + "' cannot name a folder in CODE: " + e.getMessage(), e);
    }
    if (mainClass == null || !CLASS_NAME.matcher(mainClass).matches()) {
      throw new DeployException(
          "'" + mainClass + "' is not a Java class name (for example com.acme.OrdersJob)");
    }
    if (jars.isEmpty()) {
      throw new DeployException("nothing to deploy for job " + job + ": give the job's jar");
    }
    Set<String> names = new HashSet<>();
    for (java.nio.file.Path jar : jars) {
      if (!Files.isRegularFile(jar)) {
        throw new DeployException("jar " + jar + " does not exist or is not a file");
      }
      String name = jar.getFileName().toString();
      if (!name.endsWith(".jar")) {
        throw new DeployException("file " + jar + " is not a jar (its name must end in .jar)");
      }
      if (!names.add(name)) {
        throw new DeployException(
            "two jars are named " + name + "; each jar of a deployment needs its own name");
      }
    }
    String version =
        "v-" + ZonedDateTime.now(ZoneOffset.UTC).format(STAMP) + "-" + hash(mainClass, jars);
    String location = lake.codePath(job) + "/" + version;
    Path folder = new Path(location);
    FileSystem fs;
    try {
      fs = folder.getFileSystem(conf);
      if (fs.exists(folder)) {
        throw new DeployException(
            "version folder " + folder + " exists already; deploy again in a second");
      }
    } catch (IOException e) {
      throw new DeployException(
          "cannot open the CODE area " + lake.code() + ": " + e.getMessage(), e);
    }
    List<String> keys = new ArrayList<>();
    try {
      for (java.nio.file.Path jar : jars) {
        Path target = new Path(folder, jar.getFileName().toString());
        try (InputStream in = Files.newInputStream(jar);
            OutputStream out = fs.create(target, false)) {
          in.transferTo(out);
        }
        keys.add(location + "/" + jar.getFileName());
      }
      Path script = new Path(folder, Deployment.LAUNCHER_CLASS + ".scala");
      write(fs, script, launcher(job, version, mainClass));
      Deployment d =
          new Deployment(
              job,
              version,
              location,
              mainClass,
              location + "/" + script.getName(),
              keys,
              glueVersion);
      write(fs, new Path(folder, MANIFEST), manifest(d));
      return d;
    } catch (IOException | RuntimeException e) {
      try {
        fs.delete(folder, true);
      } catch (IOException ignored) {
        // nothing points at an incomplete folder (it has no manifest); a later cleanup may remove
        // it
      }
      throw new DeployException(
          "deploying job " + job + " to " + folder + " failed: " + e.getMessage(), e);
    }
  }

  private static void write(FileSystem fs, Path path, String text) throws IOException {
    try (OutputStream out = fs.create(path, false)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  /**
   * The Scala script Glue compiles: an object named as {@code --class} that calls the job's main.
   */
  static String launcher(String job, String version, String mainClass) {
    return "// Written by dynaframe's Deployer for job "
        + job
        + ", "
        + version
        + ".\n"
        + "// Glue runs this object (--class "
        + Deployment.LAUNCHER_CLASS
        + "); it runs "
        + mainClass
        + ".main with the job's arguments.\n"
        + "object "
        + Deployment.LAUNCHER_CLASS
        + " {\n"
        + "  def main(sysArgs: Array[String]): Unit = "
        + mainClass
        + ".main(sysArgs)\n"
        + "}\n";
  }

  private static String manifest(Deployment d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("job", d.job());
    m.put("version", d.version());
    m.put("mainClass", d.mainClass());
    m.put("scriptLocation", d.scriptLocation());
    m.put("jars", d.jars());
    m.put("glueJob", d.glueJob());
    return Deployment.json(m) + "\n";
  }

  /** The first 8 hex digits of a SHA-256 over the main class and the jars' names and bytes. */
  private static String hash(String mainClass, List<java.nio.file.Path> jars) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(mainClass.getBytes(StandardCharsets.UTF_8));
      byte[] buffer = new byte[1 << 16];
      for (java.nio.file.Path jar : jars) {
        sha.update(jar.getFileName().toString().getBytes(StandardCharsets.UTF_8));
        try (InputStream in = Files.newInputStream(jar)) {
          int n;
          while ((n = in.read(buffer)) > 0) {
            sha.update(buffer, 0, n);
          }
        }
      }
      return HexFormat.of().formatHex(sha.digest()).substring(0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Deploys from a shell and prints the result: {@code --lake URI} (or {@code --code URI}), {@code
   * --job NAME}, {@code --class NAME}, optionally {@code --glue-version 5.0|6.0}, then the jars.
   */
  public static void main(String[] args) {
    String lakeRoot = null;
    String code = null;
    String job = null;
    String mainClass = null;
    String glue = null;
    List<java.nio.file.Path> jars = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--lake" -> lakeRoot = value(args, ++i, a);
        case "--code" -> code = value(args, ++i, a);
        case "--job" -> job = value(args, ++i, a);
        case "--class" -> mainClass = value(args, ++i, a);
        case "--glue-version" -> glue = value(args, ++i, a);
        default -> {
          if (a.startsWith("--")) {
            usage("unknown option " + a);
          }
          jars.add(java.nio.file.Path.of(a));
        }
      }
    }
    if ((lakeRoot == null && code == null) || job == null || mainClass == null || jars.isEmpty()) {
      usage("--lake (or --code), --job, --class and at least one jar are needed");
    }
    Lake lake = lakeRoot != null ? Lake.at(lakeRoot) : Lake.at("unused").withCode(code);
    if (lakeRoot != null && code != null) {
      lake = lake.withCode(code);
    }
    Deployer deployer = of(lake, new Configuration());
    if (glue != null) {
      deployer = deployer.withGlueVersion(glue);
    }
    System.out.print(deployer.deploy(job, mainClass, jars).describe());
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      usage(option + " needs a value");
    }
    return args[i];
  }

  private static void usage(String problem) {
    System.err.println("deploy: " + problem);
    System.err.println(
        "usage: Deployer --lake URI | --code URI --job NAME --class MAIN_CLASS [--glue-version V] JAR...");
    System.exit(2);
  }
}
