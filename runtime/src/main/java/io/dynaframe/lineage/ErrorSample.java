package io.dynaframe.lineage;

import java.util.Objects;

/**
 * One of the first error records a step set aside in a run, as the run page shows it. Taken inside
 * the Spark jobs the run executes anyway (no job of its own): the records with the lowest position
 * in the step's data (first partition first), at most {@link RunLineage#FIRST_ERRORS} per step.
 *
 * @param step id of the step that set the record aside
 * @param message the reason ({@code error.msg})
 * @param file the file the record came from, without credentials; empty when a transform failed it
 * @param line the 1-based line of the file where the record starts; 0 when unknown
 * @param text the record's raw text, or the record as JSON for a transform, cut to {@link
 *     #MAX_TEXT} characters; empty when there is none
 */
public record ErrorSample(String step, String message, String file, long line, String text) {

  /** Text longer than this many characters is cut, with "...". */
  public static final int MAX_TEXT = 500;

  /** Checks that every part is given; {@code null} file, message or text become empty. */
  public ErrorSample {
    Objects.requireNonNull(step, "step");
    message = message == null ? "" : message;
    file = file == null ? "" : file;
    text =
        text == null ? "" : text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) + "..." : text;
  }
}
