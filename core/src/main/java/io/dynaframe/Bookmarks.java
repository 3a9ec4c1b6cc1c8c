package io.dynaframe;

import java.util.List;

/**
 * A run's view of job bookmarks: which of the files a source lists are still to be read. State is
 * kept per {@code transformationContext}; a source without one is not tracked, as in Glue. The job
 * runtime's {@code Job} gives a context its bookmarks; without a job nothing is tracked ({@link
 * #NONE}).
 */
public interface Bookmarks {

  /** Bookmarks that track nothing: every listed file is read. */
  Bookmarks NONE = (ctx, listed) -> listed;

  /**
   * The files to read from what a source listed, and notes them as read by this run (made durable
   * only when the job commits).
   */
  List<InputFile> select(String transformationContext, List<InputFile> listed);
}
