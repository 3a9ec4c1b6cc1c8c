package io.dynaframe.processor.internal;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import io.dynaframe.graph.DotRenderer;
import io.dynaframe.graph.JobGraph;
import io.dynaframe.graph.JobGraphJson;
import io.dynaframe.graph.MermaidRenderer;
import io.dynaframe.graph.Node;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tests for {@link JobDiagramProcessor}: the diagrams of a valid job, and each validation error on
 * the line of the annotation value at fault.
 */
class JobDiagramProcessorTest {

  private static Compilation compile(JavaFileObject... sources) {
    return javac().withProcessors(new JobDiagramProcessor()).compile(sources);
  }

  /**
   * A source file {@code test/Orders.java} in package {@code test} that imports the annotations.
   */
  private static JavaFileObject orders(String body) {
    return JavaFileObjects.forSourceString(
        "test.Orders",
        """
        package test;

        import io.dynaframe.annotations.Job;
        import io.dynaframe.annotations.Sink;
        import io.dynaframe.annotations.Source;
        import io.dynaframe.annotations.Step;

        """
            + body);
  }

  static String resource(String name) {
    try (InputStream in =
        JobDiagramProcessorTest.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void writesTheSampleJobsDiagramsIntoTheClassOutput() {
    Compilation compilation = compile(JavaFileObjects.forResource("jobs/OrdersDaily.java"));

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .generatedFile(StandardLocation.CLASS_OUTPUT, "com.example.jobs", "OrdersDaily.dot")
        .contentsAsUtf8String()
        .isEqualTo(resource("jobs/OrdersDaily.dot"));
    assertThat(compilation)
        .generatedFile(StandardLocation.CLASS_OUTPUT, "com.example.jobs", "OrdersDaily.mmd")
        .contentsAsUtf8String()
        .isEqualTo(resource("jobs/OrdersDaily.mmd"));
  }

  /** The text of a file the compilation generated into the class output. */
  private static String generated(Compilation compilation, String pkg, String name) {
    JavaFileObject file =
        compilation
            .generatedFile(StandardLocation.CLASS_OUTPUT, pkg, name)
            .orElseThrow(
                () ->
                    new AssertionError(
                        "no generated file "
                            + pkg
                            + "/"
                            + name
                            + "; generated: "
                            + compilation.generatedFiles().stream()
                                .map(JavaFileObject::getName)
                                .toList()));
    try {
      return file.getCharContent(true).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void writesTheSampleJobsGraphAsJsonForTheRuntime() {
    Compilation compilation = compile(JavaFileObjects.forResource("jobs/OrdersDaily.java"));

    assertThat(compilation).succeededWithoutWarnings();
    String json =
        generated(compilation, "", "META-INF/dynaframe/jobs/com.example.jobs.OrdersDaily.json");
    assertThat(json).isEqualTo(resource("jobs/OrdersDaily.json"));
    assertThat(JobGraphJson.resourceName("com.example.jobs.OrdersDaily"))
        .isEqualTo("META-INF/dynaframe/jobs/com.example.jobs.OrdersDaily.json");

    JobGraph graph = JobGraph.fromJson(json);
    // the same graph as the diagrams describe
    assertThat(DotRenderer.render(graph))
        .isEqualTo(generated(compilation, "com.example.jobs", "OrdersDaily.dot"))
        .isEqualTo(resource("jobs/OrdersDaily.dot"));
    assertThat(MermaidRenderer.render(graph))
        .isEqualTo(generated(compilation, "com.example.jobs", "OrdersDaily.mmd"));
    // and what the runtime needs to find the step methods in source order
    assertThat(graph.declarationOrder())
        .containsExactly(
            "orders", "customers", "typed", "enriched", "rejects", "lake", "quarantine");
    assertThat(
            graph.declarationOrder().stream()
                .map(id -> graph.node(id).orElseThrow().method().orElseThrow()))
        .containsExactly(
            "orders", "customers", "typed", "enriched", "negativeAmounts", "lake", "writeRejects");
    assertThat(graph.inputs("enriched")).containsExactly("typed", "customers");
  }

  @Test
  void theJsonKeepsTheSourceOrderWhereTheDiagramsShowTheTopologicalOne() {
    Compilation compilation =
        compile(
            orders(
                """
        @Job(name = "backwards", description = "declared from the sink up")
        class Orders {
          @Sink(id = "lake", inputs = "clean") void write(Object clean) {}
          @Step(inputs = {"orders", "rates"}, args = "keys = currency") Object clean(Object orders, Object rates) {
            return orders;
          }
          @Source(type = "S3 CSV") Object rates() { return null; }
          @Source(id = "orders", args = "path = s3://in/") Object readOrders() { return null; }
        }
        """));

    assertThat(compilation).succeededWithoutWarnings();
    JobGraph graph =
        JobGraph.fromJson(generated(compilation, "", "META-INF/dynaframe/jobs/test.Orders.json"));
    assertThat(graph.declarationOrder()).containsExactly("lake", "clean", "rates", "orders");
    assertThat(graph.nodes())
        .extracting(Node::id)
        .containsExactly("rates", "orders", "clean", "lake");
    assertThat(graph.nodes())
        .extracting(n -> n.method().orElseThrow())
        .containsExactly("rates", "readOrders", "clean", "write");
    assertThat(graph.inputs("clean")).containsExactly("orders", "rates");
    assertThat(graph.description()).isEqualTo("declared from the sink up");
    assertThat(graph.node("orders").orElseThrow().args()).containsEntry("path", "s3://in/");
    assertThat(DotRenderer.render(graph)).isEqualTo(generated(compilation, "test", "Orders.dot"));
  }

  @Test
  void alsoWritesTheDiagramsIntoTheFolderNamedByTheOption(@TempDir Path dir) throws IOException {
    Compilation compilation =
        javac()
            .withProcessors(new JobDiagramProcessor())
            .withOptions(
                "-A" + JobDiagramProcessor.DIAGRAMS_DIR_OPTION + "=" + dir.resolve("diagrams"))
            .compile(JavaFileObjects.forResource("jobs/OrdersDaily.java"));

    assertThat(compilation).succeededWithoutWarnings();
    Path pkg = dir.resolve("diagrams/com/example/jobs");
    assertThat(Files.readString(pkg.resolve("OrdersDaily.dot")))
        .isEqualTo(resource("jobs/OrdersDaily.dot"));
    assertThat(Files.readString(pkg.resolve("OrdersDaily.mmd")))
        .isEqualTo(resource("jobs/OrdersDaily.mmd"));
    assertThat(Files.list(pkg).map(p -> p.getFileName().toString()).sorted().toList())
        .containsExactly("OrdersDaily.dot", "OrdersDaily.mmd");
  }

  @Test
  void aFolderThatCannotBeWrittenIsACompileError(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("not-a-folder"), "x");
    Compilation compilation =
        javac()
            .withProcessors(new JobDiagramProcessor())
            .withOptions("-A" + JobDiagramProcessor.DIAGRAMS_DIR_OPTION + "=" + file)
            .compile(JavaFileObjects.forResource("jobs/OrdersDaily.java"));

    assertThat(compilation)
        .hadErrorContaining(
            "[JobDiagramWriteFailed] could not write the diagram OrdersDaily.dot"
                + " of job orders-daily into the folder given by -Adynaframe.diagrams.dir="
                + file);
  }

  @Test
  void aNestedJobClassIsNamedByItsBinaryName() {
    Compilation compilation =
        compile(
            orders(
                """
        class Orders {
          @Job(name = "nested")
          static class Daily {
            @Source Object orders() { return null; }
            @Sink(inputs = "orders") void lake(Object orders) {}
          }
        }
        """));

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .generatedFile(StandardLocation.CLASS_OUTPUT, "test", "Orders$Daily.dot")
        .contentsAsUtf8String()
        .contains("\"orders\" -> \"lake\"");
    assertThat(
            JobGraph.fromJson(
                    generated(compilation, "", "META-INF/dynaframe/jobs/test.Orders$Daily.json"))
                .name())
        .isEqualTo("nested");
  }

  @Test
  void unknownInputIsReportedOnTheInputWithTheClosestId() {
    JavaFileObject source =
        orders(
            """
        @Job(name = "orders")
        class Orders {
          @Source Object orders() { return null; }
          @Source Object customers() { return null; }
          @Step(inputs = {
              "ordrs",
              "customers"})
          Object joined(Object orders, Object customers) { return orders; }
          @Sink(inputs = "joined") void lake(Object joined) {}
        }
        """);
    Compilation compilation = compile(source);

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation)
        .hadErrorContaining(
            "[JobUnknownInput] unknown input 'ordrs' in @Step 'joined': no step of"
                + " this job has that id. Did you mean 'orders'? The job's step ids are: orders, customers, joined, lake")
        .inFile(source)
        .onLineContaining("\"ordrs\",");
    // on the entry itself: line 13 of the file, where "ordrs" starts at column 7
    assertThat(compilation)
        .hadErrorContaining("[JobUnknownInput]")
        .inFile(source)
        .onLine(13)
        .atColumn(7);
    // orders is now read by nothing, so it leads to no sink either
    assertThat(compilation)
        .hadErrorContaining("[JobStepReachesNoSink] @Source 'orders' leads to no @Sink")
        .inFile(source)
        .onLineContaining("Object orders()");
  }

  @Test
  void duplicateIdIsReportedOnEveryStepThatUsesIt() {
    JavaFileObject source =
        orders(
            """
        @Job(name = "orders")
        class Orders {
          @Source(id = "orders") Object read() { return null; }
          @Step(id = "orders", inputs = "orders") Object clean(Object orders) { return orders; }
          @Sink(inputs = "orders") void lake(Object orders) {}
        }
        """);
    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorCount(2);
    String message =
        "[JobDuplicateId] step id 'orders' is used by 2 steps (methods read, clean); give each step"
            + " its own id";
    assertThat(compilation)
        .hadErrorContaining(message)
        .inFile(source)
        .onLineContaining("Object read()");
    assertThat(compilation)
        .hadErrorContaining(message)
        .inFile(source)
        .onLineContaining("Object clean(");
  }

  @Test
  void overloadedStepMethodsNeedTheirOwnIds() {
    JavaFileObject source =
        orders(
            """
        @Job(name = "orders")
        class Orders {
          @Source Object orders() { return null; }
          @Sink(inputs = "orders") void lake(Object orders) {}
          @Sink(inputs = "orders") void lake(Object orders, String mode) {}
        }
        """);
    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation)
        .hadErrorContaining(
            "[JobDuplicateId] step id 'lake' is used by 2 steps (methods lake,"
                + " lake); give each step its own id with id = \"...\" (the id defaults to the method name)")
        .inFile(source)
        .onLineContaining("String mode");
  }

  @Test
  void cycleIsReportedOnEachInputThatClosesIt() {
    JavaFileObject source =
        orders(
            """
        @Job(name = "orders")
        class Orders {
          @Source Object orders() { return null; }
          @Step(inputs = {"orders", "fixed"}) Object checked(Object orders, Object fixed) { return orders; }
          @Step(inputs = "checked") Object fixed(Object checked) { return checked; }
          @Sink(inputs = "fixed") void lake(Object fixed) {}
        }
        """);
    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation)
        .hadErrorContaining(
            "[JobCycle] input 'fixed' of @Step 'checked' closes a cycle"
                + " checked -> fixed -> checked; a job's data flows one way: remove one of the inputs in this cycle")
        .inFile(source)
        .onLineContaining("Object checked(");
    assertThat(compilation)
        .hadErrorContaining(
            "[JobCycle] input 'checked' of @Step 'fixed' closes a cycle"
                + " fixed -> checked -> fixed")
        .inFile(source)
        .onLineContaining("Object fixed(");
  }

  @Test
  void stepThatReadsItselfIsACycle() {
    JavaFileObject source =
        orders(
            """
        @Job(name = "orders")
        class Orders {
          @Source Object orders() { return null; }
          @Step(inputs = {"orders", "merged"}) Object merged(Object orders, Object merged) { return orders; }
          @Sink(inputs = "merged") void lake(Object merged) {}
        }
        """);
    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[JobCycle] @Step 'merged' lists itself as an input; a step cannot"
                + " read its own result")
        .inFile(source)
        .onLineContaining("Object merged(");
  }

  @Test
  void stepThatReachesNoSinkIsReported() {
    JavaFileObject source =
        orders(
            """
        @Job(name = "orders")
        class Orders {
          @Source Object orders() { return null; }
          @Step(inputs = "orders") Object clean(Object orders) { return orders; }
          @Step(inputs = "orders") Object audit(Object orders) { return orders; }
          @Sink(inputs = "clean") void lake(Object clean) {}
        }
        """);
    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[JobStepReachesNoSink] @Step 'audit' leads to no @Sink, so its"
                + " result is never written; list 'audit' in the inputs of a step or sink, or remove it")
        .inFile(source)
        .onLineContaining("Object audit(");
  }

  @Test
  void jobWithoutSinkIsReportedOnTheJob() {
    JavaFileObject source =
        orders(
            """
        @Job(name = "orders")
        class Orders {
          @Source Object orders() { return null; }
          @Step(inputs = "orders") Object clean(Object orders) { return orders; }
        }
        """);
    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[JobNoSink] job Orders has no @Sink, so nothing it computes is"
                + " written; add a @Sink method that writes its result")
        .inFile(source)
        .onLineContaining("@Job(");
  }

  @Test
  void sourceCannotDeclareInputs() {
    // @Source has no inputs attribute: javac itself rejects one, on the attribute
    JavaFileObject source =
        orders(
            """
        @Job(name = "orders")
        class Orders {
          @Source Object customers() { return null; }
          @Source(inputs = "customers") Object orders() { return null; }
          @Sink(inputs = "orders") void lake(Object orders) {}
        }
        """);
    Compilation compilation = compile(source);

    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining("cannot find symbol")
        .inFile(source)
        .onLineContaining("@Source(inputs");
    assertThat(compilation)
        .hadErrorContaining("method inputs()")
        .inFile(source)
        .onLineContaining("@Source(inputs");
  }

  @Test
  void sinkUsedAsAnInputIsReportedWithWhatToReadInstead() {
    JavaFileObject source =
        orders(
            """
        @Job(name = "orders")
        class Orders {
          @Source Object orders() { return null; }
          @Sink(inputs = "orders") void lake(Object orders) {}
          @Step(inputs = "lake") Object audit(Object lake) { return lake; }
          @Sink(inputs = "audit") void report(Object audit) {}
        }
        """);
    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(
            "[JobSinkAsInput] input 'lake' of @Step 'audit' is a @Sink, which"
                + " produces no frame to read; read what the sink writes instead ('orders')")
        .inFile(source)
        .onLineContaining("@Step(inputs = \"lake\")");
  }

  @Test
  void stepWithoutInputsIsReported() {
    JavaFileObject source =
        orders(
            """
        @Job(name = "orders")
        class Orders {
          @Source Object orders() { return null; }
          @Step(inputs = {}) Object today(Object orders) { return orders; }
          @Sink(inputs = {"orders", "today"}) void lake(Object orders, Object today) {}
        }
        """);
    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[JobNoInputs] @Step 'today' has no inputs; list the ids of the steps"
                + " it reads in inputs, e.g. inputs = \"orders\", or make it a @Source if it reads data itself")
        .inFile(source)
        .onLineContaining("Object today(");
  }

  @Test
  void sinkWithoutInputsIsReported() {
    JavaFileObject source =
        orders(
            """
        @Job(name = "orders")
        class Orders {
          @Source Object orders() { return null; }
          @Sink(inputs = "orders") void lake(Object orders) {}
          @Sink(inputs = {}) void archive() {}
        }
        """);
    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[JobNoInputs] @Sink 'archive' has no inputs; list the ids of the"
                + " steps it writes in inputs, e.g. inputs = \"orders\"")
        .inFile(source)
        .onLineContaining("void archive(");
  }

  @Test
  void inputListedTwiceIsReported() {
    JavaFileObject source =
        orders(
            """
        @Job(name = "orders")
        class Orders {
          @Source Object orders() { return null; }
          @Step(inputs = {
              "orders",
              "orders"})
          Object selfJoined(Object left, Object right) { return left; }
          @Sink(inputs = "selfJoined") void lake(Object selfJoined) {}
        }
        """);
    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[JobDuplicateInput] @Step 'selfJoined' lists input 'orders' more than"
                + " once; list each input once")
        .inFile(source)
        .onLineContaining("\"orders\"})");
  }

  @Test
  void argumentThatIsNotNameEqualsValueIsReported() {
    JavaFileObject source =
        orders(
            """
        @Job(name = "orders")
        class Orders {
          @Source(args = {
              "table = orders",
              "s3://landing/orders/"})
          Object orders() { return null; }
          @Sink(inputs = "orders") void lake(Object orders) {}
        }
        """);
    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[JobBadArg] argument \"s3://landing/orders/\" of @Source 'orders' is"
                + " not of the form \"name = value\"; write it as e.g. \"table = orders\"")
        .inFile(source)
        .onLineContaining("\"s3://landing/orders/\"");
  }

  @Test
  void argumentGivenTwiceIsReported() {
    JavaFileObject source =
        orders(
            """
        @Job(name = "orders")
        class Orders {
          @Source Object orders() { return null; }
          @Sink(inputs = "orders", args = {
              "path = s3://lake/a/",
              "path = s3://lake/b/"})
          void lake(Object orders) {}
        }
        """);
    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[JobDuplicateArg] argument 'path' is given twice in @Sink 'lake'; keep"
                + " one of them")
        .inFile(source)
        .onLineContaining("s3://lake/b/");
  }

  @Test
  void idWithWhitespaceIsReported() {
    JavaFileObject source =
        orders(
            """
        @Job(name = "orders")
        class Orders {
          @Source(id = "raw orders") Object orders() { return null; }
          @Sink(inputs = "raw orders") void lake(Object orders) {}
        }
        """);
    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(
            "[JobBadId] @Source id 'raw orders' is blank or contains whitespace;"
                + " use a name like \"orders_clean\", or leave id out to use the method's name")
        .inFile(source)
        .onLineContaining("@Source(id");
  }

  @Test
  void methodWithTwoStepAnnotationsIsReported() {
    JavaFileObject source =
        orders(
            """
        @Job(name = "orders")
        class Orders {
          @Source Object orders() { return null; }
          @Step(inputs = "orders")
          @Sink(inputs = "orders")
          Object clean(Object orders) { return orders; }
          @Sink(inputs = "clean") void lake(Object clean) {}
        }
        """);
    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[JobTwoKinds] method clean has both @Step and @Sink; one method is one"
                + " step: keep one of them, or move the other step to its own method")
        .inFile(source)
        .onLineContaining("@Sink(inputs = \"orders\")");
  }

  @Test
  void stepOutsideAJobClassIsReported() {
    JavaFileObject source =
        orders(
            """
        class Orders {
          @Source Object orders() { return null; }
        }
        """);
    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[JobStepOutsideJob] @Source method orders is in Orders, which is not"
                + " a @Job class; add @Job(name = \"...\") to Orders or remove the annotation")
        .inFile(source)
        .onLineContaining("@Source");
  }

  @Test
  void jobOnAnInterfaceIsReported() {
    JavaFileObject source =
        orders(
            """
        @Job(name = "orders")
        interface Orders {}
        """);
    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[JobNotAClass] @Job marks a class whose methods are the steps; Orders"
                + " is an interface: make it a class")
        .inFile(source)
        .onLineContaining("@Job");
  }

  @Test
  void blankJobNameIsReportedOnTheName() {
    JavaFileObject source =
        orders(
            """
        @Job(description = "daily orders",
            name = " ")
        class Orders {
          @Source Object orders() { return null; }
          @Sink(inputs = "orders") void lake(Object orders) {}
        }
        """);
    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[JobBlankName] the @Job name is blank; give the job the name it runs"
                + " under, e.g. @Job(name = \"orders-daily\")")
        .inFile(source)
        .onLineContaining("name = \" \"");
  }

  @Test
  void jobWithoutStepsIsReported() {
    JavaFileObject source =
        orders(
            """
        @Job(name = "orders")
        class Orders {
          Object orders() { return null; }
        }
        """);
    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[JobNoSteps] job Orders has no steps; annotate the methods that read,"
                + " transform and write its data with @Source, @Step and @Sink")
        .inFile(source)
        .onLineContaining("@Job");
  }

  @Test
  void everyProblemIsReportedInOneCompilationAndNoDiagramOrJsonIsWritten() {
    List<String> generated = new ArrayList<>();
    JobDiagramProcessor recording =
        new JobDiagramProcessor() {
          @Override
          void generate(JobModel job, JobGraph graph) {
            generated.add(job.name());
          }
        };
    JavaFileObject source =
        orders(
            """
        @Job(name = "orders")
        class Orders {
          @Source Object orders() { return null; }
          @Source(id = "orders") Object ordersAgain() { return null; }
          @Step(inputs = "custmers") Object joined(Object customers) { return customers; }
          @Sink(inputs = {}, args = "no value") void lake() {}
        }
        """);
    Compilation compilation = javac().withProcessors(recording).compile(source);

    assertThat(compilation)
        .hadErrorContaining("[JobDuplicateId]")
        .inFile(source)
        .onLineContaining("Object orders()");
    assertThat(compilation)
        .hadErrorContaining("[JobDuplicateId]")
        .inFile(source)
        .onLineContaining("ordersAgain");
    assertThat(compilation)
        .hadErrorContaining("[JobUnknownInput] unknown input 'custmers'")
        .inFile(source)
        .onLineContaining("custmers");
    assertThat(compilation)
        .hadErrorContaining("[JobNoInputs] @Sink 'lake'")
        .inFile(source)
        .onLineContaining("void lake(");
    assertThat(compilation)
        .hadErrorContaining("[JobBadArg]")
        .inFile(source)
        .onLineContaining("void lake(");
    assertThat(compilation)
        .hadErrorContaining("[JobStepReachesNoSink] @Source 'orders'")
        .inFile(source)
        .onLineContaining("Object orders()");
    assertThat(compilation)
        .hadErrorContaining("[JobStepReachesNoSink] @Step 'joined'")
        .inFile(source)
        .onLineContaining("Object joined(");
    assertThat(compilation).hadErrorCount(7);
    assertThat(generated).isEmpty();
  }

  @Test
  void anUnexpectedExceptionBecomesACompileErrorOnTheJob() {
    JobDiagramProcessor failing =
        new JobDiagramProcessor() {
          @Override
          void generate(JobModel job, JobGraph graph) {
            throw new IllegalStateException("renderer broke");
          }
        };
    JavaFileObject source =
        orders(
            """
        @Job(name = "orders")
        class Orders {
          @Source Object orders() { return null; }
          @Sink(inputs = "orders") void lake(Object orders) {}
        }
        """);
    Compilation compilation = javac().withProcessors(failing).compile(source);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[JobProcessorFailure] the dynaframe job diagram processor failed on"
                + " test.Orders with java.lang.IllegalStateException: renderer broke")
        .inFile(source)
        .onLineContaining("@Job");
  }
}
