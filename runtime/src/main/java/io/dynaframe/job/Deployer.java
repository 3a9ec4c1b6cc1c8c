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
    checkContents(mainClass, jars);
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
    } catch (IOException | RuntimeException e) {
      if (e instanceof DeployException d) {
        throw d;
      }
      throw new DeployException(
          "cannot open the CODE area " + lake.code() + ": " + fileSystemAdvice(folder, e), e);
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

  /** Glue's versions that dynaframe runs on, and the Scala binary version of their Spark. */
  private static final Map<String, String> GLUE_SCALA =
      Map.of("5.0", "2.12", "5.1", "2.12", "6.0", "2.13");

  /** The manifest attribute of the bundle jar that names its Scala binary version. */
  static final String BUNDLE_SCALA_ATTRIBUTE = "Dynaframe-Scala-Binary-Version";

  private static final Pattern SCALA_SUFFIX = Pattern.compile("_(2\\.1[0-9])(?:[-.]|$)");

  /**
   * Refuses what Glue could not run: a Glue version dynaframe does not target, no dynaframe among
   * the jars, a dynaframe built for the other Scala than the Glue version's Spark, a main class in
   * none of the jars.
   */
  private void checkContents(String mainClass, List<java.nio.file.Path> jars) {
    String scala = GLUE_SCALA.get(glueVersion);
    if (scala == null) {
      throw new DeployException(
          "Glue version "
              + glueVersion
              + " is not one dynaframe runs on; use 5.0 or 5.1 (Spark 3.5, Scala 2.12, the"
              + " dynaframe-bundle_2.12 jar) or 6.0 (Spark 4, Scala 2.13, dynaframe-bundle_2.13)");
    }
    String classEntry = mainClass.replace('.', '/') + ".class";
    java.nio.file.Path mainJar = null;
    java.nio.file.Path dynaframeJar = null;
    String dynaframeScala = null;
    for (java.nio.file.Path jar : jars) {
      try (java.util.jar.JarFile file = new java.util.jar.JarFile(jar.toFile())) {
        if (mainJar == null && file.getEntry(classEntry) != null) {
          mainJar = jar;
        }
        java.util.jar.Manifest manifest = file.getManifest();
        String declared =
            manifest == null ? null : manifest.getMainAttributes().getValue(BUNDLE_SCALA_ATTRIBUTE);
        if (declared != null || file.getEntry("io/dynaframe/DynamicFrame.class") != null) {
          if (dynaframeJar == null) {
            dynaframeJar = jar;
            dynaframeScala = declared != null ? declared : scalaOfName(jar);
          }
        }
      } catch (IOException e) {
        throw new DeployException("jar " + jar + " cannot be read as a jar: " + e.getMessage(), e);
      }
    }
    String bundleName = "dynaframe-bundle_" + scala + "-<version>.jar";
    if (dynaframeJar == null) {
      throw new DeployException(
          "none of the jars "
              + names(jars)
              + " holds dynaframe (io.dynaframe.DynamicFrame): Glue "
              + glueVersion
              + " does not bring it; add the bundle "
              + bundleName
              + " (bundle/target of a dynaframe build with "
              + (scala.equals("2.12") ? "the default profile" : "-Pglue6")
              + ") after the job's jar");
    }
    if (dynaframeScala != null && !dynaframeScala.equals(scala)) {
      throw new DeployException(
          dynaframeJar.getFileName()
              + " is dynaframe for Scala "
              + dynaframeScala
              + ", but Glue "
              + glueVersion
              + " runs Spark with Scala "
              + scala
              + ": deploy "
              + bundleName
              + " instead, or choose --glue-version "
              + (dynaframeScala.equals("2.12") ? "5.0" : "6.0"));
    }
    if (mainJar == null) {
      throw new DeployException(
          "main class "
              + mainClass
              + " is in none of the jars "
              + names(jars)
              + " (no entry "
              + classEntry
              + "); check the class name (package included) and that the job's jar is built"
              + " and listed");
    }
  }

  private static String scalaOfName(java.nio.file.Path jar) {
    java.util.regex.Matcher m = SCALA_SUFFIX.matcher(jar.getFileName().toString());
    return m.find() ? m.group(1) : null;
  }

  private static List<String> names(List<java.nio.file.Path> jars) {
    return jars.stream().map(j -> j.getFileName().toString()).toList();
  }

  /** The file system's failure, with what to do when it is a missing S3 file system. */
  private static String fileSystemAdvice(Path folder, Exception e) {
    String scheme = folder.toUri().getScheme();
    String message = String.valueOf(e.getMessage());
    boolean noFs =
        e instanceof org.apache.hadoop.fs.UnsupportedFileSystemException
            || message.contains("No FileSystem for scheme");
    if ("s3".equals(scheme) && noFs) {
      return message
          + ". No Hadoop file system serves s3:// here (on AWS Glue and EMR, EMRFS does): use an"
          + " s3a:// lake (for example --lake s3a://my-lake) with hadoop-aws on the class path,"
          + " or add hadoop-aws (org.apache.hadoop:hadoop-aws, the version of Spark's Hadoop) and"
          + " set fs.s3.impl=org.apache.hadoop.fs.s3a.S3AFileSystem";
    }
    if ("s3a".equals(scheme) && (noFs || message.contains("S3AFileSystem"))) {
      return message
          + ". s3a:// needs hadoop-aws (org.apache.hadoop:hadoop-aws, the version of Spark's"
          + " Hadoop) and its AWS SDK on the class path";
    }
    return message;
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
   * --job NAME}, {@code --class NAME}, optionally {@code --glue-version 5.0|5.1|6.0}, then the
   * jars; {@code --help} prints the usage. Exits with 2 for wrong arguments, 1 when the deployment
   * is refused or fails.
   */
  public static void main(String[] args) {
    int status = run(args, System.out, System.err);
    if (status != 0) {
      System.exit(status);
    }
  }

  static final String USAGE =
      "usage: Deployer (--lake URI | --code URI) --job NAME --class MAIN_CLASS [--glue-version"
          + " 5.0|5.1|6.0] JAR...\n"
          + "  Copies the jars (the job's jar, then the dynaframe bundle of the Glue version's Scala:\n"
          + "  dynaframe-bundle_2.12 for Glue 5.0/5.1, dynaframe-bundle_2.13 for Glue 6.0) into a new\n"
          + "  version folder CODE/<job>/v-<time>-<hash>/ of the lake, with a launcher script and a\n"
          + "  manifest, and prints the Glue job settings that use them.\n"
          + "  --lake URI          the lake's root (s3a://bucket/prefix, a folder); CODE is its code/\n"
          + "  --code URI          the CODE area itself (instead of, or besides, --lake)\n"
          + "  --job NAME          the job's name (one path segment)\n"
          + "  --class MAIN_CLASS  the class with the job's main method; must be in one of the jars\n"
          + "  --glue-version V    5.0, 5.1 or 6.0 (default: the Spark this runs with)\n"
          + "  --help              this text\n";

  /** {@link #main}, writing to these streams and returning the exit status. */
  static int run(String[] args, java.io.PrintStream out, java.io.PrintStream err) {
    String lakeRoot = null;
    String code = null;
    String job = null;
    String mainClass = null;
    String glue = null;
    List<java.nio.file.Path> jars = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--help", "-h", "-help" -> {
          out.print(USAGE);
          return 0;
        }
        case "--lake", "--code", "--job", "--class", "--glue-version" -> {
          if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
            return usage(err, a + " needs a value");
          }
          String v = args[++i];
          switch (a) {
            case "--lake" -> lakeRoot = v;
            case "--code" -> code = v;
            case "--job" -> job = v;
            case "--class" -> mainClass = v;
            default -> glue = v;
          }
        }
        default -> {
          if (a.startsWith("-")) {
            return usage(err, "unknown option " + a);
          }
          jars.add(java.nio.file.Path.of(a));
        }
      }
    }
    List<String> missing = new ArrayList<>();
    if (lakeRoot == null && code == null) {
      missing.add("--lake (or --code)");
    }
    if (job == null) {
      missing.add("--job");
    }
    if (mainClass == null) {
      missing.add("--class");
    }
    if (jars.isEmpty()) {
      missing.add("at least one jar");
    }
    if (!missing.isEmpty()) {
      return usage(err, "missing " + String.join(", ", missing));
    }
    try {
      Lake lake = lakeRoot != null ? Lake.at(lakeRoot) : Lake.at("unused").withCode(code);
      if (lakeRoot != null && code != null) {
        lake = lake.withCode(code);
      }
      Deployer deployer = of(lake, new Configuration());
      if (glue != null) {
        deployer = deployer.withGlueVersion(glue);
      }
      out.print(deployer.deploy(job, mainClass, jars).describe());
      return 0;
    } catch (DeployException | IllegalArgumentException e) {
      err.println("deploy: refused: " + e.getMessage());
      return 1;
    }
  }

  private static int usage(java.io.PrintStream err, String problem) {
    err.println("deploy: " + problem);
    err.print(USAGE);
    return 2;
  }
}
