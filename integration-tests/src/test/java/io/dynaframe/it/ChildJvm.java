package io.dynaframe.it;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Starts Java programs in their own JVMs, with Spark's Java 17 flags, and waits for them. */
final class ChildJvm {
  private ChildJvm() {}

  /** The jars of a classpath file written by maven-dependency-plugin's build-classpath. */
  static List<String> classpathFile(String property) {
    try {
      String text = Files.readString(Path.of(System.getProperty(property))).trim();
      return text.isEmpty() ? List.of() : List.of(text.split(File.pathSeparator));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the classpath file of " + property, e);
    }
  }

  /** Spark's jars, the application's jars and this module's test classes: a job's classpath. */
  static List<String> jobClasspath() {
    List<String> cp = new ArrayList<>(classpathFile("spark.classpath.file"));
    cp.addAll(classpathFile("app.classpath.file"));
    cp.add(Path.of(System.getProperty("test.classes")).toString());
    return cp;
  }

  static List<String> command(
      List<String> classpath, List<String> jvmArgs, String mainClass, List<String> args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(List.of(System.getProperty("spark.opens").trim().split("\\s+")));
    if (jvmArgs.stream().noneMatch(a -> a.startsWith("-Dlog4j2.configurationFile="))) {
      cmd.add("-Dlog4j2.configurationFile=" + System.getProperty("log4j.config"));
    }
    cmd.addAll(jvmArgs);
    cmd.add("-cp");
    cmd.add(String.join(File.pathSeparator, classpath));
    cmd.add(mainClass);
    cmd.addAll(args);
    return cmd;
  }

  static Process start(List<String> command, Map<String, String> env, Path log) throws IOException {
    ProcessBuilder pb =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().putAll(env);
    return pb.start();
  }

  /** Runs to the end (at most {@code minutes}) and returns the exit code and output. */
  static Result run(List<String> command, Map<String, String> env, Path log, int minutes)
      throws Exception {
    Process p = start(command, env, log);
    boolean done = p.waitFor(minutes, TimeUnit.MINUTES);
    if (!done) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      p.waitFor(30, TimeUnit.SECONDS);
    }
    return new Result(done ? p.exitValue() : -1, Files.readString(log, StandardCharsets.UTF_8));
  }

  record Result(int exitCode, String output) {}

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
