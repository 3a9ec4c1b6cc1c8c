package io.dynaframe.graph;

import io.dynaframe.graph.PythonSource.Assign;
import io.dynaframe.graph.PythonSource.Attr;
import io.dynaframe.graph.PythonSource.BinOp;
import io.dynaframe.graph.PythonSource.BoolOp;
import io.dynaframe.graph.PythonSource.Call;
import io.dynaframe.graph.PythonSource.Comment;
import io.dynaframe.graph.PythonSource.Compare;
import io.dynaframe.graph.PythonSource.Compound;
import io.dynaframe.graph.PythonSource.Const;
import io.dynaframe.graph.PythonSource.DictExpr;
import io.dynaframe.graph.PythonSource.Expr;
import io.dynaframe.graph.PythonSource.ExprStatement;
import io.dynaframe.graph.PythonSource.Import;
import io.dynaframe.graph.PythonSource.Keyword;
import io.dynaframe.graph.PythonSource.Lambda;
import io.dynaframe.graph.PythonSource.ListExpr;
import io.dynaframe.graph.PythonSource.Name;
import io.dynaframe.graph.PythonSource.Not;
import io.dynaframe.graph.PythonSource.Num;
import io.dynaframe.graph.PythonSource.Statement;
import io.dynaframe.graph.PythonSource.Str;
import io.dynaframe.graph.PythonSource.Subscript;
import io.dynaframe.graph.PythonSource.TupleExpr;
import io.dynaframe.graph.PythonSource.Unary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Ports an AWS Glue Python script, as Glue writes it (the classic {@code ## @type}-annotated
 * scripts and Glue Studio's {@code AmazonS3_node1234 = ...} scripts), to a Java class that runs the
 * same steps with dynaframe: one Java statement for each statement of the script, in the script's
 * order, under the script's variable names.
 *
 * <p>Translated: {@code getResolvedOptions}, {@code GlueContext}, {@code Job.init}/{@code commit}
 * (a {@code Job} with bookmarks), {@code create_dynamic_frame.from_catalog}/{@code from_options},
 * {@code write_dynamic_frame.from_options}/{@code from_catalog}/{@code from_jdbc_conf}, {@code
 * create_data_frame.from_catalog}/{@code from_options}, {@code write_data_frame.from_catalog},
 * {@code ApplyMapping}, {@code ResolveChoice} ({@code match_catalog} included), {@code
 * DropNullFields}, {@code DropFields}, {@code RenameField}, {@code SelectFields}, {@code Filter} (a
 * lambda that compares fields with values becomes a Spark SQL condition), {@code Join}, {@code
 * SelectFromCollection}, {@code Relationalize}, {@code Spigot}, {@code SplitFields}, {@code
 * SplitRows}, {@code Unbox}, {@code Union}, {@code FlatMap} (with a known base transform), the
 * DynamicFrame methods of the same names, and Glue Studio's nodes ({@code gs_*} methods, {@code
 * sparkSqlQuery}, {@code sparkUnion}, {@code sparkAggregate}, {@code threadedRoute}, {@code
 * drop_nulls}, Drop Duplicates) as the values of {@code io.dynaframe.transforms.studio}. A {@code
 * Map} function becomes a lambda over {@code DynamicRecord} holding the Python source, wrapped in
 * {@code todo(...)}. Each call is one entry of a table of renderers (module functions, GlueContext
 * methods, DynamicFrame methods, FlatMap's base transforms): its parameter names as Python binds
 * them and how it is written in Java.
 *
 * <p>What cannot be translated is never dropped: the statement becomes a {@code // TODO(port):
 * python line N} comment holding the Python text and the reason, its variable is declared with a
 * {@code todo(...)} call that fails when the job reaches it, and a {@link Warning} names the line.
 * Text that is not Python, or a script with no Glue call at all, fails with a {@link
 * GlueScriptException} naming the line.
 */
public final class GlueScriptPorter {
  private GlueScriptPorter() {}

  /** A statement left as {@code TODO(port)}: its first line in the script and why. */
  public record Warning(int line, String message) {
    /** A warning about the statement at {@code line}. */
    public Warning {
      Objects.requireNonNull(message, "message");
    }
  }

  /**
   * A ported script: the Java class's simple name, its package ({@code ""} for none), its source
   * and the statements left as {@code TODO(port)}.
   */
  public record Port(String className, String packageName, String source, List<Warning> warnings) {
    /** A port; the warnings are copied. */
    public Port {
      Objects.requireNonNull(className, "className");
      Objects.requireNonNull(packageName, "packageName");
      Objects.requireNonNull(source, "source");
      warnings = List.copyOf(warnings);
    }

    /** The class's fully qualified name. */
    public String qualifiedName() {
      return packageName.isEmpty() ? className : packageName + "." + className;
    }
  }

  /**
   * Ports the script at the given path into a class named after the file ({@code
   * orders_to_parquet.py} gives {@code OrdersToParquet}).
   *
   * @throws GlueScriptException if the file is not a Glue script or not Python
   * @throws UncheckedIOException if it cannot be read
   */
  public static Port port(Path script, String packageName) {
    try {
      String name = script.getFileName().toString();
      return port(
          name, Files.readString(script, StandardCharsets.UTF_8), packageName, classNameFor(name));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read Glue script " + script + ": " + e.getMessage(), e);
    }
  }

  /**
   * Ports a script's text; {@code scriptName} names it in messages and in the class's comment.
   *
   * @throws GlueScriptException if the text is not a Glue script or not Python
   */
  public static Port port(String scriptName, String text, String packageName, String className) {
    Objects.requireNonNull(packageName, "packageName");
    if (!className.matches("[A-Za-z_][A-Za-z0-9_]*") || JAVA_KEYWORDS.contains(className)) {
      throw new IllegalArgumentException("'" + className + "' is not a Java class name");
    }
    if (!packageName.isEmpty()
        && !packageName.matches("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*")) {
      throw new IllegalArgumentException("'" + packageName + "' is not a Java package name");
    }
    PythonSource.Script script = PythonSource.read(scriptName, text);
    if (text.lines().anyMatch(l -> l.strip().startsWith("##") && l.contains("@type"))) {
      GlueScriptParser.parse(scriptName, text); // the ## @ annotations must read as a job graph too
    }
    return new Translator(scriptName, script, packageName, className).translate();
  }

  /**
   * The class name for a script file: its name without {@code .py}, in upper camel case ({@code
   * orders_to_parquet.py} → {@code OrdersToParquet}).
   */
  public static String classNameFor(String fileName) {
    String base = fileName.replaceFirst("\\.py$", "");
    StringBuilder out = new StringBuilder();
    boolean upper = true;
    for (char c : base.toCharArray()) {
      if (Character.isLetterOrDigit(c) && c < 128) {
        out.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      } else {
        upper = true;
      }
    }
    if (out.length() == 0 || !Character.isLetter(out.charAt(0))) {
      out.insert(0, "Job");
    }
    return out.toString();
  }

  static final Set<String> JAVA_KEYWORDS =
      Set.of(
          "abstract",
          "assert",
          "boolean",
          "break",
          "byte",
          "case",
          "catch",
          "char",
          "class",
          "const",
          "continue",
          "default",
          "do",
          "double",
          "else",
          "enum",
          "extends",
          "final",
          "finally",
          "float",
          "for",
          "goto",
          "if",
          "implements",
          "import",
          "instanceof",
          "int",
          "interface",
          "long",
          "native",
          "new",
          "package",
          "private",
          "protected",
          "public",
          "return",
          "short",
          "static",
          "strictfp",
          "super",
          "switch",
          "synchronized",
          "this",
          "throw",
          "throws",
          "transient",
          "try",
          "void",
          "volatile",
          "while",
          "true",
          "false",
          "null",
          "_");

  /**
   * Format options by their lower-case names, in the spelling AWS documents (Glue Studio writes
   * {@code multiline} where the JSON format documents {@code multiLine}).
   */
  private static final Map<String, String> FORMAT_OPTIONS =
      List.of(
              "jsonPath",
              "multiLine",
              "separator",
              "quoteChar",
              "escaper",
              "withHeader",
              "writeHeader",
              "skipFirst",
              "optimizePerformance",
              "strictCheckForQuoting",
              "compression",
              "blockSize",
              "pageSize",
              "useGlueParquetWriter",
              "rowTag",
              "encoding",
              "attachFilename",
              "attachTimestamp")
          .stream()
          .collect(Collectors.toMap(o -> o.toLowerCase(Locale.ROOT), o -> o));

  /** The run method's parameters, which script variables must not shadow. */
  private static final Set<String> PARAMETERS = Set.of("argv", "sparkSession", "lake");

  /**
   * Glue Studio's helper functions, defined at the top of its scripts and ported at their calls.
   */
  private static final Map<String, String> STUDIO_HELPERS =
      Map.of(
          "sparkSqlQuery", "SqlQuery",
          "sparkAggregate", "Aggregate",
          "drop_nulls", "DropNullFields",
          "_find_null_fields", "DropNullFields",
          "threadedRoute", "ConditionalRouter",
          "sparkUnion", "SqlQuery");

  // ------------------------------------------------------------------ translation

  private enum Kind {
    ARGS("JobArguments"),
    SPARK_CONTEXT(""),
    GLUE_CONTEXT("DynaContext"),
    SPARK("SparkSession"),
    JOB(""),
    FRAME("DynamicFrame"),
    COLLECTION("FrameCollection"),
    DATAFRAME("Dataset<Row>"),
    STRING("String"),
    VALUE("var"),
    /** Glue Studio's {@code getSink(...)}: set up by later statements, written at writeFrame. */
    SINK("");

    final String javaType;

    Kind(String javaType) {
      this.javaType = javaType;
    }
  }

  /** A Java expression and what it is. */
  private record Value(String java, Kind kind, boolean call) {
    /** The same expression as another kind. */
    Value as(Kind other) {
      return new Value(java, other, call);
    }

    /** A call on this expression's result, of the given kind. */
    Value then(String call, Kind other) {
      return new Value(java + call, other, true);
    }
  }

  private record Var(String javaName, Kind kind) {}

  /** Why an expression cannot be translated; caught per statement. */
  private static final class Untranslatable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Untranslatable(String message) {
      super(message, null, false, false);
    }
  }

  private static final class Translator {
    private final String scriptName;
    private final PythonSource.Script script;
    private final String packageName;
    private final String className;
    private final Map<String, Var> vars = new HashMap<>();
    private final Set<String> imports = new TreeSet<>();
    private final List<Warning> warnings = new ArrayList<>();
    private final StringBuilder body = new StringBuilder();
    private int indent = 2;
    private boolean usesTodo;

    /** A Map step is wrapped in {@code todo(statement, step)}. */
    private boolean usesTodoStep;

    /** A {@code match_catalog} reads tables through the class's {@code catalogTables} helper. */
    private boolean usesCatalogTables;

    /** The functions the script defines and passes to a Map, by name. */
    private final Map<String, Compound> definitions = new HashMap<>();

    /** The names passed as the function of a {@code Map.apply} or a {@code .map} in the script. */
    private final Set<String> mapFunctions = new TreeSet<>();

    private boolean jobOpen;
    private String jobVar;
    private String jobContext;
    private int glueCalls;
    private Statement current;
    private final List<String> pendingNotes = new ArrayList<>();

    Translator(
        String scriptName, PythonSource.Script script, String packageName, String className) {
      this.scriptName = scriptName;
      this.script = script;
      this.packageName = packageName;
      this.className = className;
    }

    Port translate() {
      for (Statement s : script.statements()) {
        if (s instanceof Assign a) {
          findMapFunctions(a.value());
        } else if (s instanceof ExprStatement e) {
          findMapFunctions(e.value());
        }
      }
      List<Comment> comments = new ArrayList<>(script.comments());
      int commentIndex = 0;
      for (Statement s : script.statements()) {
        while (commentIndex < comments.size()
            && comments.get(commentIndex).line() <= s.lastLine()) {
          Comment c = comments.get(commentIndex++);
          boolean insideCompound = s instanceof Compound && c.line() >= s.line();
          if (!c.text().startsWith("# @") && !insideCompound && !c.text().startsWith("!")) {
            line("//" + (c.text().startsWith(" ") ? "" : " ") + ascii(c.text().stripTrailing()));
          }
        }
        current = s;
        statement(s);
      }
      while (commentIndex < comments.size()) {
        Comment c = comments.get(commentIndex++);
        if (!c.text().startsWith("# @")) {
          line("//" + (c.text().startsWith(" ") ? "" : " ") + ascii(c.text().stripTrailing()));
        }
      }
      if (glueCalls == 0) {
        throw new GlueScriptException(
            scriptName
                + ": no AWS Glue call found (no GlueContext, create_dynamic_frame, write_dynamic_frame"
                + " or Glue transform); is this an AWS Glue script?");
      }
      if (jobOpen) {
        indent--;
        line("}");
      }
      return new Port(className, packageName, source(), warnings);
    }

    // -------------------------------------------------------------- statements

    private void statement(Statement s) {
      if (s instanceof Import) {
        return;
      }
      if (s instanceof Compound c) {
        compound(c);
      } else if (s instanceof Assign a) {
        try {
          assign(a);
        } catch (Untranslatable e) {
          todo(s, a.target(), e.getMessage());
        }
      } else if (s instanceof ExprStatement e) {
        try {
          expressionStatement(e);
        } catch (Untranslatable u) {
          todo(s, null, u.getMessage());
        }
      } else {
        todo(
            s,
            null,
            "a statement the porter does not translate (several targets, an augmented"
                + " assignment, a keyword statement)");
      }
    }

    private void compound(Compound c) {
      if (c.keyword().equals("def") && STUDIO_HELPERS.containsKey(c.name())) {
        line(
            "// python lines "
                + c.line()
                + "-"
                + c.lastLine()
                + ": Glue Studio's helper "
                + c.name()
                + "(...); its calls are ported to "
                + STUDIO_HELPERS.get(c.name()));
        return;
      }
      if (c.keyword().equals("def") && mapFunctions.contains(c.name())) {
        definitions.put(c.name(), c);
        line(
            "// python lines "
                + c.line()
                + "-"
                + c.lastLine()
                + ": the function "
                + c.name()
                + "(...), kept as comments in the lambda of the Map that uses it");
        return;
      }
      if (c.keyword().equals("class") && c.name().equals("GroupFilter")) {
        line("// python lines " + c.line() + "-" + c.lastLine() + ": Glue Studio's GroupFilter");
        return;
      }
      todo(
          c,
          null,
          "a '"
              + c.keyword()
              + "' block is Python code the porter does not translate; port it by hand");
    }

    private void assign(Assign a) {
      String target = a.target();
      Expr v = a.value();
      if (v instanceof Call c && dotted(c.function()).equals("getResolvedOptions")) {
        glueCalls++;
        if (c.args().size() != 2 || !(c.args().get(1) instanceof ListExpr names)) {
          throw new Untranslatable(
              "getResolvedOptions takes sys.argv and a list of argument names");
        }
        List<String> options = new ArrayList<>();
        for (Expr n : names.items()) {
          options.add(javaString(literalString(n, "an argument name")));
        }
        imports.add("io.dynaframe.job.JobArguments");
        declare(
            target,
            Kind.ARGS,
            "JobArguments.resolve(argv"
                + options.stream().map(o -> ", " + o).collect(Collectors.joining())
                + ")");
        return;
      }
      if (v instanceof Call c
          && Set.of("SparkContext", "SparkContext.getOrCreate").contains(dotted(c.function()))) {
        vars.put(target, new Var(javaName(target), Kind.SPARK_CONTEXT));
        line(
            "// line "
                + a.line()
                + ": "
                + oneLine(a.text())
                + ": the session is run()'s sparkSession");
        return;
      }
      if (v instanceof Call c && dotted(c.function()).equals("GlueContext")) {
        glueCalls++;
        if (c.args().size() != 1 || !isSparkContext(c.args().get(0))) {
          throw new Untranslatable("GlueContext takes the SparkContext");
        }
        imports.add("io.dynaframe.DynaContext");
        declare(target, Kind.GLUE_CONTEXT, "DynaContext.of(sparkSession)");
        return;
      }
      if (v instanceof Attr at && at.name().equals("spark_session")) {
        Value ctx = expr(at.value());
        require(ctx, Kind.GLUE_CONTEXT, "spark_session");
        imports.add("org.apache.spark.sql.SparkSession");
        declare(target, Kind.SPARK, ctx.java() + ".spark()");
        return;
      }
      if (v instanceof Call c && dotted(c.function()).equals("Job")) {
        if (c.args().size() != 1) {
          throw new Untranslatable("Job takes the GlueContext");
        }
        Value ctx = expr(c.args().get(0));
        require(ctx, Kind.GLUE_CONTEXT, "Job");
        vars.put(target, new Var(javaName(target), Kind.JOB));
        jobContext = ctx.java();
        line("// line " + a.line() + ": " + oneLine(a.text()) + ": the job starts at job.init");
        return;
      }
      if (v instanceof Call c
          && c.function() instanceof Attr at
          && at.name().equals("getSink")
          && at.value() instanceof Name n
          && vars.containsKey(n.id())
          && vars.get(n.id()).kind() == Kind.GLUE_CONTEXT) {
        getSink(target, vars.get(n.id()).javaName(), c, a);
        return;
      }
      Value value = expr(v, target);
      declare(target, value.kind(), value.java());
    }

    private void expressionStatement(ExprStatement s) {
      Expr v = s.value();
      if (v instanceof Str) {
        // a docstring: kept as a comment
        for (String text : s.text().lines().toList()) {
          line("// " + ascii(text));
        }
        return;
      }
      if (v instanceof Call c && c.function() instanceof Attr at && at.value() instanceof Name n) {
        Var var = vars.get(n.id());
        if (var != null && var.kind() == Kind.JOB) {
          glueCalls++;
          switch (at.name()) {
            case "init" -> {
              jobInit(c, n.id());
              return;
            }
            case "commit" -> {
              if (!jobOpen) {
                throw new Untranslatable("job.commit() without job.init() above");
              }
              line(javaName(n.id()) + ".commit();" + lineNote());
              return;
            }
            default ->
                throw new Untranslatable("Job has no method '" + at.name() + "' the porter knows");
          }
        }
      }
      if (v instanceof Call c
          && c.function() instanceof Attr at
          && at.value() instanceof Name n
          && vars.containsKey(n.id())
          && vars.get(n.id()).kind() == Kind.SINK) {
        sinkCall(n.id(), at.name(), c, s);
        return;
      }
      if (v instanceof Call c && dotted(c.function()).equals("print")) {
        List<String> parts = new ArrayList<>();
        for (Expr arg : c.args()) {
          parts.add(expr(arg).java());
        }
        if (!c.keywords().isEmpty()) {
          throw new Untranslatable("print with keyword arguments");
        }
        String joined =
            parts.isEmpty()
                ? "\"\""
                : parts.size() == 1
                    ? "String.valueOf(" + parts.get(0) + ")"
                    : parts.get(0)
                        + " + \" \" + "
                        + String.join(" + \" \" + ", parts.subList(1, parts.size()));
        line("System.out.println(" + joined + ");" + lineNote());
        return;
      }
      Value value = expr(v, null);
      if (!value.call()) {
        throw new Untranslatable("an expression statement that calls nothing");
      }
      line(value.java() + ";" + lineNote());
    }

    /** A sink Glue Studio sets up over several statements: {@code getSink}, then set and write. */
    private final class PendingSink {
      final String context;
      final String connectionType;
      final List<String> options = new ArrayList<>();
      final String transformationCtx;
      String format = "null";
      String formatOptions = "Options.empty()";

      PendingSink(String context, String connectionType, String transformationCtx) {
        this.context = context;
        this.connectionType = connectionType;
        this.transformationCtx = transformationCtx;
      }
    }

    private final Map<String, PendingSink> sinks = new HashMap<>();

    /** {@code getSink(connection_type, format=None, transformation_ctx="", **options)}. */
    private void getSink(String target, String context, Call c, Assign a) {
      if (c.starred() || c.args().size() > 3) {
        throw new Untranslatable(
            "getSink with *args, **kwargs or more than 3 positional arguments");
      }
      Map<String, Expr> named = new LinkedHashMap<>();
      List<String> params = List.of("connection_type", "format", "transformation_ctx");
      for (int i = 0; i < c.args().size(); i++) {
        named.put(params.get(i), c.args().get(i));
      }
      List<String> options = new ArrayList<>();
      for (Keyword k : c.keywords()) {
        if (params.contains(k.name())) {
          named.put(k.name(), k.value());
        } else {
          options.add(javaString(k.name()));
          options.add(expr(k.value()).java());
        }
      }
      if (!named.containsKey("connection_type")) {
        throw new Untranslatable("getSink is called without its argument 'connection_type'");
      }
      PendingSink sink =
          new PendingSink(
              context,
              stringValue(named.get("connection_type")).java(),
              named.containsKey("transformation_ctx")
                  ? stringValue(named.get("transformation_ctx")).java()
                  : "\"\"");
      if (named.containsKey("format")) {
        sink.format = stringValue(named.get("format")).java();
      }
      sink.options.addAll(options);
      glueCalls++;
      sinks.put(target, sink);
      vars.put(target, new Var(javaName(target), Kind.SINK));
      line("// line " + a.line() + ": " + oneLine(a.text()) + ": written at its writeFrame");
    }

    private void sinkCall(String pythonSink, String method, Call c, ExprStatement s) {
      PendingSink sink = sinks.get(pythonSink);
      switch (method) {
        case "setCatalogInfo" -> {
          Args a =
              bind(
                  c, method, List.of("catalogDatabase", "catalogTableName", "catalogId"), Set.of());
          noValue(a, "catalogId", "dynaframe writes to the catalog the context is given");
          sink.options.addAll(
              List.of(
                  "\"catalogDatabase\"",
                  stringValue(a.required("catalogDatabase")).java(),
                  "\"catalogTableName\"",
                  stringValue(a.required("catalogTableName")).java()));
          line("// line " + s.line() + ": " + oneLine(s.text()) + ": catalog options of the sink");
        }
        case "setFormat" -> {
          if (c.starred() || c.args().size() != 1) {
            throw new Untranslatable("setFormat takes the format and format options by name");
          }
          sink.format = stringValue(c.args().get(0)).java();
          List<Expr> keys = new ArrayList<>();
          List<Expr> values = new ArrayList<>();
          for (Keyword k : c.keywords()) {
            keys.add(new Str(k.name(), false, k.name()));
            values.add(k.value());
          }
          sink.formatOptions =
              formatOptions(
                  keys.isEmpty() ? Optional.empty() : Optional.of(new DictExpr(keys, values, "")));
          line("// line " + s.line() + ": " + oneLine(s.text()) + ": the sink's format");
        }
        case "writeFrame" -> {
          if (c.starred() || c.args().size() != 1 || !c.keywords().isEmpty()) {
            throw new Untranslatable("writeFrame takes the frame");
          }
          imports.add("io.dynaframe.Options");
          String options =
              sink.options.isEmpty()
                  ? "Options.empty()"
                  : "Options.of(" + String.join(", ", sink.options) + ")";
          line(
              sink.context
                  + ".getSinkWithFormat("
                  + sink.connectionType
                  + ", "
                  + options
                  + ", "
                  + sink.transformationCtx
                  + ", "
                  + sink.format
                  + ", "
                  + sink.formatOptions
                  + ").writeDynamicFrame("
                  + frame(c.args().get(0))
                  + ");"
                  + lineNote());
        }
        default ->
            throw new Untranslatable(
                "DataSink." + method + "(...) is not a call the porter translates");
      }
    }

    private void jobInit(Call c, String pythonJob) {
      if (jobOpen) {
        throw new Untranslatable("a second job.init()");
      }
      Args args = bind(c, "job.init", List.of("job_name", "args"), Set.of());
      Value name = stringValue(args.required("job_name"));
      Value arguments = expr(args.required("args"));
      require(arguments, Kind.ARGS, "job.init");
      if (jobContext == null) {
        throw new Untranslatable("job.init() on a Job not made from a GlueContext above");
      }
      imports.add("io.dynaframe.job.Job");
      jobVar = javaName(pythonJob);
      line(
          "try (Job "
              + jobVar
              + " = Job.init("
              + name.java()
              + ", "
              + jobContext
              + ", "
              + arguments.java()
              + ", lake)) {"
              + lineNote());
      jobOpen = true;
      indent++;
      line(jobContext + " = " + jobVar + ".context(); // bookmarks and the run id");
    }

    private void declare(String target, Kind kind, String java) {
      Var existing = vars.get(target);
      String name = javaName(target);
      if (existing != null
          && existing.kind() == kind
          && kind.javaType.length() > 0
          && kind != Kind.VALUE) {
        line(name + " = " + java + ";" + lineNote());
        return;
      }
      if (existing != null) {
        name = fresh(target);
      }
      addTypeImports(kind);
      vars.put(target, new Var(name, kind));
      line(kind.javaType + " " + name + " = " + java + ";" + lineNote());
    }

    /** A Java name for a script variable assigned again with a value of another type. */
    private String fresh(String target) {
      int n = 2;
      while (true) {
        String candidate = javaName(target) + n;
        int k = n;
        if (vars.values().stream().noneMatch(v -> v.javaName().equals(candidate))) {
          return candidate;
        }
        n = k + 1;
      }
    }

    private void addTypeImports(Kind kind) {
      switch (kind) {
        case FRAME -> imports.add("io.dynaframe.DynamicFrame");
        case COLLECTION -> imports.add("io.dynaframe.FrameCollection");
        case DATAFRAME -> {
          imports.add("org.apache.spark.sql.Dataset");
          imports.add("org.apache.spark.sql.Row");
        }
        case GLUE_CONTEXT -> imports.add("io.dynaframe.DynaContext");
        case SPARK -> imports.add("org.apache.spark.sql.SparkSession");
        case ARGS -> imports.add("io.dynaframe.job.JobArguments");
        default -> {}
      }
    }

    private void todo(Statement s, String target, String reason) {
      pendingNotes.clear();
      usesTodo = true;
      todoComment(s, reason);
      if (target != null) {
        Var existing = vars.get(target);
        String what = javaString(scriptName + " line " + s.line() + ": " + oneLine(s.text()));
        if (existing != null && existing.kind() == Kind.FRAME) {
          line(existing.javaName() + " = todo(" + what + ");");
        } else {
          String name = existing == null ? javaName(target) : fresh(target);
          imports.add("io.dynaframe.DynamicFrame");
          vars.put(target, new Var(name, Kind.FRAME));
          line("DynamicFrame " + name + " = todo(" + what + ");");
        }
      }
    }

    /** The {@code TODO(port)} comment of a statement, with its Python text, and its warning. */
    private void todoComment(Statement s, String reason) {
      warnings.add(new Warning(s.line(), reason));
      List<String> python = s.text().lines().toList();
      line("// TODO(port): python line " + s.line() + ": " + ascii(python.get(0)));
      for (String more : python.subList(1, python.size())) {
        line("//     " + ascii(more));
      }
      line("//   " + ascii(reason));
    }

    /**
     * Finds the functions passed to {@code Map.apply(frame, f)} or {@code frame.map(f)}, whose
     * {@code def} is kept in the Map's lambda rather than left as a TODO of its own.
     */
    private void findMapFunctions(Expr e) {
      if (e instanceof Call c) {
        String fn = dotted(c.function());
        boolean map =
            fn.equals("Map.apply")
                || c.function() instanceof Attr at
                    && at.name().equals("map")
                    && at.value() instanceof Name;
        if (map) {
          int position = fn.equals("Map.apply") ? 1 : 0;
          Expr f =
              c.keywords().stream()
                  .filter(k -> k.name().equals("f"))
                  .map(Keyword::value)
                  .findFirst()
                  .orElse(c.args().size() > position ? c.args().get(position) : null);
          if (f instanceof Name n) {
            mapFunctions.add(n.id());
          }
        }
        findMapFunctions(c.function());
        c.args().forEach(this::findMapFunctions);
        c.keywords().forEach(k -> findMapFunctions(k.value()));
      } else if (e instanceof Attr a) {
        findMapFunctions(a.value());
      }
    }

    private String lineNote() {
      return " // line " + current.line();
    }

    private void line(String text) {
      List<String> notes = List.copyOf(pendingNotes);
      pendingNotes.clear();
      for (String note : notes) {
        line("// " + ascii(note));
      }
      body.append("  ".repeat(indent)).append(text).append('\n');
    }

    // -------------------------------------------------------------- expressions

    private Value expr(Expr e) {
      return expr(e, null);
    }

    /** An expression; {@code target} is the variable it is assigned to (a step's name), or null. */
    private Value expr(Expr e, String target) {
      if (e instanceof Name n) {
        Var v = vars.get(n.id());
        if (v == null) {
          throw new Untranslatable("'" + n.id() + "' is not assigned by a statement above");
        }
        if (v.kind() == Kind.SPARK_CONTEXT || v.kind() == Kind.JOB || v.kind() == Kind.SINK) {
          throw new Untranslatable(
              "'"
                  + n.id()
                  + "' (a "
                  + (v.kind() == Kind.JOB
                      ? "Job"
                      : v.kind() == Kind.SINK ? "DataSink" : "SparkContext")
                  + ") is used in a way the porter does not translate");
        }
        return new Value(v.javaName(), v.kind(), false);
      }
      if (e instanceof Str s) {
        return new Value(javaString(stringOf(s)), Kind.STRING, false);
      }
      if (e instanceof Num n) {
        return new Value(number(n), Kind.VALUE, false);
      }
      if (e instanceof Const c) {
        String java = c.id().equals("True") ? "true" : c.id().equals("False") ? "false" : "null";
        return new Value(java, Kind.VALUE, false);
      }
      if (e instanceof ListExpr l) {
        return new Value(list(l.items()), Kind.VALUE, false);
      }
      if (e instanceof TupleExpr t) {
        return new Value(list(t.items()), Kind.VALUE, false);
      }
      if (e instanceof DictExpr d) {
        return new Value(map(d), Kind.VALUE, false);
      }
      if (e instanceof Subscript s) {
        return subscript(s);
      }
      if (e instanceof Call c) {
        return call(c, target);
      }
      throw new Untranslatable("'" + oneLine(e.text()) + "' is not translated");
    }

    private Value subscript(Subscript s) {
      Value base = expr(s.value());
      if (base.kind() == Kind.ARGS) {
        return new Value(
            base.java() + ".get(" + javaString(literalString(s.index(), "an argument name")) + ")",
            Kind.STRING,
            true);
      }
      if (base.kind() == Kind.COLLECTION) {
        return new Value(
            base.java() + ".select(" + stringValue(s.index()).java() + ")", Kind.FRAME, true);
      }
      throw new Untranslatable("'" + oneLine(s.text()) + "' is not translated");
    }

    private Value call(Call c, String target) {
      if (c.starred()) {
        throw new Untranslatable("a call with *args or **kwargs");
      }
      String fn = dotted(c.function());
      // a method of a script variable: glueContext.x.y(...), frame.gs_x(...),
      // collection.select(...)
      if (c.function() instanceof Attr at) {
        Expr root = at;
        while (root instanceof Attr a) {
          root = a.value();
        }
        if (root instanceof Name n && vars.containsKey(n.id())) {
          Var v = vars.get(n.id());
          String method = fn.substring(n.id().length() + 1);
          return switch (v.kind()) {
            case GLUE_CONTEXT ->
                render(
                    contextCalls,
                    method,
                    c,
                    v.javaName(),
                    target,
                    "GlueContext." + method + "(...) is not a call the porter translates");
            case FRAME -> frameMethod(v.javaName(), method, c, target);
            case COLLECTION -> collectionMethod(v.javaName(), method, c);
            case DATAFRAME -> dataFrameMethod(v.javaName(), method, c);
            default -> throw new Untranslatable("'" + fn + "' is not a call the porter translates");
          };
        }
        if (!(root instanceof Name) && at.value() instanceof Call inner) {
          // a call on a call's result: frame.drop_fields(...).rename_field(...)
          Value base = call(inner, null);
          return switch (base.kind()) {
            case FRAME -> frameMethod(base.java(), at.name(), c, target);
            case COLLECTION -> collectionMethod(base.java(), at.name(), c);
            case DATAFRAME -> dataFrameMethod(base.java(), at.name(), c);
            default -> throw new Untranslatable("'" + fn + "' is not a call the porter translates");
          };
        }
      }
      return render(
          functionCalls,
          fn,
          c,
          null,
          target,
          "'"
              + (fn.isEmpty() ? oneLine(c.text()) : fn + "(...)")
              + "' is not a call the porter translates");
    }

    /** Binds a call to its entry of a table of renderers and renders it. */
    private Value render(
        Map<String, Rendering> table,
        String name,
        Call c,
        String receiver,
        String target,
        String unknown) {
      Rendering r = table.get(name);
      if (r == null) {
        throw new Untranslatable(unknown);
      }
      return r.render().render(bind(c, name, r, receiver, target));
    }

    // -------------------------------------------------------------- the renderers

    /** Renders one Glue call, its arguments bound by name, as a Java expression. */
    @FunctionalInterface
    private interface Render {
      Value render(Args a);
    }

    /**
     * One Glue call: the names its arguments bind to (Python's order), the parameters accepted only
     * with their default values, whether other keywords are kept (Python's {@code **options}), and
     * its renderer.
     */
    private record Rendering(
        List<String> params, Set<String> defaultsOnly, boolean keywords, Render render) {}

    /** A renderer for a call whose parameters are these names. */
    private static Rendering call(List<String> params, Set<String> defaultsOnly, Render render) {
      return new Rendering(params, defaultsOnly, false, render);
    }

    /** A renderer for a call that also takes {@code **options}. */
    private static Rendering callWithOptions(
        List<String> params, Set<String> defaultsOnly, Render render) {
      return new Rendering(params, defaultsOnly, true, render);
    }

    private static final Set<String> THRESHOLDS =
        Set.of("info", "stageThreshold", "totalThreshold");

    private static final List<String> FRAME_CTX = List.of("frame", "transformation_ctx");
    private static final List<String> FRAME_PATHS_CTX =
        List.of("frame", "paths", "transformation_ctx");
    private static final List<String> PATHS_CTX = List.of("paths", "transformation_ctx");
    private static final List<String> CTX = List.of("transformation_ctx");

    /** Module-level calls: the transforms' {@code apply}, Glue Studio's helpers. */
    private final Map<String, Rendering> functionCalls = functionCalls();

    /** Methods of the GlueContext, by their dotted name after the variable. */
    private final Map<String, Rendering> contextCalls = contextCalls();

    /** Methods of a DynamicFrame, Glue Studio's {@code gs_*} included. */
    private final Map<String, Rendering> frameCalls = frameCalls();

    /** The transforms {@code FlatMap.apply} applies to each frame of a collection, by class. */
    private final Map<String, Rendering> baseTransforms = baseTransforms();

    private Map<String, Rendering> functionCalls() {
      Map<String, Rendering> t = new HashMap<>();
      applies(
          t,
          "ApplyMapping",
          List.of("frame", "mappings", "transformation_ctx"),
          a -> {
            imports.add("io.dynaframe.transforms.MappingSpec");
            return List.of(frame(a.required("frame")), mappings(a.required("mappings")), tctx(a));
          });
      t.put(
          "ResolveChoice.apply",
          call(
              List.of(
                  "frame",
                  "specs",
                  "choice",
                  "database",
                  "table_name",
                  "transformation_ctx",
                  "catalog_id"),
              THRESHOLDS,
              this::resolveChoice));
      applies(t, "DropNullFields", FRAME_CTX, a -> List.of(frame(a.required("frame")), tctx(a)));
      for (String cls : List.of("DropFields", "SelectFields")) {
        applies(
            t,
            cls,
            FRAME_PATHS_CTX,
            a -> List.of(frame(a.required("frame")), stringList(a.required("paths")), tctx(a)));
      }
      applies(
          t,
          "RenameField",
          List.of("frame", "old_name", "new_name", "transformation_ctx"),
          a ->
              List.of(
                  frame(a.required("frame")),
                  string(a, "old_name"),
                  string(a, "new_name"),
                  tctx(a)));
      t.put(
          "Filter.apply",
          call(
              List.of("frame", "f", "transformation_ctx"),
              THRESHOLDS,
              a -> {
                String condition = condition(a.required("f"));
                return step(
                    frame(a.required("frame")), a, "Filter.where(" + javaString(condition) + ")");
              }));
      applies(
          t,
          "Join",
          List.of("frame1", "frame2", "keys1", "keys2", "transformation_ctx"),
          a ->
              List.of(
                  frame(a.required("frame1")),
                  frame(a.required("frame2")),
                  stringList(a.required("keys1")),
                  stringList(a.required("keys2")),
                  tctx(a)));
      applies(
          t,
          "SelectFromCollection",
          List.of("dfc", "key", "transformation_ctx"),
          a ->
              List.of(
                  collection(a.required("dfc"), "SelectFromCollection.apply"),
                  string(a, "key"),
                  tctx(a)));
      applies(
          t,
          "Relationalize",
          List.of("frame", "staging_path", "name", "options", "transformation_ctx"),
          a -> {
            emptyOptions(a, "options");
            imports.add("io.dynaframe.FrameCollection");
            return List.of(
                frame(a.required("frame")),
                string(a, "staging_path"),
                optionalName(a, "name", "\"roottable\""),
                tctx(a));
          });
      applies(
          t,
          "Union",
          List.of("frame1", "frame2", "transformation_ctx"),
          a -> List.of(frame(a.required("frame1")), frame(a.required("frame2")), tctx(a)));
      applies(
          t,
          "Spigot",
          List.of("frame", "path", "options", "transformation_ctx"),
          a ->
              List.of(
                  frame(a.required("frame")),
                  string(a, "path"),
                  options(a.get("options")),
                  tctx(a)));
      applies(
          t,
          "SplitFields",
          List.of("frame", "paths", "name1", "name2", "transformation_ctx"),
          a ->
              List.of(
                  frame(a.required("frame")),
                  stringList(a.required("paths")),
                  optionalName(a, "name1", "null"),
                  optionalName(a, "name2", "null"),
                  tctx(a)));
      applies(
          t,
          "SplitRows",
          List.of("frame", "comparison_dict", "name1", "name2", "transformation_ctx"),
          a ->
              List.of(
                  frame(a.required("frame")),
                  comparisons(a.required("comparison_dict")),
                  optionalName(a, "name1", "\"frame1\""),
                  optionalName(a, "name2", "\"frame2\""),
                  tctx(a)));
      t.put(
          "Unbox.apply",
          callWithOptions(
              List.of("frame", "path", "format", "transformation_ctx"),
              THRESHOLDS,
              a ->
                  transform(
                      "Unbox.apply",
                      frame(a.required("frame")),
                      string(a, "path"),
                      string(a, "format"),
                      unboxOptions(a),
                      tctx(a))));
      t.put(
          "Map.apply",
          call(
              List.of("frame", "f", "transformation_ctx"),
              THRESHOLDS,
              a -> mapSkeleton(frame(a.required("frame")), a)));
      t.put(
          "FlatMap.apply",
          callWithOptions(
              List.of("dfc", "BaseTransform", "frame_name", "transformation_ctx"),
              Set.of(),
              this::flatMap));
      studioFunctionCalls(t);
      return t;
    }

    /** Glue Studio's helper functions, defined at the top of its scripts. */
    private void studioFunctionCalls(Map<String, Rendering> t) {
      t.put(
          "sparkSqlQuery",
          call(
              List.of("glueContext", "query", "mapping", "transformation_ctx"),
              Set.of(),
              this::sqlQuery));
      t.put(
          "sparkUnion",
          call(
              List.of("glueContext", "unionType", "mapping", "transformation_ctx"),
              Set.of(),
              this::sparkUnion));
      t.put(
          "sparkAggregate",
          call(
              List.of("glueContext", "parentFrame", "groups", "aggs", "transformation_ctx"),
              Set.of(),
              this::aggregate));
      t.put(
          "drop_nulls",
          call(
              List.of(
                  "glueContext", "frame", "nullStringSet", "nullIntegerSet", "transformation_ctx"),
              Set.of(),
              this::dropNulls));
      t.put(
          "threadedRoute",
          call(List.of("glueContext", "source_DyF", "group_filters"), Set.of(), this::route));
      t.put(
          "DynamicFrame.fromDF",
          call(List.of("dataframe", "glue_ctx", "name"), Set.of(), this::fromDF));
    }

    /**
     * A transform's {@code Cls.apply(frame, ..., transformation_ctx, info="", stageThreshold=0,
     * totalThreshold=0)} as {@code Cls.apply(...)} with the Java arguments given.
     */
    private void applies(
        Map<String, Rendering> t,
        String cls,
        List<String> params,
        Function<Args, List<String>> args) {
      t.put(
          cls + ".apply",
          call(
              params,
              THRESHOLDS,
              a -> transform(cls + ".apply", args.apply(a).toArray(new String[0]))));
    }

    private static final List<String> FROM_CATALOG =
        List.of(
            "database",
            "table_name",
            "redshift_tmp_dir",
            "transformation_ctx",
            "push_down_predicate",
            "additional_options",
            "catalog_id");
    private static final List<String> FROM_OPTIONS =
        List.of(
            "connection_type",
            "connection_options",
            "format",
            "format_options",
            "transformation_ctx");
    private static final List<String> WRITE_FROM_CATALOG =
        List.of(
            "frame",
            "database",
            "table_name",
            "redshift_tmp_dir",
            "transformation_ctx",
            "additional_options",
            "catalog_id");

    private Map<String, Rendering> contextCalls() {
      Map<String, Rendering> t = new HashMap<>();
      glue(
          t,
          "create_dynamic_frame.from_catalog",
          call(
              FROM_CATALOG,
              Set.of(),
              a -> {
                checkCatalogRead(a);
                return read(
                    a,
                    "createDynamicFrameFromCatalog",
                    Kind.FRAME,
                    string(a, "database"),
                    string(a, "table_name"),
                    tctx(a),
                    pushDownPredicate(a),
                    options(a.get("additional_options")));
              }));
      glue(
          t,
          "create_dynamic_frame.from_options",
          call(FROM_OPTIONS, Set.of(), a -> fromOptions(a, "createDynamicFrameFromOptions")));
      glue(
          t,
          "write_dynamic_frame.from_options",
          call(
              prepend("frame", FROM_OPTIONS),
              Set.of(),
              a -> fromOptions(a, "writeDynamicFrameFromOptions", frame(a.required("frame")))));
      glue(
          t,
          "write_dynamic_frame.from_catalog",
          call(
              WRITE_FROM_CATALOG,
              Set.of(),
              a ->
                  writeFromCatalog(a, "writeDynamicFrameFromCatalog", frame(a.required("frame")))));
      glue(
          t,
          "write_dynamic_frame.from_jdbc_conf",
          call(
              List.of(
                  "frame",
                  "catalog_connection",
                  "connection_options",
                  "redshift_tmp_dir",
                  "transformation_ctx",
                  "catalog_id"),
              Set.of(),
              a -> {
                checkCatalogRead(a);
                return read(
                    a,
                    "writeDynamicFrameFromJdbcConf",
                    Kind.FRAME,
                    frame(a.required("frame")),
                    string(a, "catalog_connection"),
                    options(a.get("connection_options")),
                    tctx(a));
              }));
      glue(
          t,
          "create_data_frame.from_catalog",
          call(FROM_CATALOG, Set.of(), this::dataFrameFromCatalog));
      glue(
          t,
          "create_data_frame.from_options",
          call(
              FROM_OPTIONS,
              Set.of(),
              a -> fromOptions(a, "createDataFrameFromOptions").as(Kind.DATAFRAME)));
      glue(
          t,
          "write_data_frame.from_catalog",
          call(
              WRITE_FROM_CATALOG,
              Set.of(),
              a -> {
                Value df = expr(a.required("frame"));
                require(df, Kind.DATAFRAME, "write_data_frame.from_catalog");
                return writeFromCatalog(a, "writeDataFrameFromCatalog", df.java());
              }));
      return t;
    }

    /**
     * A GlueContext method under both its names: {@code create_dynamic_frame.from_options} (the
     * reader's) and {@code create_dynamic_frame_from_options} (the context's own).
     */
    private static void glue(Map<String, Rendering> t, String name, Rendering r) {
      t.put(name, r);
      t.put(name.replace('.', '_'), r);
    }

    private static List<String> prepend(String first, List<String> rest) {
      List<String> all = new ArrayList<>(List.of(first));
      all.addAll(rest);
      return List.copyOf(all);
    }

    /** The arguments of a catalog or connection read that dynaframe has no use for. */
    private void checkCatalogRead(Args a) {
      noValue(a, "catalog_id", "dynaframe reads the catalog the context is given");
      unused(a, "redshift_tmp_dir");
    }

    /**
     * {@code create_data_frame.from_catalog}: {@code createDataFrameFromCatalog}, or with a
     * push-down predicate (which that method does not take) the same read as {@code toDF()}.
     */
    private Value dataFrameFromCatalog(Args a) {
      checkCatalogRead(a);
      String database = string(a, "database");
      String table = string(a, "table_name");
      String predicate = pushDownPredicate(a);
      boolean filtered = !predicate.equals("\"\"");
      List<String> args = new ArrayList<>(List.of(database, table, tctx(a)));
      if (filtered) {
        args.add(predicate);
      }
      args.add(options(a.get("additional_options")));
      String[] values = args.toArray(new String[0]);
      return filtered
          ? read(a, "createDynamicFrameFromCatalog", Kind.FRAME, values)
              .then(".toDF()", Kind.DATAFRAME)
          : read(a, "createDataFrameFromCatalog", Kind.DATAFRAME, values);
    }

    /** A read or write by connection type and format; {@code frame} first for a write. */
    private Value fromOptions(Args a, String method, String... frame) {
      List<String> args = new ArrayList<>(List.of(frame));
      args.add(string(a, "connection_type"));
      args.add(options(a.get("connection_options")));
      args.add(format(a));
      args.add(formatOptions(a.get("format_options")));
      args.add(tctx(a));
      return read(a, method, Kind.FRAME, args.toArray(new String[0]));
    }

    private Map<String, Rendering> frameCalls() {
      Map<String, Rendering> t = new HashMap<>();
      t.put(
          "apply_mapping",
          call(
              List.of("mappings", "case_sensitive", "transformation_ctx"),
              THRESHOLDS,
              a -> {
                noValue(a, "case_sensitive", "");
                imports.add("io.dynaframe.transforms.MappingSpec");
                return step(a, "ApplyMapping.of(" + mappings(a.required("mappings")) + ")");
              }));
      t.put(
          "resolveChoice",
          call(
              List.of(
                  "specs", "choice", "database", "table_name", "transformation_ctx", "catalog_id"),
              THRESHOLDS,
              a -> step(a, resolveChoiceValue(a))));
      for (String method : List.of("drop_fields", "select_fields")) {
        String cls = method.equals("drop_fields") ? "DropFields" : "SelectFields";
        t.put(
            method,
            call(
                PATHS_CTX,
                THRESHOLDS,
                a -> step(a, cls + ".of(" + stringList(a.required("paths")) + ")")));
      }
      t.put(
          "rename_field",
          call(
              List.of("oldName", "newName", "transformation_ctx"),
              THRESHOLDS,
              a ->
                  step(
                      a,
                      jcall(
                          "RenameField.of",
                          stringValue(a.required("oldName")).java(),
                          stringValue(a.required("newName")).java()))));
      t.put(
          "filter",
          call(
              List.of("f", "transformation_ctx"),
              THRESHOLDS,
              a -> step(a, "Filter.where(" + javaString(condition(a.required("f"))) + ")")));
      t.put(
          "join",
          call(
              List.of("paths1", "paths2", "frame2", "transformation_ctx"),
              THRESHOLDS,
              a ->
                  transform(
                      "Join.apply",
                      a.receiver(),
                      frame(a.required("frame2")),
                      stringList(a.required("paths1")),
                      stringList(a.required("paths2")),
                      tctx(a))));
      t.put("unnest", call(CTX, THRESHOLDS, a -> step(a, "Unnest.create()")));
      t.put("drop_null_fields", call(CTX, THRESHOLDS, a -> step(a, "DropNullFields.create()")));
      t.put(
          "union",
          call(
              List.of("other_frame", "transformation_ctx"),
              THRESHOLDS,
              a -> step(a, "Union.with(" + frame(a.required("other_frame")) + ")")));
      t.put(
          "spigot",
          call(
              List.of("path", "options", "transformation_ctx"),
              THRESHOLDS,
              a ->
                  step(
                      a,
                      jcall(
                          "Spigot.of",
                          stringValue(a.required("path")).java(),
                          options(a.get("options"))))));
      t.put(
          "split_fields",
          call(
              List.of("paths", "name1", "name2", "transformation_ctx"),
              THRESHOLDS,
              a ->
                  step(
                      a,
                      "SplitFields.of("
                          + stringList(a.required("paths"))
                          + ")"
                          + withNames(a, "null", "null"))));
      t.put(
          "split_rows",
          call(
              List.of("comparison_dict", "name1", "name2", "transformation_ctx"),
              THRESHOLDS,
              a ->
                  step(
                      a,
                      "SplitRows.of("
                          + comparisons(a.required("comparison_dict"))
                          + ")"
                          + withNames(a, "\"frame1\"", "\"frame2\""))));
      t.put(
          "unbox",
          callWithOptions(
              List.of("path", "format", "transformation_ctx"),
              THRESHOLDS,
              a -> {
                String unbox =
                    jcall(
                        "Unbox.of",
                        stringValue(a.required("path")).java(),
                        stringValue(a.required("format")).java());
                String options = unboxOptions(a);
                return step(
                    a,
                    options.equals("Options.empty()")
                        ? unbox
                        : unbox + ".withOptions(" + options + ")");
              }));
      t.put(
          "map",
          call(
              List.of("f", "preservesPartitioning", "transformation_ctx"),
              THRESHOLDS,
              a -> mapSkeleton(a.receiver(), a)));
      studioFrameCalls(t);
      return t;
    }

    /** Glue Studio's {@code gs_*} methods of a DynamicFrame, applied as the node's step. */
    private void studioFrameCalls(Map<String, Rendering> t) {
      studio(
          t,
          "gs_flatten",
          List.of("maxLevels", "separator"),
          a -> {
            String s = "Flatten.of()";
            if (a.get("maxLevels").isPresent()) {
              s += ".withMaxLevels(" + intValue(a.get("maxLevels").get()) + ")";
            }
            if (a.get("separator").isPresent()) {
              s += ".withSeparator(" + stringValue(a.get("separator").get()).java() + ")";
            }
            return s;
          });
      studio(
          t,
          "gs_derived",
          List.of("colName", "expr"),
          a -> jcall("DerivedColumn.of", string(a, "colName"), string(a, "expr")));
      studio(
          t,
          "gs_concat",
          List.of("colName", "colList", "spacer", "nullString"),
          a ->
              jcall(
                      "ConcatenateColumns.of",
                      string(a, "colName"),
                      stringList(a.required("colList")))
                  + optionalString(a, "spacer", ".withSpacer")
                  + optionalString(a, "nullString", ".withNullValue"));
      studio(
          t,
          "gs_split",
          List.of("colName", "pattern", "newColName"),
          a ->
              jcall("SplitString.of", string(a, "colName"), string(a, "pattern"))
                  + optionalString(a, "newColName", ".withArrayColumn"));
      studio(
          t,
          "gs_array_to_cols",
          List.of("colName", "colList", "indexes"),
          a -> {
            String s =
                jcall("ArrayToColumns.of", string(a, "colName"), commaList(a.required("colList")));
            if (a.get("indexes").isPresent() && !isNone(a.get("indexes").get())) {
              List<String> positions = new ArrayList<>();
              for (String p : commaItems(a.get("indexes").get())) {
                if (!p.matches("\\d+")) {
                  throw new Untranslatable("gs_array_to_cols: index '" + p + "' is not a number");
                }
                positions.add(p);
              }
              s += ".atPositions(" + String.join(", ", positions) + ")";
            }
            return s;
          });
      studio(
          t,
          "gs_now",
          List.of("colName", "dateFormat"),
          a ->
              "AddCurrentTimestamp.of()"
                  + optionalString(a, "colName", ".withColumn")
                  + optionalString(a, "dateFormat", ".withFormat"));
      studio(
          t,
          "gs_format_timestamp",
          List.of("colName", "dateFormat", "newColName"),
          a ->
              jcall("FormatTimestamp.of", string(a, "colName"), string(a, "dateFormat"))
                  + optionalString(a, "newColName", ".withNewColumn"));
      studio(
          t,
          "gs_to_timestamp",
          List.of("colName", "colType", "newColName"),
          a ->
              jcall("ToTimestamp.of", string(a, "colName"), string(a, "colType"))
                  + optionalString(a, "newColName", ".withNewColumn"));
      studio(
          t,
          "gs_identifier",
          List.of("colName", "unique"),
          a -> {
            String s = "Identifier.of()" + optionalString(a, "colName", ".withColumn");
            if (a.get("unique").isPresent() && bool(a.get("unique").get())) {
              s += ".unique()";
            }
            return s;
          });
      studio(
          t,
          "gs_explode",
          List.of("colName", "newCol", "outer"),
          a -> {
            String s =
                jcall("Explode.of", string(a, "colName"))
                    + optionalString(a, "newCol", ".withValueColumn");
            if (a.get("outer").isPresent() && bool(a.get("outer").get())) {
              s += ".includingNulls()";
            }
            return s;
          });
      studio(
          t,
          "gs_pivot",
          List.of("aggCol", "aggFunction", "colList"),
          a ->
              jcall(
                  "Pivot.of",
                  string(a, "aggCol"),
                  string(a, "aggFunction"),
                  stringArgs(a.required("colList"))));
      studio(
          t,
          "gs_unpivot",
          List.of("unpivotColName", "valueColName", "colList"),
          a -> {
            String name = string(a, "unpivotColName");
            String value = string(a, "valueColName");
            Expr columns = a.required("colList");
            return jcall(
                "Unpivot.of",
                name,
                value,
                columns instanceof Str ? commaList(columns) : stringArgs(columns));
          });
      studio(
          t,
          "gs_repartition",
          List.of("numPartitionsStr", "columns"),
          a -> {
            String s = "AutobalanceProcessing.of()";
            if (a.get("numPartitionsStr").isPresent() && !isNone(a.get("numPartitionsStr").get())) {
              String n = literalString(a.get("numPartitionsStr").get(), "a number of partitions");
              if (!n.strip().matches("\\d+")) {
                throw new Untranslatable(
                    "gs_repartition: '" + n + "' is not a number of partitions");
              }
              if (Integer.parseInt(n.strip()) > 0) {
                s += ".withPartitions(" + n.strip() + ")";
              }
            }
            if (a.get("columns").isPresent() && !isNone(a.get("columns").get())) {
              s += ".withColumns(" + stringArgs(a.get("columns").get()) + ")";
            }
            return s;
          });
    }

    /** A Glue Studio node, {@code frame.gs_x(...)}: the transform, applied as the node's step. */
    private void studio(
        Map<String, Rendering> t,
        String name,
        List<String> params,
        Function<Args, String> transform) {
      t.put(name, call(params, Set.of(), a -> node(a, transform.apply(a))));
    }

    /**
     * The transforms {@code FlatMap.apply(dfc, BaseTransform, frame_name, **base_kwargs)} applies
     * to each frame: the class's parameters other than its frame, rendered as the transform's
     * value.
     */
    private Map<String, Rendering> baseTransforms() {
      Map<String, Rendering> t = new HashMap<>();
      t.put(
          "ApplyMapping",
          call(
              List.of("mappings", "case_sensitive"),
              THRESHOLDS,
              a -> {
                noValue(a, "case_sensitive", "");
                imports.add("io.dynaframe.transforms.MappingSpec");
                return transformValue("ApplyMapping.of(" + mappings(a.required("mappings")) + ")");
              }));
      t.put(
          "ResolveChoice",
          call(
              List.of("specs", "choice", "database", "table_name", "catalog_id"),
              THRESHOLDS,
              a -> transformValue(resolveChoiceValue(a))));
      for (String cls : List.of("DropFields", "SelectFields")) {
        t.put(
            cls,
            call(
                List.of("paths"),
                THRESHOLDS,
                a -> transformValue(cls + ".of(" + stringList(a.required("paths")) + ")")));
      }
      t.put(
          "RenameField",
          call(
              List.of("old_name", "new_name"),
              THRESHOLDS,
              a ->
                  transformValue(
                      jcall(
                          "RenameField.of",
                          stringValue(a.required("old_name")).java(),
                          stringValue(a.required("new_name")).java()))));
      t.put(
          "DropNullFields",
          call(List.of(), THRESHOLDS, a -> transformValue("DropNullFields.create()")));
      t.put("UnnestFrame", call(List.of(), THRESHOLDS, a -> transformValue("Unnest.create()")));
      return t;
    }

    private static void alias(Map<String, Rendering> t, Rendering r, String... names) {
      for (String name : names) {
        t.put(name, r);
      }
    }

    /** {@code name(arg, arg, ...)}. */
    private static String jcall(String name, String... args) {
      return name + "(" + String.join(", ", args) + ")";
    }

    /** The transforms whose result is a collection of frames. */
    private static final Set<String> COLLECTIONS =
        Set.of("ConditionalRouter", "SplitFields", "SplitRows", "Relationalize", "FlatMap");

    /** A transform's static apply, {@code Cls.apply(args)}: imports its class. */
    private Value transform(String apply, String... args) {
      String cls = apply.substring(0, apply.indexOf('.'));
      imports.add(transformClass(cls));
      glueCalls++;
      return new Value(
          jcall(apply, args), COLLECTIONS.contains(cls) ? Kind.COLLECTION : Kind.FRAME, true);
    }

    /** A transform as a value ({@code Cls.of(...)}, to apply later): imports its class. */
    private Value transformValue(String java) {
      imports.add(transformClass(java.substring(0, java.indexOf('.'))));
      return new Value(java, Kind.VALUE, false);
    }

    private static String transformClass(String cls) {
      return (STUDIO.contains(cls) ? "io.dynaframe.transforms.studio." : "io.dynaframe.transforms.")
          + cls;
    }

    /** A call of the GlueContext: {@code glueContext.method(args)}, a frame or a DataFrame. */
    private Value read(Args a, String method, Kind kind, String... args) {
      imports.add("io.dynaframe.Options");
      glueCalls++;
      return new Value(a.receiver() + "." + jcall(method, args), kind, true);
    }

    private Value writeFromCatalog(Args a, String method, String frame) {
      noValue(a, "catalog_id", "dynaframe writes to the catalog the context is given");
      unused(a, "redshift_tmp_dir");
      return read(
          a,
          method,
          Kind.FRAME,
          frame,
          string(a, "database"),
          string(a, "table_name"),
          tctx(a),
          options(a.get("additional_options")));
    }

    private String format(Args a) {
      return a.get("format").map(f -> stringValue(f).java()).orElse("null");
    }

    private String pushDownPredicate(Args a) {
      return a.get("push_down_predicate").map(p -> stringValue(p).java()).orElse("\"\"");
    }

    /** A required string argument as Java. */
    private String string(Args a, String param) {
      return stringValue(a.required(param)).java();
    }

    /** An optional name argument (None or absent: the default given). */
    private String optionalName(Args a, String param, String absent) {
      return a.get(param).map(n -> stringValue(n).java()).orElse(absent);
    }

    /** {@code .withNames(name1, name2)} unless both are the defaults. */
    private String withNames(Args a, String default1, String default2) {
      String n1 = optionalName(a, "name1", default1);
      String n2 = optionalName(a, "name2", default2);
      return n1.equals(default1) && n2.equals(default2) ? "" : ".withNames(" + n1 + ", " + n2 + ")";
    }

    /**
     * {@code frame.apply("ctx", transform)}, or {@code frame.apply(transform)} without a context.
     */
    private Value step(String frame, Args a, String transform) {
      Optional<Expr> ctx = a == null ? Optional.empty() : a.get("transformation_ctx");
      String name = ctx.isPresent() ? stringValue(ctx.get()).java() : null;
      return stepNamed(frame, name, transform);
    }

    /** A method of a frame as a step on the frame the method is called on. */
    private Value step(Args a, String transform) {
      return step(a.receiver(), a, transform);
    }

    /** A Glue Studio node: a step on the frame named after the node's variable. */
    private Value node(Args a, String transform) {
      return stepNamed(a.receiver(), a.node(), transform);
    }

    private Value stepNamed(String frame, String javaName, String transform) {
      String cls = transform.substring(0, transform.indexOf('.'));
      imports.add(transformClass(cls));
      glueCalls++;
      Kind kind = COLLECTIONS.contains(cls) ? Kind.COLLECTION : Kind.FRAME;
      return new Value(
          frame
              + ".apply("
              + (javaName == null || javaName.equals("\"\"") ? "" : javaName + ", ")
              + transform
              + ")",
          kind,
          true);
    }

    private static final Set<String> STUDIO =
        Set.of(
            "Flatten",
            "DerivedColumn",
            "ConcatenateColumns",
            "SplitString",
            "ArrayToColumns",
            "AddCurrentTimestamp",
            "FormatTimestamp",
            "ToTimestamp",
            "Identifier",
            "Explode",
            "Pivot",
            "Unpivot",
            "AutobalanceProcessing",
            "DropDuplicates",
            "SqlQuery",
            "Aggregate",
            "ConditionalRouter");

    /** The methods of a DynamicFrame that are the same in Java. */
    private static final Set<String> SAME_IN_JAVA =
        Set.of(
            "printSchema",
            "show",
            "count",
            "errorsCount",
            "toDF",
            "repartition",
            "coalesce",
            "getNumPartitions");

    private Value frameMethod(String f, String method, Call c, String target) {
      if (SAME_IN_JAVA.contains(method)) {
        if (!c.keywords().isEmpty()) {
          throw new Untranslatable(method + " with keyword arguments");
        }
        List<String> args = new ArrayList<>();
        for (Expr e : c.args()) {
          args.add(expr(e).java());
        }
        Kind kind =
            switch (method) {
              case "toDF" -> Kind.DATAFRAME;
              case "repartition", "coalesce" -> Kind.FRAME;
              default -> Kind.VALUE;
            };
        if (method.equals("toDF") && !args.isEmpty()) {
          throw new Untranslatable("toDF with options");
        }
        return new Value(f + "." + method + "(" + String.join(", ", args) + ")", kind, true);
      }
      return render(
          frameCalls,
          method,
          c,
          f,
          target,
          "DynamicFrame." + method + "(...) is not a call the porter translates");
    }

    private Value collectionMethod(String c, String method, Call call) {
      switch (method) {
        case "select" -> {
          if (call.args().size() != 1 || !call.keywords().isEmpty()) {
            throw new Untranslatable("select takes the key");
          }
          return new Value(
              c + ".select(" + stringValue(call.args().get(0)).java() + ")", Kind.FRAME, true);
        }
        case "keys" -> {
          return new Value(c + ".keys()", Kind.VALUE, true);
        }
        default ->
            throw new Untranslatable(
                "DynamicFrameCollection." + method + "(...) is not a call the porter translates");
      }
    }

    private Value dataFrameMethod(String df, String method, Call c) {
      if (!Set.of("show", "printSchema", "count").contains(method) || !c.keywords().isEmpty()) {
        throw new Untranslatable(
            "DataFrame." + method + "(...) is not a call the porter translates");
      }
      List<String> args = new ArrayList<>();
      for (Expr e : c.args()) {
        args.add(expr(e).java());
      }
      return new Value(df + "." + method + "(" + String.join(", ", args) + ")", Kind.VALUE, true);
    }

    private String mappings(Expr e) {
      if (!(e instanceof ListExpr l)) {
        throw new Untranslatable(
            "mappings must be a list of tuples, not '" + oneLine(e.text()) + "'");
      }
      List<String> specs = new ArrayList<>();
      for (Expr m : l.items()) {
        List<Expr> parts =
            m instanceof TupleExpr t ? t.items() : m instanceof ListExpr ml ? ml.items() : null;
        if (parts == null || parts.size() < 2 || parts.size() > 4) {
          throw new Untranslatable(
              "a mapping is a tuple of 2 to 4 strings, not '" + oneLine(m.text()) + "'");
        }
        specs.add(
            "MappingSpec.of("
                + parts.stream().map(p -> stringValue(p).java()).collect(Collectors.joining(", "))
                + ")");
      }
      imports.add("java.util.List");
      return "List.of(" + String.join(", ", specs) + ")";
    }

    /** {@code ResolveChoice.apply(frame, specs=..., choice=..., database=..., table_name=...)}. */
    private Value resolveChoice(Args a) {
      String f = frame(a.required("frame"));
      if (a.get("specs").isPresent() && !isNone(a.get("specs").get())) {
        imports.add("io.dynaframe.transforms.ResolveSpec");
        return transform("ResolveChoice.apply", f, resolveSpecs(a.get("specs").get()), tctx(a));
      }
      String choice = choice(a);
      if (choice.equals("match_catalog")) {
        return step(f, a, matchCatalog(a));
      }
      return transform("ResolveChoice.apply", f, javaString(choice), tctx(a));
    }

    private String choice(Args a) {
      Optional<Expr> choice = a.get("choice");
      if (choice.isEmpty() || isNone(choice.get())) {
        throw new Untranslatable("ResolveChoice needs specs or a choice");
      }
      return literalString(choice.get(), "a choice");
    }

    private String resolveChoiceValue(Args a) {
      if (a.get("specs").isPresent() && !isNone(a.get("specs").get())) {
        imports.add("io.dynaframe.transforms.ResolveSpec");
        return "ResolveChoice.specs(" + resolveSpecs(a.get("specs").get()) + ")";
      }
      String choice = choice(a);
      return choice.equals("match_catalog")
          ? matchCatalog(a)
          : "ResolveChoice.choice(" + javaString(choice) + ")";
    }

    /**
     * {@code choice="match_catalog", database=..., table_name=...}: {@code
     * ResolveChoice.matchCatalog} over the tables of the script's GlueContext's catalog (the
     * class's {@code catalogTables} helper), as Glue reads the table from the frame's GlueContext.
     */
    private String matchCatalog(Args a) {
      noValue(a, "catalog_id", "dynaframe reads the catalog the context is given");
      String database = stringValue(a.required("database")).java();
      String table = stringValue(a.required("table_name")).java();
      String context = jobContext;
      if (context == null) {
        context =
            vars.values().stream()
                .filter(v -> v.kind() == Kind.GLUE_CONTEXT)
                .map(Var::javaName)
                .sorted()
                .findFirst()
                .orElseThrow(
                    () ->
                        new Untranslatable(
                            "choice=\"match_catalog\" reads the table from the catalog of the"
                                + " GlueContext, and the script makes none above"));
      }
      usesCatalogTables = true;
      imports.add("io.dynaframe.DynaContext");
      imports.add("io.dynaframe.catalog.TableIdentifier");
      imports.add("io.dynaframe.transforms.TableSchemaLookup");
      imports.add("java.util.Optional");
      return jcall("ResolveChoice.matchCatalog", database, table, "catalogTables(" + context + ")");
    }

    private String resolveSpecs(Expr e) {
      if (!(e instanceof ListExpr l)) {
        throw new Untranslatable("specs must be a list of (path, action) tuples");
      }
      List<String> specs = new ArrayList<>();
      for (Expr s : l.items()) {
        List<Expr> parts =
            s instanceof TupleExpr t ? t.items() : s instanceof ListExpr sl ? sl.items() : null;
        if (parts == null || parts.size() != 2) {
          throw new Untranslatable(
              "a spec is a (path, action) tuple, not '" + oneLine(s.text()) + "'");
        }
        specs.add(
            "ResolveSpec.of("
                + stringValue(parts.get(0)).java()
                + ", "
                + stringValue(parts.get(1)).java()
                + ")");
      }
      imports.add("java.util.List");
      return "List.of(" + String.join(", ", specs) + ")";
    }

    private Value sqlQuery(Args a) {
      if (!(a.required("mapping") instanceof DictExpr d) || d.keys().isEmpty()) {
        throw new Untranslatable("sparkSqlQuery's mapping must be a dict of alias: frame");
      }
      String first = frame(d.values().get(0));
      StringBuilder t =
          new StringBuilder("SqlQuery.of(")
              .append(stringValue(a.required("query")).java())
              .append(").as(")
              .append(stringValue(d.keys().get(0)).java())
              .append(")");
      for (int i = 1; i < d.keys().size(); i++) {
        t.append(".withFrame(")
            .append(stringValue(d.keys().get(i)).java())
            .append(", ")
            .append(frame(d.values().get(i)))
            .append(")");
      }
      return step(first, a, t.toString());
    }

    /**
     * Glue Studio's Union node: its helper {@code sparkUnion(glueContext, unionType, mapping,
     * transformation_ctx)} runs {@code (select * from source1) UNION <unionType> (select * from
     * source2)} over the two frames of the mapping; ported as that query.
     */
    private Value sparkUnion(Args a) {
      String type = literalString(a.required("unionType"), "the union type");
      if (!type.equalsIgnoreCase("ALL") && !type.equalsIgnoreCase("DISTINCT")) {
        throw new Untranslatable("sparkUnion's unionType is ALL or DISTINCT, not '" + type + "'");
      }
      if (!(a.required("mapping") instanceof DictExpr d)
          || d.keys().size() != 2
          || d.keys().stream().anyMatch(k -> !(k instanceof Str))) {
        throw new Untranslatable(
            "sparkUnion's mapping must be a dict of the two frames, source1 and source2");
      }
      Map<String, Expr> frames = new HashMap<>();
      for (int i = 0; i < 2; i++) {
        frames.put(literalString(d.keys().get(i), "an alias"), d.values().get(i));
      }
      if (!frames.containsKey("source1") || !frames.containsKey("source2")) {
        throw new Untranslatable(
            "sparkUnion's query reads source1 and source2, and its mapping names "
                + String.join(" and ", new TreeSet<>(frames.keySet())));
      }
      String first = frame(frames.get("source1"));
      String query = "(select * from source1) UNION " + type + " (select * from source2)";
      return step(
          first,
          a,
          "SqlQuery.of("
              + javaString(query)
              + ").as(\"source1\").withFrame(\"source2\", "
              + frame(frames.get("source2"))
              + ")");
    }

    private Value aggregate(Args a) {
      StringBuilder t =
          new StringBuilder("Aggregate.by(").append(stringArgs(a.required("groups"))).append(")");
      if (!(a.required("aggs") instanceof ListExpr aggs) || aggs.items().isEmpty()) {
        throw new Untranslatable(
            "sparkAggregate's aggs must be a list of [column, function] pairs");
      }
      for (Expr agg : aggs.items()) {
        List<Expr> pair =
            agg instanceof ListExpr l ? l.items() : agg instanceof TupleExpr tu ? tu.items() : null;
        if (pair == null || pair.size() != 2) {
          throw new Untranslatable(
              "an aggregate is a [column, function] pair, not '" + oneLine(agg.text()) + "'");
        }
        t.append(".with(")
            .append(stringValue(pair.get(0)).java())
            .append(", ")
            .append(stringValue(pair.get(1)).java())
            .append(")");
      }
      return step(frame(a.required("parentFrame")), a, t.toString());
    }

    private Value dropNulls(Args a) {
      for (String set : List.of("nullStringSet", "nullIntegerSet")) {
        Optional<Expr> values = a.get(set);
        boolean empty =
            values.isEmpty()
                || isNone(values.get())
                || values.get() instanceof DictExpr d && d.keys().isEmpty()
                || values.get() instanceof ListExpr l && l.items().isEmpty()
                || values.get() instanceof Call call
                    && dotted(call.function()).equals("set")
                    && call.args().isEmpty();
        if (!empty) {
          throw new Untranslatable(
              "drop_nulls with custom null values ("
                  + set
                  + "): DropNullFields drops only fields"
                  + " that are null in every record");
        }
      }
      return transform("DropNullFields.apply", frame(a.required("frame")), tctx(a));
    }

    private Value route(Args a) {
      if (!(a.required("group_filters") instanceof ListExpr filters)) {
        throw new Untranslatable("threadedRoute's group_filters must be a list of GroupFilter");
      }
      StringBuilder t = new StringBuilder("ConditionalRouter.of()");
      for (Expr g : filters.items()) {
        if (!(g instanceof Call gc) || !dotted(gc.function()).equals("GroupFilter")) {
          throw new Untranslatable("a group filter is GroupFilter(name=..., filters=...)");
        }
        Args ga = bind(gc, "GroupFilter", List.of("name", "filters"), Set.of());
        String name = literalString(ga.required("name"), "a group name");
        if (name.equals("default_group")) {
          continue; // ConditionalRouter adds the rows no condition holds for as default_group
        }
        t.append(".withGroup(")
            .append(javaString(name))
            .append(", ")
            .append(javaString(condition(ga.required("filters"))))
            .append(")");
      }
      return stepNamed(frame(a.required("source_DyF")), a.node(), t.toString());
    }

    /**
     * Glue Studio's Drop Duplicates, {@code DynamicFrame.fromDF(x.toDF().dropDuplicates(...),
     * glueContext, "name")}, or a DataFrame variable of the script made a frame again.
     */
    private Value fromDF(Args a) {
      Expr df = a.required("dataframe");
      if (a.get("name").isPresent()
          && a.get("glue_ctx").isPresent()
          && df instanceof Call dd
          && dd.function() instanceof Attr ddAttr
          && ddAttr.name().equals("dropDuplicates")
          && ddAttr.value() instanceof Call toDF
          && toDF.function() instanceof Attr toDFAttr
          && toDFAttr.name().equals("toDF")
          && toDF.args().isEmpty()
          && dd.keywords().isEmpty()
          && dd.args().size() <= 1) {
        String f = frame(toDFAttr.value());
        String t =
            dd.args().isEmpty()
                ? "DropDuplicates.entireRows()"
                : "DropDuplicates.onColumns(" + stringArgs(dd.args().get(0)) + ")";
        return stepNamed(f, stringValue(a.required("name")).java(), t);
      }
      if (df instanceof Name n
          && vars.containsKey(n.id())
          && vars.get(n.id()).kind() == Kind.DATAFRAME) {
        Value ctx = expr(a.required("glue_ctx"));
        require(ctx, Kind.GLUE_CONTEXT, "DynamicFrame.fromDF");
        glueCalls++;
        return new Value(
            jcall(
                "DynamicFrame.fromDF",
                vars.get(n.id()).javaName(),
                ctx.java(),
                a.get("name").map(s -> stringValue(s).java()).orElse("\"\"")),
            Kind.FRAME,
            true);
      }
      throw new Untranslatable(
          "DynamicFrame.fromDF over DataFrame code: port the DataFrame code by hand"
              + " (DynamicFrame.fromDF(df, ctx, name) exists)");
    }

    /**
     * {@code FlatMap.apply(dfc, BaseTransform, frame_name, transformation_ctx, **base_kwargs)}:
     * {@code FlatMap.apply(collection, transform, ctx)} with the transform of the class and its
     * arguments.
     */
    private Value flatMap(Args a) {
      String dfc = collection(a.required("dfc"), "FlatMap.apply");
      Expr base = a.required("BaseTransform");
      String cls = base instanceof Name n ? n.id() : oneLine(base.text());
      Rendering r = baseTransforms.get(cls);
      if (r == null) {
        throw new Untranslatable(
            "FlatMap.apply's BaseTransform "
                + cls
                + " is not one the porter translates (it knows "
                + String.join(", ", new TreeSet<>(baseTransforms.keySet()))
                + ")");
      }
      String frameName = literalString(a.required("frame_name"), "frame_name");
      if (!frameName.equals("frame")) {
        throw new Untranslatable(
            "FlatMap.apply's frame_name must be \"frame\", the frame parameter of " + cls);
      }
      Call baseCall = new Call(base, List.of(), a.keywords(), false, cls);
      String t = r.render().render(bind(baseCall, cls, r, null, null)).java();
      return transform("FlatMap.apply", dfc, t, tctx(a));
    }

    /**
     * {@code Map.apply(frame, f)} or {@code frame.map(f)}: a Python function cannot be ported, so
     * the step is a lambda over dynaframe's record view, {@code Map.onRecords(rec -> {...})},
     * holding the function's Python source as comments, wrapped in {@code todo(...)} so the class
     * compiles and the job fails at the step until the lambda is written.
     */
    private Value mapSkeleton(String frame, Args a) {
      Expr f = a.required("f");
      String ctx = a.get("transformation_ctx").map(t -> stringValue(t).java()).orElse(null);
      String function;
      String param;
      List<String> source;
      if (f instanceof Lambda l) {
        function = "'" + oneLine(l.text()) + "'";
        param = l.params().isEmpty() ? "rec" : l.params().get(0);
        source = l.text().lines().toList();
      } else if (f instanceof Name n && definitions.containsKey(n.id())) {
        Compound d = definitions.get(n.id());
        function = "'" + n.id() + "' (python lines " + d.line() + "-" + d.lastLine() + ")";
        param = firstParameter(d);
        source = d.text().lines().toList();
      } else if (f instanceof Name n) {
        function = "'" + n.id() + "'";
        param = "rec";
        source = List.of("the function " + n.id() + " is not defined in the script");
      } else {
        throw new Untranslatable(
            "Map's function must be a function's name or a lambda, not '"
                + oneLine(f.text())
                + "'");
      }
      String record = localName(param);
      glueCalls++;
      usesTodo = true;
      usesTodoStep = true;
      todoComment(
          current,
          "Map's function "
              + function
              + " is Python: write it in Java on the DynamicRecord "
              + record
              + " (getField, setField, dropField by path), then remove the todo(...) around"
              + " Map.onRecords");
      String inner = "  ".repeat(indent + 1);
      StringBuilder java = new StringBuilder(frame).append(".apply(");
      if (ctx != null && !ctx.equals("\"\"")) {
        java.append(ctx).append(", ");
      }
      java.append("todo(")
          .append(
              javaString(scriptName + " line " + current.line() + ": " + oneLine(current.text())))
          .append(", io.dynaframe.transforms.Map.onRecords(")
          .append(record)
          .append(" -> {\n");
      for (String s : source) {
        java.append(inner).append("// ").append(ascii(s.stripTrailing())).append('\n');
      }
      java.append(inner)
          .append("return todo(")
          .append(javaString("Map's function " + function))
          .append(");\n")
          .append("  ".repeat(indent))
          .append("})))");
      return new Value(java.toString(), Kind.FRAME, true);
    }

    /** The first parameter of a {@code def}, or {@code rec}. */
    private static String firstParameter(Compound d) {
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile("def\\s+\\w+\\s*\\(\\s*([A-Za-z_]\\w*)")
              .matcher(d.text());
      return m.find() ? m.group(1) : "rec";
    }

    /** A lambda parameter's Java name that no local variable of run() has. */
    private String localName(String python) {
      String name = javaName(python);
      while (true) {
        String candidate = name;
        if (vars.values().stream().noneMatch(v -> v.javaName().equals(candidate))) {
          return name;
        }
        name = name + "_";
      }
    }

    /** A Glue comparison dict, {@code {"age": {">": 21}}}, as nested Java maps. */
    private String comparisons(Expr e) {
      if (!(e instanceof DictExpr d)
          || d.keys().isEmpty()
          || d.values().stream().anyMatch(v -> !(v instanceof DictExpr))) {
        throw new Untranslatable(
            "comparison_dict must be a dict of path to {operator: value}, not '"
                + oneLine(e.text())
                + "'");
      }
      return map(d);
    }

    /** Glue's {@code **options} of Unbox: the CSV options dynaframe's Unbox takes. */
    private String unboxOptions(Args a) {
      List<String> parts = new ArrayList<>();
      for (Keyword k : a.keywords()) {
        if (!Set.of("separator", "quoteChar", "escaper").contains(k.name())) {
          throw new Untranslatable(
              "Unbox option "
                  + k.name()
                  + "="
                  + oneLine(k.value().text())
                  + " is not ported: dynaframe's Unbox takes separator, quoteChar and escaper"
                  + (k.name().equals("withSchema")
                      ? " (a schema goes in Unbox.of(...).withSchema(\"<Spark DDL>\"))"
                      : ""));
        }
        parts.add(javaString(k.name()));
        parts.add(expr(k.value()).java());
      }
      imports.add("io.dynaframe.Options");
      return parts.isEmpty() ? "Options.empty()" : "Options.of(" + String.join(", ", parts) + ")";
    }

    /** A collection argument as Java. */
    private String collection(Expr e, String where) {
      Value v = expr(e);
      require(v, Kind.COLLECTION, where);
      return v.java();
    }

    // -------------------------------------------------------------- lambdas to Spark SQL

    /** A Python filter function as a Spark SQL condition. */
    private String condition(Expr f) {
      if (!(f instanceof Lambda l) || l.params().size() != 1) {
        throw new Untranslatable(
            "the filter function '"
                + oneLine(f.text())
                + "' is not a one-argument lambda; write it"
                + " as Filter.where(\"<Spark SQL condition>\") or a Java predicate");
      }
      try {
        return sql(l.body(), l.params().get(0));
      } catch (Untranslatable e) {
        throw new Untranslatable(
            "the filter function '"
                + oneLine(f.text())
                + "' is Python the porter cannot write as"
                + " Spark SQL ("
                + e.getMessage()
                + "); write it as Filter.where(\"<condition>\") or"
                + " a Java predicate");
      }
    }

    private String sql(Expr e, String row) {
      if (e instanceof BoolOp b) {
        return b.operands().stream()
            .map(o -> "(" + sql(o, row) + ")")
            .collect(Collectors.joining(b.op().equals("and") ? " AND " : " OR "));
      }
      if (e instanceof Not n) {
        return "NOT (" + sql(n.operand(), row) + ")";
      }
      if (e instanceof Compare c) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < c.ops().size(); i++) {
          parts.add(comparison(c.operands().get(i), c.ops().get(i), c.operands().get(i + 1), row));
        }
        return parts.size() == 1 ? parts.get(0) : "(" + String.join(") AND (", parts) + ")";
      }
      if (e instanceof Call c && dotted(c.function()).equals("bool") && c.args().size() == 1) {
        return sql(c.args().get(0), row);
      }
      if (e instanceof Call c
          && Set.of("re.match", "re.search", "re.fullmatch").contains(dotted(c.function()))
          && c.args().size() == 2
          && c.keywords().isEmpty()) {
        String pattern = literalString(c.args().get(0), "a regular expression");
        String fn = dotted(c.function());
        String anchored =
            fn.equals("re.match")
                ? "^(?:" + pattern + ")"
                : fn.equals("re.fullmatch") ? "^(?:" + pattern + ")$" : pattern;
        return operand(c.args().get(1), row) + " RLIKE " + sqlString(anchored);
      }
      return operand(e, row);
    }

    private String comparison(Expr left, String op, Expr right, String row) {
      if (op.equals("is") || op.equals("is not") || op.equals("==") || op.equals("!=")) {
        boolean negated = op.equals("is not") || op.equals("!=");
        if (isNone(right) || isNone(left)) {
          Expr other = isNone(right) ? left : right;
          return operand(other, row) + (negated ? " IS NOT NULL" : " IS NULL");
        }
        if (op.startsWith("is")) {
          throw new Untranslatable("'is' compares with None only");
        }
      }
      if (op.equals("in") || op.equals("not in")) {
        List<Expr> items =
            right instanceof ListExpr l
                ? l.items()
                : right instanceof TupleExpr t ? t.items() : null;
        if (items == null) {
          throw new Untranslatable("'in' over something other than a list of values");
        }
        return operand(left, row)
            + (op.equals("in") ? " IN (" : " NOT IN (")
            + items.stream().map(i -> operand(i, row)).collect(Collectors.joining(", "))
            + ")";
      }
      String sqlOp =
          switch (op) {
            case "==" -> "=";
            case "!=" -> "<>";
            default -> op;
          };
      return operand(left, row) + " " + sqlOp + " " + operand(right, row);
    }

    private String operand(Expr e, String row) {
      if (e instanceof Subscript s) {
        List<String> path = new ArrayList<>();
        Expr cur = s;
        while (cur instanceof Subscript sub) {
          path.add(0, literalString(sub.index(), "a field name"));
          cur = sub.value();
        }
        if (!(cur instanceof Name n) || !n.id().equals(row)) {
          throw new Untranslatable("'" + oneLine(e.text()) + "' is not a field of " + row);
        }
        return path.stream()
            .map(p -> "`" + p.replace("`", "``") + "`")
            .collect(Collectors.joining("."));
      }
      if (e instanceof Str s) {
        return sqlString(stringOf(s));
      }
      if (e instanceof Num n) {
        if (!n.literal().matches("[0-9_]*\\.?[0-9_]*([eE][+-]?[0-9]+)?")) {
          throw new Untranslatable("the number " + n.literal());
        }
        return n.literal().replace("_", "");
      }
      if (e instanceof Const c) {
        return c.id().equals("True") ? "TRUE" : c.id().equals("False") ? "FALSE" : "NULL";
      }
      if (e instanceof BinOp b && Set.of("+", "-", "*", "/", "%").contains(b.op())) {
        return "(" + operand(b.left(), row) + " " + b.op() + " " + operand(b.right(), row) + ")";
      }
      if (e instanceof Unary u && u.op().equals("-")) {
        return "-" + operand(u.operand(), row);
      }
      if (e instanceof BoolOp || e instanceof Not || e instanceof Compare) {
        return "(" + sql(e, row) + ")";
      }
      throw new Untranslatable("'" + oneLine(e.text()) + "'");
    }

    private static String sqlString(String value) {
      return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    // -------------------------------------------------------------- arguments

    /** A call's arguments by parameter name. */
    private final class Args {
      private final String call;
      private final Map<String, Expr> values;
      private final String receiver;
      private final String target;
      private final List<Keyword> keywords;

      Args(String call, Map<String, Expr> values) {
        this(call, values, null, null, List.of());
      }

      Args(
          String call,
          Map<String, Expr> values,
          String receiver,
          String target,
          List<Keyword> keywords) {
        this.call = call;
        this.values = values;
        this.receiver = receiver;
        this.target = target;
        this.keywords = keywords;
      }

      Optional<Expr> get(String name) {
        return Optional.ofNullable(values.get(name));
      }

      Expr required(String name) {
        Expr e = values.get(name);
        if (e == null) {
          throw new Untranslatable(call + " is called without its argument '" + name + "'");
        }
        return e;
      }

      /** The Java of what a method is called on: the GlueContext or the frame. */
      String receiver() {
        return receiver;
      }

      /** The step's name for a Glue Studio node: its variable as a Java string, or null. */
      String node() {
        return target == null ? null : javaString(target);
      }

      /** The keywords of Python's {@code **options}, for a call that takes them. */
      List<Keyword> keywords() {
        return keywords;
      }
    }

    /** Binds a call to a renderer's parameters; its other keywords too where it takes options. */
    private Args bind(Call c, String name, Rendering r, String receiver, String target) {
      List<Keyword> known = new ArrayList<>();
      List<Keyword> options = new ArrayList<>();
      for (Keyword k : c.keywords()) {
        (r.keywords() && !r.params().contains(k.name()) && !r.defaultsOnly().contains(k.name())
                ? options
                : known)
            .add(k);
      }
      Call bound = options.isEmpty() ? c : new Call(c.function(), c.args(), known, false, c.text());
      Args a = bind(bound, name, r.params(), r.defaultsOnly());
      return new Args(name, a.values, receiver, target, options);
    }

    /**
     * Binds a call's arguments to parameter names; {@code thresholds} are parameters accepted only
     * with their default values (an empty string, 0).
     */
    private Args bind(Call c, String name, List<String> params, Set<String> defaultsOnly) {
      if (c.starred()) {
        throw new Untranslatable(name + " with *args or **kwargs");
      }
      Map<String, Expr> values = new LinkedHashMap<>();
      if (c.args().size() > params.size()) {
        throw new Untranslatable(
            name + " takes at most " + params.size() + " positional arguments");
      }
      for (int i = 0; i < c.args().size(); i++) {
        values.put(params.get(i), c.args().get(i));
      }
      for (Keyword k : c.keywords()) {
        if (defaultsOnly.contains(k.name())) {
          boolean isDefault =
              k.value() instanceof Str s && s.value().isEmpty()
                  || k.value() instanceof Num n && n.literal().matches("0+")
                  || isNone(k.value());
          if (!isDefault) {
            throw new Untranslatable(
                name + "'s " + k.name() + "=" + oneLine(k.value().text()) + " is not ported");
          }
          continue;
        }
        if (!params.contains(k.name())) {
          throw new Untranslatable(
              name
                  + " has no parameter '"
                  + k.name()
                  + "' that the porter knows"
                  + " (it knows "
                  + String.join(", ", params)
                  + ")");
        }
        if (values.put(k.name(), k.value()) != null) {
          throw new Untranslatable(name + " is given '" + k.name() + "' twice");
        }
      }
      return new Args(name, values);
    }

    private void noValue(Args a, String param, String why) {
      Optional<Expr> v = a.get(param);
      if (v.isPresent()
          && !isNone(v.get())
          && !(v.get() instanceof Const c && c.id().equals("False"))) {
        throw new Untranslatable(
            param
                + "="
                + oneLine(v.get().text())
                + " is not ported"
                + (why.isEmpty() ? "" : ": " + why));
      }
    }

    /** An argument dynaframe has no use for, noted above the statement. */
    private void unused(Args a, String param) {
      Optional<Expr> v = a.get(param);
      boolean empty =
          v.isEmpty() || isNone(v.get()) || v.get() instanceof Str s && s.value().isEmpty();
      if (!empty) {
        String text = oneLine(v.get().text());
        pendingNotes.add(param + "=" + text + " is not used: dynaframe has no Redshift staging");
      }
    }

    private void emptyOptions(Args a, String param) {
      Optional<Expr> v = a.get(param);
      if (v.isPresent()
          && !isNone(v.get())
          && !(v.get() instanceof DictExpr d && d.keys().isEmpty())) {
        throw new Untranslatable(param + "=" + oneLine(v.get().text()) + " is not ported");
      }
    }

    private String tctx(Args a) {
      return a.get("transformation_ctx").map(t -> stringValue(t).java()).orElse("\"\"");
    }

    private String frame(Expr e) {
      Value v = expr(e);
      require(v, Kind.FRAME, "a DynamicFrame argument");
      return v.java();
    }

    private void require(Value v, Kind kind, String where) {
      if (v.kind() != kind) {
        throw new Untranslatable(
            where + " needs a " + kind.javaType + ", and '" + v.java() + "' is not one");
      }
    }

    private Value stringValue(Expr e) {
      if (isNone(e)) {
        return new Value("null", Kind.STRING, false);
      }
      Value v = expr(e);
      if (v.kind() != Kind.STRING) {
        throw new Untranslatable("'" + oneLine(e.text()) + "' is not a string");
      }
      return v;
    }

    private String literalString(Expr e, String what) {
      if (e instanceof Str s) {
        return stringOf(s);
      }
      throw new Untranslatable(what + " must be a string literal, not '" + oneLine(e.text()) + "'");
    }

    private String stringOf(Str s) {
      if (s.formatted() && s.value().contains("{")) {
        throw new Untranslatable("the f-string " + oneLine(s.text()));
      }
      return s.value();
    }

    private String optionalString(Args a, String param, String method) {
      Optional<Expr> v = a.get(param);
      if (v.isEmpty() || isNone(v.get())) {
        return "";
      }
      return method + "(" + stringValue(v.get()).java() + ")";
    }

    /** A list of strings as {@code List.of(...)}; a single string as a list of one. */
    private String stringList(Expr e) {
      imports.add("java.util.List");
      return "List.of(" + stringArgs(e) + ")";
    }

    /** A list of strings (or one string) as comma-separated Java strings, for varargs. */
    private String stringArgs(Expr e) {
      List<Expr> items =
          e instanceof ListExpr l ? l.items() : e instanceof TupleExpr t ? t.items() : List.of(e);
      return items.stream().map(i -> stringValue(i).java()).collect(Collectors.joining(", "));
    }

    /** Glue Studio's comma-separated names ({@code colList="a, b"}) or a list. */
    private String commaList(Expr e) {
      return commaItems(e).stream()
          .map(GlueScriptPorter::javaString)
          .collect(Collectors.joining(", "));
    }

    private List<String> commaItems(Expr e) {
      if (e instanceof Str s) {
        List<String> out = new ArrayList<>();
        for (String part : stringOf(s).split(",")) {
          if (!part.isBlank()) {
            out.add(part.strip());
          }
        }
        return out;
      }
      if (e instanceof ListExpr l) {
        List<String> out = new ArrayList<>();
        for (Expr i : l.items()) {
          out.add(i instanceof Num n ? n.literal() : literalString(i, "a name"));
        }
        return out;
      }
      throw new Untranslatable("'" + oneLine(e.text()) + "' is not a list of names");
    }

    private String intValue(Expr e) {
      if (e instanceof Num n && n.literal().matches("\\d+")) {
        return n.literal();
      }
      throw new Untranslatable("'" + oneLine(e.text()) + "' is not a whole number");
    }

    private boolean bool(Expr e) {
      if (e instanceof Const c && !c.id().equals("None")) {
        return c.id().equals("True");
      }
      throw new Untranslatable("'" + oneLine(e.text()) + "' is not True or False");
    }

    /**
     * A dict of options as {@code Options.of(...)}; absent, None or empty as {@code
     * Options.empty()}.
     */
    private String options(Optional<Expr> e) {
      return options(e, false);
    }

    /** Format options, their names in AWS's documented spelling. */
    private String formatOptions(Optional<Expr> e) {
      return options(e, true);
    }

    private String options(Optional<Expr> e, boolean format) {
      imports.add("io.dynaframe.Options");
      if (e.isEmpty() || isNone(e.get())) {
        return "Options.empty()";
      }
      if (!(e.get() instanceof DictExpr d)) {
        throw new Untranslatable("options must be a dict, not '" + oneLine(e.get().text()) + "'");
      }
      if (d.keys().isEmpty()) {
        return "Options.empty()";
      }
      List<String> parts = new ArrayList<>();
      for (int i = 0; i < d.keys().size(); i++) {
        String key = literalString(d.keys().get(i), "an option name");
        String documented = format ? FORMAT_OPTIONS.get(key.toLowerCase(Locale.ROOT)) : null;
        if (documented != null && !documented.equals(key)) {
          pendingNotes.add(
              "format option '" + key + "' in AWS's documented spelling: '" + documented + "'");
          key = documented;
        }
        parts.add(javaString(key));
        parts.add(expr(d.values().get(i)).java());
      }
      return "Options.of(" + String.join(", ", parts) + ")";
    }

    private String list(List<Expr> items) {
      List<String> parts = new ArrayList<>();
      boolean nulls = false;
      for (Expr i : items) {
        Value v = expr(i);
        nulls |= v.java().equals("null");
        parts.add(v.java());
      }
      if (nulls) {
        imports.add("java.util.Arrays");
        return "Arrays.asList(" + String.join(", ", parts) + ")";
      }
      imports.add("java.util.List");
      return "List.of(" + String.join(", ", parts) + ")";
    }

    private String map(DictExpr d) {
      imports.add("java.util.Map");
      List<String> parts = new ArrayList<>();
      for (int i = 0; i < d.keys().size(); i++) {
        String v = expr(d.values().get(i)).java();
        if (v.equals("null")) {
          throw new Untranslatable("a None value in a dict");
        }
        parts.add("Map.entry(" + expr(d.keys().get(i)).java() + ", " + v + ")");
      }
      return "Map.ofEntries(" + String.join(", ", parts) + ")";
    }

    private boolean isSparkContext(Expr e) {
      if (e instanceof Name n) {
        Var v = vars.get(n.id());
        return v != null && v.kind() == Kind.SPARK_CONTEXT;
      }
      return e instanceof Call c
          && Set.of("SparkContext", "SparkContext.getOrCreate").contains(dotted(c.function()));
    }

    private String javaName(String python) {
      return JAVA_KEYWORDS.contains(python)
              || PARAMETERS.contains(python)
              || python.equals(className)
          ? python + "_"
          : python;
    }

    // -------------------------------------------------------------- the class

    private String source() {
      StringBuilder out = new StringBuilder();
      out.append("// Ported from the AWS Glue script ")
          .append(ascii(scriptName))
          .append(" by dynaframe's DiagramTool port.\n");
      if (!packageName.isEmpty()) {
        out.append("package ").append(packageName).append(";\n");
      }
      out.append('\n');
      Set<String> all = new TreeSet<>(imports);
      all.add("io.dynaframe.Lake");
      all.add("org.apache.spark.sql.SparkSession");
      for (String i : all) {
        out.append("import ").append(i).append(";\n");
      }
      out.append('\n');
      out.append("/**\n");
      out.append(" * The AWS Glue script {@code ")
          .append(javadoc(scriptName))
          .append("}, ported to dynaframe: one\n");
      out.append(" * statement for each statement of the script, in its order, under its names.\n");
      if (!warnings.isEmpty()) {
        out.append(" *\n * <p>")
            .append(warnings.size())
            .append(warnings.size() == 1 ? " statement is" : " statements are")
            .append(" left to port by hand, marked TODO(port): python line")
            .append(warnings.size() == 1 ? " " : "s ")
            .append(
                warnings.stream()
                    .map(w -> String.valueOf(w.line()))
                    .collect(Collectors.joining(", ")))
            .append(".\n");
      }
      out.append(" *\n");
      out.append(
          " * <p>{@code main} runs it on the Spark session of the JVM (a new one if there is none),\n");
      out.append(
          " * with the job's bookmarks in the lake named by the system property {@code dynaframe.lake}\n");
      out.append(" * ({@code lake} in the working directory by default).\n");
      out.append(" */\n");
      out.append("public final class ").append(className).append(" {\n");
      out.append("  private ").append(className).append("() {}\n\n");
      out.append("  /** Runs the job with Glue's arguments, e.g. {@code --JOB_NAME orders}. */\n");
      out.append("  public static void main(String[] argv) {\n");
      out.append("    run(\n");
      out.append("        argv,\n");
      out.append("        SparkSession.builder().getOrCreate(),\n");
      out.append("        Lake.at(System.getProperty(\"dynaframe.lake\", \"lake\")));\n");
      out.append("  }\n\n");
      out.append(
          "  /** The script's statements on the given session; the job's bookmarks live in the lake. */\n");
      out.append(
          "  public static void run(String[] argv, SparkSession sparkSession, Lake lake) {\n");
      out.append(body);
      out.append("  }\n");
      if (usesTodo) {
        out.append(
            "\n  /** A statement of the script not ported yet: fails when the job reaches it. */\n");
        out.append("  private static <T> T todo(String statement) {\n");
        out.append("    throw new UnsupportedOperationException(\"TODO(port): \" + statement);\n");
        out.append("  }\n");
      }
      if (usesTodoStep) {
        out.append(
            "\n  /** A step whose function is not written yet: fails when the job reaches it. */\n");
        out.append("  private static <T> T todo(String statement, T step) {\n");
        out.append("    throw new UnsupportedOperationException(\"TODO(port): \" + statement);\n");
        out.append("  }\n");
      }
      if (usesCatalogTables) {
        out.append(
            "\n  /** The tables of a context's catalog, for ResolveChoice's match_catalog. */\n");
        out.append("  private static TableSchemaLookup catalogTables(DynaContext context) {\n");
        out.append("    return (database, table) -> {\n");
        out.append("      TableIdentifier id = TableIdentifier.of(database, table);\n");
        out.append("      return context.catalog().tableExists(id)\n");
        out.append("          ? Optional.of(context.catalog().getTable(id).schema())\n");
        out.append("          : Optional.empty();\n");
        out.append("    };\n");
        out.append("  }\n");
      }
      out.append("}\n");
      return out.toString();
    }
  }

  // ------------------------------------------------------------------ text helpers

  /**
   * The dotted name of a call's function ({@code glueContext.create_dynamic_frame.from_catalog}),
   * or "".
   */
  private static String dotted(Expr e) {
    if (e instanceof Name n) {
      return n.id();
    }
    if (e instanceof Attr a) {
      String base = dotted(a.value());
      return base.isEmpty() ? "" : base + "." + a.name();
    }
    return "";
  }

  private static boolean isNone(Expr e) {
    return e instanceof Const c && c.id().equals("None");
  }

  private static String number(Num n) {
    String lit = n.literal().replace("_", "");
    String lower = lit.toLowerCase(Locale.ROOT);
    if (lower.endsWith("j")) {
      throw new Untranslatable("the complex number " + lit);
    }
    if (lower.matches("0x[0-9a-f]{1,15}|0o[0-7]{1,20}|0b[01]{1,62}|\\d{1,18}")) {
      long value =
          lower.startsWith("0x")
              ? Long.parseLong(lower.substring(2), 16)
              : lower.startsWith("0o")
                  ? Long.parseLong(lower.substring(2), 8)
                  : lower.startsWith("0b")
                      ? Long.parseLong(lower.substring(2), 2)
                      : Long.parseLong(lower);
      return value <= Integer.MAX_VALUE ? String.valueOf(value) : value + "L";
    }
    if (lower.matches("\\d+|0[xob].*")) {
      throw new Untranslatable("the number " + lit + " (too large for a Java long)");
    }
    if (!lower.matches("(\\d+\\.?\\d*|\\.\\d+)(e[+-]?\\d+)?")) {
      throw new Untranslatable("the number " + lit);
    }
    return lit.startsWith(".") ? "0" + lit : lit.endsWith(".") ? lit + "0" : lit;
  }

  /** A Java string literal, ASCII only. */
  static String javaString(String value) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : value.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 32 || c > 126) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  /** Text for a Java comment: ASCII, no comment end, no unicode escapes javac would read. */
  private static String ascii(String text) {
    StringBuilder out = new StringBuilder();
    for (char c : text.toCharArray()) {
      out.append(c >= 32 && c <= 126 || c == '\t' ? c : '?');
    }
    return out.toString().replace("*/", "* /").replace("\\u", "\\ u");
  }

  private static String javadoc(String text) {
    return ascii(text).replace("}", "&#125;").replace("@", "&#64;");
  }

  private static String oneLine(String text) {
    String flat = text.strip().replaceAll("\\s*\\n\\s*", " ");
    return flat.length() > 160 ? flat.substring(0, 157) + "..." : flat;
  }
}
