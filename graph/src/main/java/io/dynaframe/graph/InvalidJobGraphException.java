package io.dynaframe.graph;

/**
 * A job graph cannot be built as described: two nodes share an id, an edge names a node that does
 * not exist, enters a source or leaves a sink, or the edges form a cycle. The message names the
 * job, the nodes and the edge at fault.
 */
public final class InvalidJobGraphException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** An exception with the given message. */
  public InvalidJobGraphException(String message) {
    super(message);
  }
}
