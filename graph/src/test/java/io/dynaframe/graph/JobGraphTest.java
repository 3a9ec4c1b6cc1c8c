package io.dynaframe.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Tests for {@link JobGraph} and its builder's checks. */
class JobGraphTest {

  @Test
  void ordersNodesTopologicallyKeepingTheOrderTheyWereAddedIn() {
    JobGraph graph =
        JobGraph.builder("j")
            .node(Node.sink("out"))
            .node(Node.transform("joined"))
            .node(Node.source("b"))
            .node(Node.source("a"))
            .edge("b", "joined")
            .edge("a", "joined")
            .edge("joined", "out")
            .build();

    assertThat(graph.nodes()).extracting(Node::id).containsExactly("b", "a", "joined", "out");
    assertThat(graph.inputs("joined")).containsExactly("b", "a");
    assertThat(graph.outputs("joined")).containsExactly("out");
    assertThat(graph.edges())
        .containsExactly(
            new Edge("b", "joined"), new Edge("a", "joined"), new Edge("joined", "out"));
  }

  @Test
  void keepsTheDeclarationOrderAndEachNodesMethod() {
    JobGraph graph =
        JobGraph.builder("j")
            .node(Node.sink("out").withMethod("write"))
            .node(Node.source("in").withMethod("read"))
            .edge("in", "out")
            .build();

    assertThat(graph.declarationOrder()).containsExactly("out", "in");
    assertThat(graph.nodes()).extracting(Node::id).containsExactly("in", "out");
    assertThat(graph.node("out").orElseThrow().method()).contains("write");
    JobGraph ran = graph.withStats("out", new StepStats(1, 1, 0, Duration.ZERO));
    assertThat(ran.declarationOrder()).containsExactly("out", "in");
    assertThat(ran.node("out").orElseThrow().method()).contains("write");
    assertThat(Node.source("in").withMethod("read"))
        .isNotEqualTo(Node.source("in"))
        .isEqualTo(Node.source("in").withMethod("read"));
    assertThat(graph)
        .as("the declaration order is part of the graph")
        .isNotEqualTo(
            JobGraph.builder("j")
                .node(Node.source("in").withMethod("read"))
                .node(Node.sink("out").withMethod("write"))
                .edge("in", "out")
                .build());
    assertThatThrownBy(() -> Node.source("in").withMethod(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the method name of node 'in' must not be blank");
  }

  @Test
  void withStatsReturnsANewGraphAndLeavesTheOriginal() {
    JobGraph plan = RenderedGraphs.plainJoin();
    StepStats stats = new StepStats(10, 9, 1, Duration.ofMillis(5));

    JobGraph run = plan.withStats("joined", stats);

    assertThat(run.node("joined").orElseThrow().stats()).contains(stats);
    assertThat(plan.node("joined").orElseThrow().stats()).isEmpty();
    assertThat(run).isNotEqualTo(plan);
    assertThat(run.withStats("joined", stats)).isEqualTo(run).hasSameHashCodeAs(run);
    assertThatThrownBy(() -> plan.withStats("nope", stats))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "job graph 'join' has no node 'nope'; its nodes are [left, right, joined, out]");
  }

  @Test
  void rejectsTwoNodesWithOneId() {
    JobGraph.Builder builder = JobGraph.builder("j").node(Node.source("a")).node(Node.sink("a"));

    assertThatThrownBy(builder::build)
        .isInstanceOf(InvalidJobGraphException.class)
        .hasMessage("job graph 'j': two nodes have the id 'a'");
  }

  @Test
  void rejectsAnEdgeToAnUnknownNode() {
    JobGraph.Builder builder = JobGraph.builder("j").node(Node.source("a")).edge("a", "b");

    assertThatThrownBy(builder::build)
        .isInstanceOf(InvalidJobGraphException.class)
        .hasMessage("job graph 'j': edge a -> b names 'b', which is not a node; the nodes are [a]");
  }

  @Test
  void rejectsAnEdgeGivenTwice() {
    JobGraph.Builder builder =
        JobGraph.builder("j")
            .node(Node.source("a"))
            .node(Node.sink("b"))
            .edge("a", "b")
            .edge("a", "b");

    assertThatThrownBy(builder::build)
        .isInstanceOf(InvalidJobGraphException.class)
        .hasMessage("job graph 'j': edge a -> b is given twice");
  }

  @Test
  void rejectsAnEdgeIntoASource() {
    JobGraph.Builder builder =
        JobGraph.builder("j").node(Node.source("a")).node(Node.source("b")).edge("a", "b");

    assertThatThrownBy(builder::build)
        .isInstanceOf(InvalidJobGraphException.class)
        .hasMessage("job graph 'j': edge a -> b enters source 'b'; a source has no inputs");
  }

  @Test
  void rejectsAnEdgeOutOfASink() {
    JobGraph.Builder builder =
        JobGraph.builder("j").node(Node.sink("a")).node(Node.sink("b")).edge("a", "b");

    assertThatThrownBy(builder::build)
        .isInstanceOf(InvalidJobGraphException.class)
        .hasMessage("job graph 'j': edge a -> b leaves sink 'a'; a sink produces no frame to read");
  }

  @Test
  void rejectsACycleAndNamesIt() {
    JobGraph.Builder builder =
        JobGraph.builder("j")
            .node(Node.source("s"))
            .node(Node.transform("a"))
            .node(Node.transform("b"))
            .node(Node.transform("c"))
            .edge("s", "a")
            .edge("a", "b")
            .edge("b", "c")
            .edge("c", "a");

    assertThatThrownBy(builder::build)
        .isInstanceOf(InvalidJobGraphException.class)
        .hasMessage("job graph 'j': the edges form a cycle: a -> b -> c -> a");
  }

  @Test
  void rejectsASelfLoop() {
    JobGraph.Builder builder = JobGraph.builder("j").node(Node.transform("a")).edge("a", "a");

    assertThatThrownBy(builder::build)
        .isInstanceOf(InvalidJobGraphException.class)
        .hasMessage("job graph 'j': the edges form a cycle: a -> a");
  }

  @Test
  void nodeIdsMustNotBeBlankOrPadded() {
    assertThatThrownBy(() -> Node.source(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("node id must not be blank or start or end with whitespace: ' '");
    assertThatThrownBy(() -> Node.source("a ")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void stepStatsRejectNegativeValues() {
    assertThatThrownBy(() -> new StepStats(-1, 0, 0, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("record counts cannot be negative: in -1, out 0, in error 0");
    assertThatThrownBy(() -> new StepStats(0, 0, 0, Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void withArgKeepsTheOrderAndReplacesInPlace() {
    Node node = Node.source("s").withArg("b", "1").withArg("a", "2").withArg("b", "3");

    assertThat(node.args())
        .containsExactly(java.util.Map.entry("b", "3"), java.util.Map.entry("a", "2"));
  }
}
