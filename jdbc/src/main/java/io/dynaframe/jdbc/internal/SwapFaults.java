package io.dynaframe.jdbc.internal;

/**
 * A seam for tests: a failure injected between the swap's statements and its commit, to show that a
 * publish that fails there leaves the table as it was.
 */
final class SwapFaults {
  private SwapFaults() {}

  private static volatile RuntimeException next;

  /** Makes the next publish fail just before it commits (tests only). */
  static void failNextCommit(RuntimeException e) {
    next = e;
  }

  static void beforeCommit() {
    RuntimeException e = next;
    next = null;
    if (e != null) {
      throw e;
    }
  }
}
