package io.dynaframe.graph;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the job graph of an AWS Glue Python script from the comment annotations Glue writes above
 * each step of a generated script:
 *
 * <pre>
 * ## &#64;type: ApplyMapping
 * ## &#64;args: [mapping = [("id", "long", "id", "long")], transformation_ctx = "applymapping1"]
 * ## &#64;return: applymapping1
 * ## &#64;inputs: [frame = datasource0]
 * applymapping1 = ApplyMapping.apply(frame = datasource0, mappings = [...], transformation_ctx = "applymapping1")
 * </pre>
 *
 * <p>Each {@code @type} line starts a step; {@code @return} is its id and is required. Type {@code
 * DataSource} makes a source, {@code DataSink} a sink, any other type a transform. The
 * {@code @args} list becomes the node's arguments (string values without their quotes, and without
 * a {@code transformation_ctx} that only repeats the id). The values of the {@code @inputs} list
 * ({@code frame = x}, {@code frame1 = x, frame2 = y}, {@code dfc = x}) are the ids of the step's
 * inputs, each returned by an earlier step. Other lines, including {@code ## @params}, are ignored.
 */
public final class GlueScriptParser {
  private static final Pattern ANNOTATION = Pattern.compile("^\\s*##\\s*@(\\w+)\\s*:?(.*)$");

  private GlueScriptParser() {}

  /**
   * The graph of the script at the given path; the job is named after the file, without {@code
   * .py}.
   *
   * @throws GlueScriptException if the annotations are malformed or inconsistent
   * @throws UncheckedIOException if the file cannot be read
   */
  public static JobGraph parse(Path script) {
    try {
      return parse(
          script.getFileName().toString(), Files.readString(script, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read Glue script " + script + ": " + e.getMessage(), e);
    }
  }

  /**
   * The graph of a script's text; {@code scriptName} (for example {@code jobs/orders.py}) names the
   * script in error messages, and its file name without {@code .py} names the job.
   *
   * @throws GlueScriptException if the annotations are malformed or inconsistent
   */
  public static JobGraph parse(String scriptName, String text) {
    return new Reader(scriptName).read(text);
  }

  /** One step's annotations, as read. */
  private static final class Block {
    final int line;
    final String type;
    int returnLine;
    String id;
    Map<String, String> args = new LinkedHashMap<>();
    List<String> inputs = new ArrayList<>();
    int inputsLine;

    Block(int line, String type) {
      this.line = line;
      this.type = type;
    }

    Node.Kind kind() {
      return switch (type.toLowerCase(Locale.ROOT)) {
        case "datasource" -> Node.Kind.SOURCE;
        case "datasink" -> Node.Kind.SINK;
        default -> Node.Kind.TRANSFORM;
      };
    }
  }

  private static final class Reader {
    private final String scriptName;
    private final List<Block> blocks = new ArrayList<>();
    private Block current;

    Reader(String scriptName) {
      this.scriptName = scriptName;
    }

    JobGraph read(String text) {
      String[] lines = text.split("\r?\n|\r", -1);
      for (int i = 0; i < lines.length; i++) {
        int lineNo = i + 1;
        Matcher m = ANNOTATION.matcher(lines[i]);
        if (!m.matches()) {
          if (!lines[i].isBlank() && !lines[i].strip().startsWith("#")) {
            finish();
          }
          continue;
        }
        String key = m.group(1);
        String value = m.group(2).strip();
        switch (key) {
          case "type" -> {
            finish();
            if (value.isEmpty()) {
              throw error(
                  lineNo,
                  "@type has no value; write the step's type, e.g. '## @type: ApplyMapping'");
            }
            current = new Block(lineNo, value);
          }
          case "args" -> block(lineNo, key).args = arguments(lineNo, key, value);
          case "return" -> {
            Block b = block(lineNo, key);
            if (!value.matches("[A-Za-z_][A-Za-z0-9_]*")) {
              throw error(
                  lineNo,
                  "@return must name the variable the step assigns, e.g. '## @return: applymapping1', not '"
                      + value
                      + "'");
            }
            b.id = value;
            b.returnLine = lineNo;
          }
          case "inputs" -> {
            Block b = block(lineNo, key);
            b.inputs = new ArrayList<>(arguments(lineNo, key, value).values());
            b.inputsLine = lineNo;
          }
          default -> {
            // @params and annotations we do not draw
          }
        }
      }
      finish();
      return graph();
    }

    private Block block(int lineNo, String key) {
      if (current == null) {
        throw error(
            lineNo,
            "@"
                + key
                + " is not below a '## @type:' line; each step's annotations start with @type");
      }
      return current;
    }

    private void finish() {
      if (current == null) {
        return;
      }
      if (current.id == null) {
        throw error(
            current.line,
            "step of type "
                + current.type
                + " has no '## @return:' line; add one naming the variable it assigns");
      }
      for (Block b : blocks) {
        if (b.id.equals(current.id)) {
          throw error(
              current.returnLine,
              "@return "
                  + current.id
                  + " is already returned by the step at line "
                  + b.returnLine
                  + "; each step returns a new name");
        }
      }
      blocks.add(current);
      current = null;
    }

    private JobGraph graph() {
      String fileName =
          scriptName.substring(
              Math.max(scriptName.lastIndexOf('/'), scriptName.lastIndexOf('\\')) + 1);
      JobGraph.Builder graph =
          JobGraph.builder(fileName.replaceFirst("\\.py$", ""))
              .description("AWS Glue script " + scriptName);
      Map<String, Block> known = new LinkedHashMap<>();
      for (Block b : blocks) {
        Node node = Node.of(b.kind(), b.id).withType(b.type);
        for (Map.Entry<String, String> arg : b.args.entrySet()) {
          if (!(arg.getKey().equals("transformation_ctx") && arg.getValue().equals(b.id))) {
            node = node.withArg(arg.getKey(), arg.getValue());
          }
        }
        graph.node(node);
        if (b.kind() == Node.Kind.SOURCE && !b.inputs.isEmpty()) {
          throw error(
              b.inputsLine,
              "@inputs of " + b.id + " lists " + b.inputs + ", but a DataSource has no inputs");
        }
        // a step may read one frame twice (a self-join: frame1 = a, frame2 = a): one edge
        for (String input : new java.util.LinkedHashSet<>(b.inputs)) {
          Block from = known.get(input);
          if (from == null) {
            throw error(
                b.inputsLine,
                "@inputs of "
                    + b.id
                    + " names '"
                    + input
                    + "', which no step above returns; steps above return "
                    + known.keySet());
          }
          if (from.kind() == Node.Kind.SINK) {
            throw error(
                b.inputsLine,
                "@inputs of "
                    + b.id
                    + " names '"
                    + input
                    + "', a DataSink (line "
                    + from.line
                    + "); read the frame the sink writes instead");
          }
          graph.edge(input, b.id);
        }
        known.put(b.id, b);
      }
      try {
        return graph.build();
      } catch (InvalidJobGraphException e) {
        throw new GlueScriptException(scriptName + ": " + e.getMessage());
      }
    }

    /**
     * A bracketed list of {@code name = value} items, split at top-level commas; string values lose
     * their quotes; an item without {@code =} is a name with an empty value.
     */
    private Map<String, String> arguments(int lineNo, String key, String list) {
      if (!list.startsWith("[") || !list.endsWith("]")) {
        throw error(
            lineNo,
            "@"
                + key
                + " must be a list in brackets, e.g. '## @"
                + key
                + ": [frame = datasource0]'");
      }
      Map<String, String> items = new LinkedHashMap<>();
      for (String item : splitTopLevel(lineNo, list.substring(1, list.length() - 1), ',')) {
        if (item.isBlank()) {
          continue;
        }
        List<String> parts = splitTopLevel(lineNo, item, '=');
        String name = parts.get(0).strip();
        String value = parts.size() == 1 ? "" : parts.get(1).strip();
        items.put(name, unquote(value));
      }
      return items;
    }

    /**
     * Splits at the separator where it is outside quotes and brackets; {@code '='} splits only
     * once.
     */
    private List<String> splitTopLevel(int lineNo, String text, char separator) {
      List<String> parts = new ArrayList<>();
      int depth = 0;
      char quote = 0;
      int start = 0;
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (quote != 0) {
          if (c == '\\') {
            i++;
          } else if (c == quote) {
            quote = 0;
          }
        } else if (c == '"' || c == '\'') {
          quote = c;
        } else if (c == '[' || c == '(' || c == '{') {
          depth++;
        } else if (c == ']' || c == ')' || c == '}') {
          depth--;
        } else if (c == separator && depth == 0) {
          parts.add(text.substring(start, i));
          start = i + 1;
          if (separator == '=') {
            break;
          }
        }
      }
      if (quote != 0 || depth != 0) {
        throw error(
            lineNo,
            "unbalanced "
                + (quote != 0 ? "quote " + quote : "brackets")
                + " in '"
                + text.strip()
                + "'");
      }
      parts.add(text.substring(start));
      return parts;
    }

    private static String unquote(String value) {
      if (value.length() >= 2
          && (value.charAt(0) == '"' || value.charAt(0) == '\'')
          && value.charAt(value.length() - 1) == value.charAt(0)
          && value.indexOf(value.charAt(0), 1) == value.length() - 1) {
        return value.substring(1, value.length() - 1);
      }
      return value;
    }

    private GlueScriptException error(int lineNo, String message) {
      return new GlueScriptException(scriptName + " line " + lineNo + ": " + message);
    }
  }
}
