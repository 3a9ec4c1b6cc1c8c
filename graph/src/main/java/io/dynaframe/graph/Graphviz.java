package io.dynaframe.graph;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Finds Graphviz's {@code dot} on a search path and runs it to turn DOT files into SVG. */
final class Graphviz {
  static final String MISSING =
      "Graphviz 'dot' was not found on the PATH, so no SVG was written. Install Graphviz "
          + "(Debian/Ubuntu: apt-get install graphviz; Fedora: dnf install graphviz; macOS: brew install graphviz; "
          + "Windows: winget install graphviz) and run again. The .dot files open in any Graphviz viewer and the "
          + ".mmd files render in GitHub/GitLab Markdown without it.";
  private static final long TIMEOUT_SECONDS = 120;

  private final Path executable;

  private Graphviz(Path executable) {
    this.executable = executable;
  }

  /**
   * Graphviz from the directories of a PATH-style search path, if {@code dot} is in one of them.
   */
  static Optional<Graphviz> find(String searchPath) {
    if (searchPath == null) {
      return Optional.empty();
    }
    boolean windows = File.separatorChar == '\\';
    for (String dir : searchPath.split(File.pathSeparator)) {
      if (dir.isBlank()) {
        continue;
      }
      for (String name : windows ? List.of("dot.exe", "dot.bat") : List.of("dot")) {
        Path candidate = Path.of(dir, name);
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return Optional.of(new Graphviz(candidate));
        }
      }
    }
    return Optional.empty();
  }

  /** The {@code dot} executable. */
  Path executable() {
    return executable;
  }

  /** Renders a DOT file to an SVG file. */
  void toSvg(Path dotFile, Path svgFile) throws IOException {
    Path log = Files.createTempFile("dynaframe-dot", ".log");
    try {
      Process process =
          new ProcessBuilder(
                  executable.toString(), "-Tsvg", "-o", svgFile.toString(), dotFile.toString())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      boolean done = process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      if (!done) {
        process.destroyForcibly();
        throw new IOException(
            executable
                + " did not finish rendering "
                + dotFile
                + " within "
                + TIMEOUT_SECONDS
                + " s");
      }
      if (process.exitValue() != 0) {
        throw new IOException(
            executable
                + " failed on "
                + dotFile
                + " (exit "
                + process.exitValue()
                + "): "
                + Files.readString(log, StandardCharsets.UTF_8).strip());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while rendering " + dotFile, e);
    } finally {
      Files.deleteIfExists(log);
    }
  }
}
