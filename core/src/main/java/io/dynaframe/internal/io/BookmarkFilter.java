package io.dynaframe.internal.io;

import io.dynaframe.DynaContext;
import io.dynaframe.job.InputFile;
import java.util.ArrayList;
import java.util.List;

/** Passes a source's listed files through the run's bookmarks, so a bookmarked source reads only new input. */
final class BookmarkFilter {
  private BookmarkFilter() {}

  static List<FileEntry> select(DynaContext ctx, String transformationContext, List<FileEntry> listed) {
    List<InputFile> in = new ArrayList<>(listed.size());
    for (FileEntry f : listed) {
      in.add(new InputFile(f.path(), f.length(), f.modificationTime()));
    }
    List<InputFile> selected = ctx.bookmarks().select(transformationContext, in);
    List<FileEntry> out = new ArrayList<>(selected.size());
    for (InputFile f : selected) {
      out.add(new FileEntry(f.path(), f.length(), f.modificationTime()));
    }
    return out;
  }
}
