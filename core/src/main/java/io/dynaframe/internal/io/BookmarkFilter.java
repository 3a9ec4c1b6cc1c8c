package io.dynaframe.internal.io;

import io.dynaframe.DynaContext;
import io.dynaframe.InputFile;
import java.util.List;

/**
 * Passes a source's listed files through the run's bookmarks, so a bookmarked source reads only new
 * input.
 */
final class BookmarkFilter {
  private BookmarkFilter() {}

  static List<InputFile> select(
      DynaContext ctx, String transformationContext, List<InputFile> listed) {
    return ctx.bookmarks().select(transformationContext, listed);
  }

  /** As {@link #select(DynaContext, String, List)}, within the source's bounds. */
  static List<InputFile> select(
      DynaContext ctx,
      String transformationContext,
      List<InputFile> listed,
      io.dynaframe.Bookmarks.FileLimits limits) {
    return ctx.bookmarks().select(transformationContext, listed, limits);
  }
}
