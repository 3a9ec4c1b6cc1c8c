package io.dynaframe.graph;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The command line for job diagrams.
 *
 * <pre>
 * DiagramTool glue [--out DIR] [--svg] SCRIPT.py...   Glue scripts' ## @ annotations to NAME.dot and NAME.mmd
 * DiagramTool svg [--out DIR] FILE.dot|DIR...         DOT files (or every .dot under a folder) to SVG
 * DiagramTool port [--out DIR] [--package P] [--class C] SCRIPT.py...   Glue scripts to Java job classes
 * </pre>
 *
 * <p>{@code port} writes {@code NAME.java} for each script (see {@link GlueScriptPorter}): what it
 * cannot translate is left as a {@code // TODO(port): python line N} comment, and a warning on
 * standard error names the script and the line.
 *
 * <p>Files are written next to their input unless {@code --out} names a folder. SVG needs
 * Graphviz's {@code dot} on the PATH; without it the command says how to install it and exits with
 * status 3. Exit status 0 is success, 1 a script or file that cannot be read, 2 a usage error.
 */
public final class DiagramTool {
  static final int OK = 0;
  static final int BAD_INPUT = 1;
  static final int USAGE = 2;
  static final int NO_GRAPHVIZ = 3;

  private static final String HELP =
      String.join(
          "\n",
          "usage: DiagramTool glue [--out DIR] [--svg] SCRIPT.py...",
          "         writes the job diagram of each AWS Glue script (from its ## @type/@args/@return/@inputs",
          "         comments) as SCRIPT.dot (Graphviz) and SCRIPT.mmd (Mermaid); --svg also renders SCRIPT.svg",
          "       DiagramTool svg [--out DIR] FILE.dot|DIR...",
          "         renders DOT files, or every .dot file under a folder, to SVG with Graphviz 'dot'",
          "       DiagramTool port [--out DIR] [--package PACKAGE] [--class NAME] SCRIPT.py...",
          "         ports each AWS Glue Python script (classic or Glue Studio) to a dynaframe Java job",
          "         class, SCRIPT.py -> Script.java; what it cannot translate becomes a",
          "         '// TODO(port): python line N' comment and a warning naming the line",
          "Files go next to their input unless --out names a folder.");

  private final PrintStream out;
  private final PrintStream err;
  private final String searchPath;

  private DiagramTool(PrintStream out, PrintStream err, String searchPath) {
    this.out = out;
    this.err = err;
    this.searchPath = searchPath;
  }

  /** Runs the command and exits with its status. */
  public static void main(String... args) {
    System.exit(run(List.of(args), System.out, System.err, System.getenv("PATH")));
  }

  /**
   * Runs the command, looking for Graphviz in the given PATH-style search path; returns the exit
   * status.
   */
  static int run(List<String> args, PrintStream out, PrintStream err, String searchPath) {
    return new DiagramTool(out, err, searchPath).run(args);
  }

  private int run(List<String> args) {
    if (args.isEmpty() || args.contains("-h") || args.contains("--help")) {
      (args.isEmpty() ? err : out).println(HELP);
      return args.isEmpty() ? USAGE : OK;
    }
    String command = args.get(0);
    Path outDir = null;
    boolean svg = false;
    String packageName = "";
    String className = null;
    List<Path> inputs = new ArrayList<>();
    for (int i = 1; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("--out") && i + 1 < args.size()) {
        outDir = Path.of(args.get(++i));
      } else if (a.equals("--svg") && command.equals("glue")) {
        svg = true;
      } else if (a.equals("--package") && command.equals("port") && i + 1 < args.size()) {
        packageName = args.get(++i);
      } else if (a.equals("--class") && command.equals("port") && i + 1 < args.size()) {
        className = args.get(++i);
      } else if (a.startsWith("-")) {
        return usage(
            "unknown option "
                + a
                + (a.equals("--out")
                    ? " (it needs a folder)"
                    : Set.of("--package", "--class").contains(a) && command.equals("port")
                        ? " (it needs a name)"
                        : ""));
      } else {
        inputs.add(Path.of(a));
      }
    }
    if (inputs.isEmpty()) {
      return usage("no input files given");
    }
    if (className != null && inputs.size() > 1) {
      return usage("--class names one class: give one script with it");
    }
    try {
      return switch (command) {
        case "glue" -> glue(inputs, outDir, svg);
        case "svg" -> svg(inputs, outDir);
        case "port" -> port(inputs, outDir, packageName, className);
        default -> usage("unknown command '" + command + "'; use 'glue', 'svg' or 'port'");
      };
    } catch (GlueScriptException | IOException | UncheckedIOException e) {
      err.println("error: " + e.getMessage());
      return BAD_INPUT;
    }
  }

  private int port(List<Path> scripts, Path outDir, String packageName, String className)
      throws IOException {
    for (Path script : scripts) {
      String text;
      try {
        text = Files.readString(script, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new IOException("cannot read Glue script " + script + ": " + e, e);
      }
      String name = script.getFileName().toString();
      GlueScriptPorter.Port port;
      try {
        port =
            GlueScriptPorter.port(
                name,
                text,
                packageName,
                className != null ? className : GlueScriptPorter.classNameFor(name));
      } catch (GlueScriptException e) {
        throw e; // names the script and the line

      } catch (IllegalArgumentException e) {
        return usage(e.getMessage());
      }
      Path dir = outDir != null ? outDir : parent(script);
      Files.createDirectories(dir);
      Path java = write(dir.resolve(port.className() + ".java"), port.source());
      for (GlueScriptPorter.Warning w : port.warnings()) {
        err.println(
            "warning: "
                + script
                + " line "
                + w.line()
                + ": "
                + w.message()
                + " (left as TODO(port) in "
                + java.getFileName()
                + ")");
      }
    }
    return OK;
  }

  private int glue(List<Path> scripts, Path outDir, boolean svg) throws IOException {
    Optional<Graphviz> graphviz = svg ? Graphviz.find(searchPath) : Optional.empty();
    for (Path script : scripts) {
      JobGraph graph = GlueScriptParser.parse(script);
      Path dir = outDir != null ? outDir : parent(script);
      Files.createDirectories(dir);
      Path dot = write(dir.resolve(graph.name() + ".dot"), DotRenderer.render(graph));
      write(dir.resolve(graph.name() + ".mmd"), MermaidRenderer.render(graph));
      if (graphviz.isPresent()) {
        render(graphviz.get(), dot, dir);
      }
    }
    if (svg && graphviz.isEmpty()) {
      err.println(Graphviz.MISSING);
      return NO_GRAPHVIZ;
    }
    return OK;
  }

  private int svg(List<Path> inputs, Path outDir) throws IOException {
    Optional<Graphviz> graphviz = Graphviz.find(searchPath);
    if (graphviz.isEmpty()) {
      err.println(Graphviz.MISSING);
      return NO_GRAPHVIZ;
    }
    List<Path> dotFiles = new ArrayList<>();
    for (Path input : inputs) {
      if (Files.isDirectory(input)) {
        try (Stream<Path> files = Files.walk(input)) {
          files
              .filter(f -> f.getFileName().toString().endsWith(".dot") && Files.isRegularFile(f))
              .sorted()
              .forEach(dotFiles::add);
        }
      } else if (Files.isRegularFile(input)) {
        dotFiles.add(input);
      } else {
        throw new IOException("no such file or folder: " + input);
      }
    }
    if (dotFiles.isEmpty()) {
      err.println("no .dot files found in " + inputs);
      return BAD_INPUT;
    }
    for (Path dot : dotFiles) {
      Path dir = outDir != null ? outDir : parent(dot);
      Files.createDirectories(dir);
      render(graphviz.get(), dot, dir);
    }
    return OK;
  }

  private void render(Graphviz graphviz, Path dot, Path dir) throws IOException {
    Path svg = dir.resolve(dot.getFileName().toString().replaceFirst("\\.dot$", "") + ".svg");
    graphviz.toSvg(dot, svg);
    out.println("wrote " + svg);
  }

  private Path write(Path file, String text) throws IOException {
    Files.writeString(file, text, StandardCharsets.UTF_8);
    out.println("wrote " + file);
    return file;
  }

  private static Path parent(Path file) {
    Path parent = file.toAbsolutePath().getParent();
    return parent != null ? parent : Path.of(".");
  }

  private int usage(String problem) {
    err.println("error: " + problem);
    err.println(HELP);
    return USAGE;
  }
}
