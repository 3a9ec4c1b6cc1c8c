package io.dynaframe.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tests for {@link JobGraphJson}: the JSON form of a {@link JobGraph}, both ways. */
class JobGraphJsonTest {

  /** A graph with every field the model holds, declared out of topological order. */
  private static JobGraph everything() {
    return JobGraph.builder("orders \"daily\" \\ é 😀")
        .description("Line one\nline two\ttabbed \u0001 \ud800 lone surrogate")
        .node(
            Node.sink("lake")
                .withType("S3 Parquet")
                .withMethod("writeLake")
                .withArg("path", "s3://lake/orders/")
                .withArg("partitionKeys", "order_date"))
        .node(
            Node.transform("enriched")
                .withType("Join")
                .withMethod("enriched")
                .withArg("keys", "customer_id"))
        .node(
            Node.source("orders")
                .withType("S3 JSON")
                .withMethod("readOrders")
                .withArg("paths", "s3://landing/\"orders\"/")
                .withArg("empty", ""))
        .node(Node.source("customers").withType("Data Catalog"))
        .node(Node.sink("audit"))
        .edge("orders", "enriched")
        .edge("customers", "enriched")
        .edge("enriched", "lake")
        .edge("enriched", "audit")
        .build()
        .withStats("orders", new StepStats(1200, 1190, 10, Duration.ofMillis(850)))
        .withStats("enriched", new StepStats(1190, 1000, 0, Duration.ofSeconds(75, 123_456_789)))
        .withStats("lake", new StepStats(1000, 1000, 1, Duration.ofHours(2)));
  }

  @Test
  void aRoundTripKeepsEveryField() {
    JobGraph graph = everything();

    String json = graph.toJson();
    JobGraph back = JobGraph.fromJson(json);

    assertThat(back).isEqualTo(graph).hasSameHashCodeAs(graph);
    assertThat(back.name()).isEqualTo(graph.name());
    assertThat(back.description()).isEqualTo(graph.description());
    assertThat(back.declarationOrder())
        .containsExactly("lake", "enriched", "orders", "customers", "audit");
    assertThat(back.nodes())
        .extracting(Node::id)
        .containsExactly("orders", "customers", "enriched", "lake", "audit");
    assertThat(back.inputs("enriched")).containsExactly("orders", "customers");
    assertThat(back.edges()).isEqualTo(graph.edges());
    for (Node node : graph.nodes()) {
      Node read = back.node(node.id()).orElseThrow();
      assertThat(read.kind()).isEqualTo(node.kind());
      assertThat(read.type()).isEqualTo(node.type());
      assertThat(read.method()).isEqualTo(node.method());
      assertThat(read.args()).containsExactlyEntriesOf(node.args());
      assertThat(read.stats()).isEqualTo(node.stats());
    }
    assertThat(back.node("enriched").orElseThrow().stats().orElseThrow().duration())
        .isEqualTo(Duration.ofSeconds(75, 123_456_789));
    assertThat(back.toJson()).as("writing is deterministic").isEqualTo(json);
  }

  @Test
  void aRoundTripKeepsTheRenderedDiagrams() {
    for (JobGraph graph :
        new JobGraph[] {RenderedGraphs.runWithStats(), RenderedGraphs.plainJoin(), everything()}) {
      JobGraph back = JobGraph.fromJson(graph.toJson());

      assertThat(back).isEqualTo(graph);
      assertThat(DotRenderer.render(back)).isEqualTo(DotRenderer.render(graph));
      assertThat(MermaidRenderer.render(back)).isEqualTo(MermaidRenderer.render(graph));
    }
  }

  @Test
  void anEmptyGraphRoundTrips() {
    JobGraph empty = JobGraph.builder("nothing").build();

    assertThat(empty.toJson())
        .isEqualTo(
            """
        {
          "format": 1,
          "name": "nothing",
          "description": "",
          "nodes": [],
          "edges": []
        }
        """);
    assertThat(JobGraph.fromJson(empty.toJson())).isEqualTo(empty);
  }

  @Test
  void writesTheDocumentedForm() {
    JobGraph graph =
        JobGraph.builder("daily")
            .description("d")
            .node(Node.sink("lake").withType("S3 Parquet").withMethod("writeLake"))
            .node(
                Node.source("orders")
                    .withType("S3 JSON")
                    .withMethod("orders")
                    .withArg("paths", "s3://in/"))
            .edge("orders", "lake")
            .build()
            .withStats("lake", new StepStats(10, 10, 0, Duration.ofMillis(1500)));

    assertThat(JobGraphJson.write(graph))
        .isEqualTo(
            """
        {
          "format": 1,
          "name": "daily",
          "description": "d",
          "nodes": [
            {
              "id": "lake",
              "kind": "SINK",
              "type": "S3 Parquet",
              "method": "writeLake",
              "args": {},
              "stats": {"recordsIn": 10, "recordsOut": 10, "recordsInError": 0, "duration": "PT1.5S"}
            },
            {
              "id": "orders",
              "kind": "SOURCE",
              "type": "S3 JSON",
              "method": "orders",
              "args": {"paths": "s3://in/"}
            }
          ],
          "edges": [
            {"from": "orders", "to": "lake"}
          ]
        }
        """);
  }

  @Test
  void escapesWhatJsonRequiresAndKeepsOtherCharacters() {
    assertThat(Json.quote("a\"b\\c\nd\u0007é😀\ud800"))
        .isEqualTo("\"a\\\"b\\\\c\\nd\\u0007é😀\\ud800\"");
  }

  @Test
  void readsMembersInAnyOrderWithDefaultsAndIgnoresUnknownMembers() {
    JobGraph graph =
        JobGraph.fromJson(
            """
        {"nodes": [{"kind": "SOURCE", "id": "in", "note": "ignored"},
                   {"id": "out", "kind": "SINK", "args": {"b": "1", "a": "\\u00e9\\/"}}],
         "edges": [{"to": "out", "from": "in", "label": 3}],
         "name": "minimal", "format": 1, "generator": {"by": "hand"}}
        """);

    assertThat(graph)
        .isEqualTo(
            JobGraph.builder("minimal")
                .node(Node.source("in"))
                .node(Node.sink("out").withArgs(Map.of("b", "1")).withArg("a", "é/"))
                .edge("in", "out")
                .build());
    assertThat(graph.node("out").orElseThrow().args().keySet()).containsExactly("b", "a");
    assertThat(graph.node("in").orElseThrow().method()).isEmpty();
    assertThat(graph.node("in").orElseThrow().stats()).isEmpty();
  }

  @Test
  void malformedJsonNamesTheLineAndColumn() {
    String json =
        """
        {
          "format": 1,
          "name": "broken"
          "nodes": []
        }
        """;

    assertThatThrownBy(() -> JobGraph.fromJson(json))
        .isInstanceOfSatisfying(
            JobGraphJsonException.class,
            e -> {
              assertThat(e.line()).isEqualTo(4);
              assertThat(e.column()).isEqualTo(3);
              assertThat(e.source()).isEqualTo("job graph JSON");
            })
        .hasMessage("job graph JSON line 4, column 3: unexpected '\"'; expected ',' or '}'");
  }

  @Test
  void eachKindOfSyntaxErrorIsReportedWhereItIs() {
    assertError("", 1, 1, "unexpected end of the text; expected a JSON value");
    assertError(
        "{\"format\": 1,}", 1, 14, "unexpected '}'; expected a member name in double quotes");
    assertError(
        "{\"name\": \"a\nb\"}",
        1,
        12,
        "control character U+000A inside a string; write it as an escape such as \\n");
    assertError(
        "{\"name\": \"ab",
        1,
        13,
        "unexpected end of the text inside a string; expected a closing '\"'");
    assertError("{\"name\": \"a\\qb\"}", 1, 12, "unknown escape \\q inside a string");
    assertError(
        "{\"name\": \"\\u12G4\"}", 1, 11, "\\u must be followed by four hexadecimal digits");
    assertError("[1, 2]\n  x", 2, 3, "unexpected 'x' after the end of the JSON value");
    assertError("{\"format\": 01}", 1, 13, "a number cannot start with 0 followed by digits");
    assertError("{\"format\": -}", 1, 13, "a number needs a digit after '-'");
    assertError("{\"format\": 1.}", 1, 14, "a number needs a digit after '.'");
    assertError("{\"format\": tru}", 1, 12, "unexpected 't'; expected a JSON value");
    assertError("{\"name\": \"a\", \"name\": \"b\"}", 1, 15, "the member \"name\" is given twice");
    assertError("[".repeat(100), 1, 66, "JSON nested deeper than 64 levels");
  }

  @Test
  void jsonThatIsNotAJobGraphIsReportedAtTheValueAtFault() {
    assertError("[]", 1, 1, "the job graph must be an object but is an array");
    assertError("{\"name\": \"j\", \"nodes\": []}", 1, 1, "the job graph has no \"format\"");
    assertError(
        "{\"format\": 2, \"name\": \"j\", \"nodes\": []}",
        1,
        12,
        "this is job graph JSON format 2; this version of dynaframe reads format 1: upgrade dynaframe-graph to read it");
    assertError(
        "{\"format\": 1.5, \"name\": \"j\", \"nodes\": []}",
        1,
        12,
        "\"format\" is 1.5; it must be a whole number that fits in 64 bits");
    assertError(
        "{\"format\": 1, \"name\": 7, \"nodes\": []}",
        1,
        23,
        "\"name\" must be a string but is a number");
    assertError("{\"format\": 1, \"name\": \"j\"}", 1, 1, "the job graph has no \"nodes\"");
    assertError(
        """
        {"format": 1, "name": "j", "nodes": [
          {"id": "a", "kind": "SOURCE"},
          {"kind": "SINK"}
        ]}""",
        3,
        3,
        "node 2 has no \"id\"");
    assertError(
        """
        {"format": 1, "name": "j", "nodes": [
          {"id": "a", "kind": "source"}
        ]}""",
        2,
        23,
        "\"kind\" of node 1 is 'source'; it must be one of [SOURCE, TRANSFORM, SINK]");
    assertError(
        """
        {"format": 1, "name": "j", "nodes": [
          {"id": " a", "kind": "SOURCE"}
        ]}""",
        2,
        10,
        "node id must not be blank or start or end with whitespace: ' a'");
    assertError(
        """
        {"format": 1, "name": "j", "nodes": [
          {"id": "a", "kind": "SOURCE"},
          {"id": "a", "kind": "SINK"}
        ]}""",
        3,
        3,
        "two nodes have the id 'a'");
    assertError(
        """
        {"format": 1, "name": "j", "nodes": [
          {"id": "a", "kind": "SOURCE", "args": {"n": 1}}
        ]}""",
        2,
        47,
        "argument \"n\" of node 1 must be a string but is a number");
    assertError(
        """
        {"format": 1, "name": "j", "nodes": [
          {"id": "a", "kind": "SOURCE", "method": ""}
        ]}""",
        2,
        43,
        "\"method\" of node 1 is blank; leave it out when no method declares the step");
    assertError(
        """
        {"format": 1, "name": "j", "nodes": [
          {"id": "a", "kind": "SOURCE",
           "stats": {"recordsIn": 1, "recordsOut": 1, "recordsInError": 0, "duration": "1.5 s"}}
        ]}""",
        3,
        80,
        "\"duration\" of \"stats\" of node 1 is '1.5 s', which is not an ISO-8601 duration such as PT1.5S");
    assertError(
        """
        {"format": 1, "name": "j", "nodes": [
          {"id": "a", "kind": "SOURCE",
           "stats": {"recordsIn": -1, "recordsOut": 1, "recordsInError": 0, "duration": "PT1S"}}
        ]}""",
        3,
        13,
        "record counts cannot be negative: in -1, out 1, in error 0");
    assertError(
        """
        {"format": 1, "name": "j", "nodes": [
          {"id": "a", "kind": "SOURCE", "stats": {"recordsIn": 1}}
        ]}""",
        2,
        42,
        "\"stats\" of node 1 has no \"recordsOut\"");
    assertError(
        """
        {"format": 1, "name": "j",
         "nodes": [{"id": "a", "kind": "SOURCE"}, {"id": "b", "kind": "SINK"}],
         "edges": [{"from": "a", "to": "b"}, {"from": "a", "to": "c"}]}""",
        3,
        58,
        "\"to\" of edge 2 names 'c', which is not the id of a node");
    assertError(
        """
        {"format": 1, "name": "j",
         "nodes": [{"id": "s", "kind": "SOURCE"}, {"id": "a", "kind": "TRANSFORM"}, {"id": "b", "kind": "TRANSFORM"}],
         "edges": [{"from": "s", "to": "a"}, {"from": "a", "to": "b"}, {"from": "b", "to": "a"}]}""",
        3,
        11,
        "job graph 'j': the edges form a cycle: a -> b -> a");
  }

  @Test
  void readsTheGraphTheProcessorWroteForAJobClass() {
    JobGraph graph = JobGraph.forJobClass(Sample.class).orElseThrow();

    assertThat(graph.name()).isEqualTo("sample");
    assertThat(graph.declarationOrder()).containsExactly("orders", "lake");
    assertThat(graph.node("orders").orElseThrow().method()).contains("readOrders");
    assertThat(graph.inputs("lake")).containsExactly("orders");
    assertThat(JobGraphJson.resourceName(Sample.class.getName()))
        .isEqualTo("META-INF/dynaframe/jobs/io.dynaframe.graph.JobGraphJsonTest$Sample.json");
  }

  @Test
  void aClassWithoutAGraphHasNone() {
    assertThat(JobGraph.forJobClass(JobGraphJsonTest.class)).isEmpty();
    assertThat(JobGraph.forJobClass(String.class)).as("a class of the bootstrap loader").isEmpty();
  }

  @Test
  void aBrokenResourceIsReportedByItsName() {
    assertThatThrownBy(
            () ->
                JobGraphJson.read(
                    "{\"format\": 1,\n", JobGraphJson.resourceName("com.example.Job")))
        .isInstanceOf(JobGraphJsonException.class)
        .hasMessage(
            "META-INF/dynaframe/jobs/com.example.Job.json line 2, column 1: unexpected end of the text;"
                + " expected a member name in double quotes");
  }

  private static void assertError(String json, int line, int column, String message) {
    assertThatThrownBy(() -> JobGraph.fromJson(json))
        .as(json)
        .isInstanceOfSatisfying(
            JobGraphJsonException.class,
            e -> {
              assertThat(e.getMessage())
                  .isEqualTo("job graph JSON line " + line + ", column " + column + ": " + message);
              assertThat(e.line()).isEqualTo(line);
              assertThat(e.column()).isEqualTo(column);
            });
  }

  /** Stands in for a {@code @Job} class; its graph is a test resource. */
  static final class Sample {}
}
