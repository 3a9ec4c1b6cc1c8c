package io.dynaframe.jdbc.internal;

/**
 * A seam for tests: something run between the swap's statements and its commit (a thrown failure,
 * or stopping the database), to show that a publish that fails there leaves the table as it was.
 */
final class SwapFaults {
  private SwapFaults() {}

  private static volatile Runnable next;

  /** Makes the next publish fail with {@code e} just before it commits (tests only). */
  static void failNextCommit(RuntimeException e) {
    beforeNextCommit(
        () -> {
          throw e;
        });
  }

  /** Runs {@code action} in the next publish just before it commits (tests only). */
  static void beforeNextCommit(Runnable action) {
    next = action;
  }

  static void beforeCommit() {
    Runnable r = next;
    next = null;
    if (r != null) {
      r.run();
    }
  }
}
