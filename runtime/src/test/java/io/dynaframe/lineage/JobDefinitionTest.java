package io.dynaframe.lineage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.FrameCollection;
import io.dynaframe.annotations.Job;
import io.dynaframe.annotations.Sink;
import io.dynaframe.annotations.Source;
import io.dynaframe.annotations.Step;
import io.dynaframe.graph.Edge;
import io.dynaframe.graph.JobGraph;
import io.dynaframe.graph.Node;
import io.dynaframe.job.JobDefinitionException;
import io.dynaframe.job.JobRunner;
import io.dynaframe.job.JobStepException;
import org.junit.jupiter.api.Test;

/**
 * The runner's checks of a job class, made before anything runs: each message names the class, the
 * method and the parameter at fault. (Graph errors such as unknown inputs and cycles are compile
 * errors already, reported by the annotation processor.)
 */
class JobDefinitionTest {

  static class NotAJob {}

  @Job(name = "wrong-parameters")
  static class WrongParameters {
    @Source
    DynamicFrame orders(DynaContext ctx, String path) {
      return null;
    }

    @Step(inputs = "orders")
    DynamicFrame clean(DynamicFrame orders, DynamicFrame extra) {
      return orders;
    }

    @Sink(inputs = "clean")
    void write(DynamicFrame clean) {}
  }

  @Job(name = "wrong-returns")
  static class WrongReturns {
    @Source
    String orders() {
      return "";
    }

    @Step(inputs = "orders")
    void clean(DynamicFrame orders) {}

    @Sink(inputs = "clean")
    int write(DynamicFrame clean) {
      return 0;
    }
  }

  @Job(name = "collections")
  static class CollectionMismatch {
    @Source
    DynamicFrame orders() {
      return null;
    }

    @Step(inputs = "orders")
    FrameCollection split(DynamicFrame orders) {
      return null;
    }

    @Sink(inputs = "split")
    void write(DynamicFrame split) {}
  }

  @Job(name = "fine", description = "a job the runner accepts")
  static class Fine {
    @Source(type = "S3 JSON")
    static DynamicFrame orders(DynaContext ctx) {
      return null;
    }

    @Step(inputs = "orders", type = "SplitRows")
    private FrameCollection split(DynaContext ctx, DynamicFrame orders) {
      return null;
    }

    @Sink(id = "lake", inputs = "split")
    DynamicFrame write(FrameCollection parts) {
      return null;
    }
  }

  @Test
  void aClassWithoutTheJobAnnotationIsRefused() {
    assertThatThrownBy(() -> JobRunner.graph(NotAJob.class))
        .isInstanceOf(JobDefinitionException.class)
        .hasMessage(
            "class "
                + NotAJob.class.getName()
                + " has no @Job annotation; annotate it with @Job(name = \"...\")"
                + " and its step methods with @Source, @Step and @Sink");
  }

  @Test
  void everyParameterThatDoesNotFitIsNamed() {
    assertThatThrownBy(() -> JobRunner.graph(WrongParameters.class))
        .isInstanceOf(JobDefinitionException.class)
        .hasMessage(
            "job class "
                + WrongParameters.class.getName()
                + " cannot run:\n"
                + "  - parameter 2 (String path) of @Source orders (method WrongParameters.orders(DynaContext, String)) cannot"
                + " be given: a @Source method takes no parameters or one DynaContext\n"
                + "  - @Step clean (method WrongParameters.clean(DynamicFrame, DynamicFrame)) takes 2 frames but lists 1 input"
                + " [orders]; give it one DynamicFrame parameter per input, in the order of inputs");
  }

  @Test
  void returnTypesMustFitTheKindOfStep() {
    assertThatThrownBy(() -> JobRunner.graph(WrongReturns.class))
        .isInstanceOf(JobDefinitionException.class)
        .hasMessageContaining(
            "@Source orders (method WrongReturns.orders()) returns String; a @Source method returns"
                + " the DynamicFrame it read")
        .hasMessageContaining(
            "@Step clean (method WrongReturns.clean(DynamicFrame)) returns void; a @Step method"
                + " returns the DynamicFrame (or FrameCollection) it made")
        .hasMessageContaining(
            "@Sink write (method WrongReturns.write(DynamicFrame)) returns int; a @Sink method"
                + " returns void or the DynamicFrame of the records it could not write");
  }

  @Test
  void aCollectionIsReadAsACollection() {
    assertThatThrownBy(() -> JobRunner.graph(CollectionMismatch.class))
        .isInstanceOf(JobDefinitionException.class)
        .hasMessageContaining(
            "parameter 1 (DynamicFrame split) of @Sink write (method CollectionMismatch.write("
                + "DynamicFrame)) reads 'split', which returns a FrameCollection; declare the parameter as FrameCollection");
  }

  @Test
  void aValidClassGivesTheGraphOfItsAnnotations() {
    JobGraph graph = JobRunner.graph(Fine.class);
    assertThat(graph.name()).isEqualTo("fine");
    assertThat(graph.description()).isEqualTo("a job the runner accepts");
    assertThat(graph.nodes())
        .extracting(Node::id, Node::kind, Node::type)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("orders", Node.Kind.SOURCE, "S3 JSON"),
            org.assertj.core.groups.Tuple.tuple("split", Node.Kind.TRANSFORM, "SplitRows"),
            org.assertj.core.groups.Tuple.tuple("lake", Node.Kind.SINK, ""));
    assertThat(graph.edges())
        .containsExactly(new Edge("orders", "split"), new Edge("split", "lake"));
  }

  @Test
  void aStepThatReturnsNullIsNamed() {
    DynaContext ctx = io.dynaframe.testing.SharedSpark.context().withRunId(DynaContext.newRunId());
    assertThatThrownBy(() -> JobRunner.run(Fine.class, ctx))
        .isInstanceOf(JobStepException.class)
        .hasMessage(
            "@Source orders (method Fine.orders(DynaContext)) returned null; return the DynamicFrame it made");
  }
}
