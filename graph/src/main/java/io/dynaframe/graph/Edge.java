package io.dynaframe.graph;

import java.util.Objects;

/**
 * A frame flowing from one step to another: the result of step {@code from} is an input of step
 * {@code to}.
 *
 * @param from id of the step that produces the frame
 * @param to id of the step that reads it
 */
public record Edge(String from, String to) {

  /** Checks that both ids are given. */
  public Edge {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
  }

  @Override
  public String toString() {
    return from + " -> " + to;
  }
}
