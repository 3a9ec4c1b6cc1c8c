package io.dynaframe.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Finds benchmarks by name: {@code parquet-read} is the class {@code ParquetReadBenchmark} of this
 * package, and every such class is listed by {@link #names()}.
 */
public final class Benchmarks {
  private Benchmarks() {}

  private static final String SUFFIX = "Benchmark";

  /**
   * The class name for a benchmark name: {@code json-inference} gives {@code
   * JsonInferenceBenchmark}.
   */
  public static String className(String name) {
    if (!name.matches("[a-z][a-z0-9]*(-[a-z0-9]+)*")) {
      throw new IllegalArgumentException(
          "a benchmark name is lower-case words joined by '-', e.g. json-inference; got '"
              + name
              + "'");
    }
    StringBuilder sb = new StringBuilder(Benchmark.class.getPackageName()).append('.');
    for (String part : name.split("-")) {
      sb.append(Character.toUpperCase(part.charAt(0))).append(part, 1, part.length());
    }
    return sb.append(SUFFIX).toString();
  }

  /**
   * The benchmark name for a class's simple name: {@code JsonInferenceBenchmark} gives {@code
   * json-inference}.
   */
  public static String nameOf(String simpleClassName) {
    String stem = simpleClassName.substring(0, simpleClassName.length() - SUFFIX.length());
    return stem.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
  }

  /** A new instance of the named benchmark; the message of the exception lists the known names. */
  public static Benchmark create(String name) {
    String cls = className(name);
    try {
      Class<?> c = Class.forName(cls);
      if (!Benchmark.class.isAssignableFrom(c)) {
        throw new IllegalArgumentException(
            cls + " does not implement " + Benchmark.class.getName());
      }
      return (Benchmark) c.getConstructor().newInstance();
    } catch (ClassNotFoundException e) {
      throw new IllegalArgumentException(
          "no benchmark '" + name + "' (no class " + cls + "); known: " + names(), e);
    } catch (ReflectiveOperationException e) {
      throw new IllegalArgumentException("cannot create benchmark " + cls + ": " + e, e);
    }
  }

  /** The names of all benchmarks on the classpath, sorted. */
  public static List<String> names() {
    List<String> simpleNames = new ArrayList<>();
    String pkgPath = Benchmark.class.getPackageName().replace('.', '/');
    try {
      Path where =
          Path.of(Benchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (Files.isDirectory(where)) {
        try (Stream<Path> s = Files.list(where.resolve(pkgPath))) {
          s.map(p -> p.getFileName().toString()).forEach(simpleNames::add);
        }
      } else {
        try (JarFile jar = new JarFile(where.toFile())) {
          Enumeration<JarEntry> entries = jar.entries();
          while (entries.hasMoreElements()) {
            String n = entries.nextElement().getName();
            if (n.startsWith(pkgPath + "/") && n.indexOf('/', pkgPath.length() + 1) < 0) {
              simpleNames.add(n.substring(pkgPath.length() + 1));
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the benchmark classes", e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot locate the benchmark classes", e);
    }
    List<String> names = new ArrayList<>();
    for (String file : simpleNames) {
      if (!file.endsWith(SUFFIX + ".class")
          || file.contains("$")
          || file.equals(SUFFIX + ".class")) {
        continue;
      }
      String simple = file.substring(0, file.length() - ".class".length());
      try {
        Class<?> c = Class.forName(Benchmark.class.getPackageName() + "." + simple);
        if (Benchmark.class.isAssignableFrom(c)
            && !c.isInterface()
            && !Modifier.isAbstract(c.getModifiers())) {
          names.add(nameOf(simple));
        }
      } catch (ClassNotFoundException e) {
        // listed but not loadable: not a benchmark
      }
    }
    names.sort(null);
    return names;
  }
}
