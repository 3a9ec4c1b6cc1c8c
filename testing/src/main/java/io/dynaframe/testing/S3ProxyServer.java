package io.dynaframe.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * An S3 API server for tests: <a href="https://github.com/gaul/s3proxy">S3Proxy</a> with its
 * filesystem provider, started as a separate JVM (its libraries clash with Spark's on one
 * classpath) that listens on a free port of 127.0.0.1 only and keeps its buckets as folders under a
 * data folder. Requests must be signed with {@link #identity()} and {@link #credential()} (AWS
 * signature v2 or v4).
 *
 * <pre>{@code
 * try (S3ProxyServer s3 = S3ProxyServer.start(S3ProxyServer.classpathFromSystemProperty(), dir)) {
 *   s3.createBucket("lake");
 *   s3.hadoopOptions("lake").forEach(spark.sparkContext().hadoopConfiguration()::set);
 *   // read and write s3a://lake/...
 * }
 * }</pre>
 *
 * <p>The server stops on {@link #close()}, and at the latest when the test JVM exits. For fault
 * tests, {@link #kill()} ends its JVM abruptly (as a crash or a lost host would) and {@link
 * #restart()} starts it again on the same port over the same data folder, so that clients
 * configured with its {@link #endpoint()} reach it again with the objects kept.
 */
public final class S3ProxyServer implements AutoCloseable {

  /** The system property that build files set to S3Proxy's runtime classpath. */
  public static final String CLASSPATH_PROPERTY = "dynaframe.s3proxy.classpath";

  private static final String IDENTITY = "dynaframe-test";
  private static final String CREDENTIAL = "dynaframe-test-secret";
  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
  private static final long START_TIMEOUT_MILLIS = 60_000;

  private final String classpath;
  private final Path root;
  private final int port;
  private final Path dataDir;
  private final Path log;
  private volatile Process process;
  private final Thread shutdownHook;

  private S3ProxyServer(
      String classpath, Path root, Process process, int port, Path dataDir, Path log) {
    this.classpath = classpath;
    this.root = root;
    this.process = process;
    this.port = port;
    this.dataDir = dataDir;
    this.log = log;
    this.shutdownHook = new Thread(this::stopProcess, "s3proxy-stop-" + port);
  }

  /**
   * The classpath named by the system property {@value #CLASSPATH_PROPERTY}; fails with a message
   * that says how to set it when it is missing or names no existing file.
   */
  public static String classpathFromSystemProperty() {
    String cp = System.getProperty(CLASSPATH_PROPERTY);
    if (cp == null || cp.isBlank()) {
      throw new IllegalStateException(
          "system property "
              + CLASSPATH_PROPERTY
              + " is not set: the build must put "
              + "S3Proxy's runtime classpath (e.g. org.gaul:s3proxy:jar-with-dependencies) there");
    }
    for (String entry : cp.split(java.io.File.pathSeparator)) {
      if (!entry.isBlank() && !Files.exists(Path.of(entry))) {
        throw new IllegalStateException(
            "system property "
                + CLASSPATH_PROPERTY
                + " names "
                + entry
                + ", which does not exist; build the module's test resources first");
      }
    }
    return cp;
  }

  /**
   * Starts S3Proxy in its own JVM with the given classpath, keeping buckets under {@code dataDir}
   * (created if missing), and returns once it answers HTTP requests.
   *
   * @throws IllegalStateException if it does not start within a minute; the message holds the end
   *     of its log
   */
  public static S3ProxyServer start(String classpath, Path dataDir) {
    Objects.requireNonNull(classpath, "classpath");
    Objects.requireNonNull(dataDir, "dataDir");
    IllegalStateException last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      try {
        S3ProxyServer server =
            new S3ProxyServer(
                classpath,
                dataDir.toAbsolutePath(),
                null,
                freePort(),
                dataDir.toAbsolutePath().resolve("buckets"),
                null);
        return server.launch();
      } catch (PortTakenException e) {
        // another process took the free port between our probe and S3Proxy's bind: try another
        last = e;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot find a free port for S3Proxy", e);
      }
    }
    throw last;
  }

  /**
   * Starts S3Proxy in its own JVM with its objects in memory (jclouds' {@code transient} store),
   * writing its properties and log under {@code workDir}, and returns once it answers HTTP
   * requests. It checks no signatures, and its objects are gone when it stops, so it cannot be
   * {@link #restart()}ed; it is the fast choice for tests that only write and read. (The folder
   * store of {@link #start} retries for 10 s whenever S3A deletes a directory marker whose folder
   * still holds objects, which every Spark write through S3A does once or more.)
   */
  public static S3ProxyServer startInMemory(String classpath, Path workDir) {
    Objects.requireNonNull(classpath, "classpath");
    Objects.requireNonNull(workDir, "workDir");
    IllegalStateException last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      try {
        return new S3ProxyServer(classpath, workDir.toAbsolutePath(), null, freePort(), null, null)
            .launch();
      } catch (PortTakenException e) {
        last = e;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot find a free port for S3Proxy", e);
      }
    }
    throw last;
  }

  /** Whether the objects are kept in memory ({@link #startInMemory}) rather than in a folder. */
  private boolean inMemory() {
    return dataDir == null;
  }

  /**
   * Starts the S3Proxy JVM of this server on its port and data folder, and waits until it answers.
   */
  private S3ProxyServer launch() {
    try {
      Files.createDirectories(root);
      Path data = inMemory() ? null : Files.createDirectories(dataDir);
      Properties p = new Properties();
      p.setProperty("s3proxy.endpoint", "http://127.0.0.1:" + port);
      if (data == null) {
        p.setProperty("s3proxy.authorization", "none");
        p.setProperty("jclouds.provider", "transient");
        p.setProperty("jclouds.identity", IDENTITY);
        p.setProperty("jclouds.credential", CREDENTIAL);
      } else {
        p.setProperty("s3proxy.authorization", "aws-v2-or-v4");
        p.setProperty("s3proxy.identity", IDENTITY);
        p.setProperty("s3proxy.credential", CREDENTIAL);
        // "filesystem-nio2" fails to delete S3A's directory markers (HTTP 500); the older provider
        // works
        p.setProperty("jclouds.provider", "filesystem");
        p.setProperty("jclouds.filesystem.basedir", data.toString());
      }
      Path props = root.resolve("s3proxy-" + port + ".properties");
      try (Writer w = Files.newBufferedWriter(props, StandardCharsets.UTF_8)) {
        p.store(w, "S3Proxy for dynaframe tests");
      }
      Path log = logFile();
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      List<String> command =
          new ArrayList<>(
              List.of(
                  java,
                  "-Xmx256m",
                  "-XX:+UseSerialGC",
                  "-cp",
                  classpath,
                  "org.gaul.s3proxy.Main",
                  "--properties",
                  props.toString()));
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
              .start();
      S3ProxyServer server = new S3ProxyServer(classpath, root, process, port, data, log);
      Runtime.getRuntime().addShutdownHook(server.shutdownHook);
      server.awaitReady();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start S3Proxy under " + root, e);
    }
  }

  private static java.io.File nullDevice() {
    return new java.io.File(
        System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private void awaitReady() {
    long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
    while (System.currentTimeMillis() < deadline) {
      if (!process.isAlive()) {
        stopProcess();
        String tail = logTail();
        if (tail.contains("Address already in use") || tail.contains("BindException")) {
          throw new PortTakenException(tail);
        }
        throw new IllegalStateException(
            "S3Proxy exited with code "
                + process.exitValue()
                + " before it answered on port "
                + port
                + "; its log "
                + log
                + " ends with:\n"
                + tail);
      }
      if (answers()) {
        return;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        close();
        throw new IllegalStateException("interrupted while waiting for S3Proxy to start", e);
      }
    }
    close();
    throw new IllegalStateException(
        "S3Proxy did not answer on port "
            + port
            + " within "
            + START_TIMEOUT_MILLIS / 1000
            + " s; its log "
            + log
            + " ends with:\n"
            + logTail());
  }

  private boolean answers() {
    try {
      HttpURLConnection c =
          (HttpURLConnection) URI.create(endpoint() + "/").toURL().openConnection();
      c.setConnectTimeout(500);
      c.setReadTimeout(2000);
      try {
        return c.getResponseCode() > 0; // an unsigned request gets 403: the server is up
      } finally {
        c.disconnect();
      }
    } catch (IOException e) {
      return false;
    }
  }

  private Path logFile() {
    return root.resolve("s3proxy-" + port + ".log");
  }

  private String logTail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(log unreadable: " + e.getMessage() + ")";
    }
  }

  /** {@code http://127.0.0.1:<port>}. */
  public String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  /** The port it listens on, on 127.0.0.1. */
  public int port() {
    return port;
  }

  /** The access key id that requests must be signed with. */
  public String identity() {
    return IDENTITY;
  }

  /** The secret key that requests must be signed with. */
  public String credential() {
    return CREDENTIAL;
  }

  /**
   * Creates an empty bucket (the filesystem provider keeps a bucket as a folder of the data folder)
   * and returns its name; a bucket that exists already is kept as it is.
   *
   * @throws IllegalArgumentException if the name is not a valid S3 bucket name
   */
  public String createBucket(String name) {
    if (!BUCKET.matcher(name).matches() || name.contains("..")) {
      throw new IllegalArgumentException(
          "not a valid S3 bucket name: '"
              + name
              + "' (3 to 63 lower-case letters, digits, '.' and '-')");
    }
    if (inMemory()) {
      try {
        java.net.HttpURLConnection c =
            (java.net.HttpURLConnection)
                java.net.URI.create(endpoint() + "/" + name).toURL().openConnection();
        c.setRequestMethod("PUT");
        c.setFixedLengthStreamingMode(0);
        c.setDoOutput(true);
        c.getOutputStream().close();
        int status = c.getResponseCode();
        if (status != 200 && status != 409) {
          throw new IllegalStateException(
              "S3Proxy answered " + status + " to creating bucket " + name);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create bucket " + name + " on " + endpoint(), e);
      }
      return name;
    }
    try {
      Files.createDirectories(dataDir.resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create bucket " + name + " under " + dataDir, e);
    }
    return name;
  }

  /**
   * The Hadoop settings that point S3A at this server for one bucket only (per-bucket keys {@code
   * fs.s3a.bucket.<bucket>.*}, so other buckets and tests are untouched): endpoint, path-style
   * access, no TLS, and static credentials.
   */
  public Map<String, String> hadoopOptions(String bucket) {
    String prefix = "fs.s3a.bucket." + bucket + ".";
    Map<String, String> o = new TreeMap<>();
    o.put(prefix + "endpoint", endpoint());
    o.put(prefix + "endpoint.region", "us-east-1");
    o.put(prefix + "path.style.access", "true");
    o.put(prefix + "connection.ssl.enabled", "false");
    o.put(
        prefix + "aws.credentials.provider",
        "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
    o.put(prefix + "access.key", IDENTITY);
    o.put(prefix + "secret.key", CREDENTIAL);
    // S3Proxy does not answer the bulk DeleteObjects call of SDK v1; delete key by key, and
    // keep directory markers so that a write does not have to delete its parents' markers
    o.put(prefix + "multiobjectdelete.enable", "false");
    o.put(prefix + "directory.marker.retention", "keep");
    o.put(prefix + "connection.timeout", "30000");
    o.put(prefix + "attempts.maximum", "3");
    o.put(prefix + "retry.limit", "3");
    return o;
  }

  /** True while the server's JVM runs. */
  public boolean isRunning() {
    Process p = process;
    return p != null && p.isAlive();
  }

  /**
   * Ends the server's JVM at once with SIGKILL (no shutdown, open connections are cut), as a
   * crashed or unreachable server; waits until it has exited. Requests then fail with "connection
   * refused" until {@link #restart()}.
   */
  public void kill() {
    Process p = process;
    if (p == null || !p.isAlive()) {
      return;
    }
    p.destroyForcibly();
    try {
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        throw new IllegalStateException(
            "S3Proxy on port " + port + " did not exit within 20 s of SIGKILL");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while killing S3Proxy", e);
    }
  }

  /**
   * Starts the server again, after {@link #kill()} or {@link #close()}, on the same port over the
   * same data folder (buckets and objects are kept), and returns once it answers. A running server
   * is stopped first.
   *
   * @throws IllegalStateException if it does not answer within a minute, or the port has been taken
   *     by another process meanwhile
   */
  public S3ProxyServer restart() {
    if (inMemory()) {
      throw new IllegalStateException(
          "an S3Proxy started with startInMemory loses its objects when it stops: start it with"
              + " start(classpath, dataDir) to restart it");
    }
    stopProcess();
    S3ProxyServer fresh = new S3ProxyServer(classpath, root, null, port, dataDir, log).launch();
    // this object stays the handle the test holds: take over the new JVM and its shutdown hook
    process = fresh.process;
    try {
      Runtime.getRuntime().removeShutdownHook(fresh.shutdownHook);
    } catch (IllegalStateException e) {
      // the JVM is shutting down
    }
    return this;
  }

  /** Stops the server and waits for its JVM to exit. */
  @Override
  public void close() {
    stopProcess();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // the JVM is shutting down: the hook runs anyway
    }
  }

  private void stopProcess() {
    Process process = this.process;
    if (process == null || !process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static final class PortTakenException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    PortTakenException(String log) {
      super("S3Proxy could not bind its port:\n" + log);
    }
  }
}
