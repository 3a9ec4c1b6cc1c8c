package io.dynaframe.internal.io;

import io.dynaframe.InputFile;
import io.dynaframe.SourceException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.UnsupportedFileSystemException;

/**
 * Lists the files of a source's {@code paths}: a file is itself, a folder gives the files in it
 * (and below it with {@code recurse}), globs are expanded, {@code exclusions} globs are applied to
 * full paths, and names starting with {@code _} or {@code .} (Spark's markers and checksums) are
 * skipped.
 */
public final class FileListing {
  private FileListing() {}

  /**
   * The path as this cluster can open it: {@code s3://} becomes {@code s3a://} where no file system
   * serves {@code s3://} (everywhere but on Glue and EMR); a path without a scheme stays as it is.
   */
  public static String normalize(String path, Configuration conf) {
    if (path.startsWith("s3://") || path.startsWith("s3n://")) {
      try {
        FileSystem.getFileSystemClass("s3", conf);
        return path;
      } catch (UnsupportedFileSystemException e) {
        return "s3a://" + path.substring(path.indexOf("://") + 3);
      } catch (IOException e) {
        return "s3a://" + path.substring(path.indexOf("://") + 3);
      }
    }
    return path;
  }

  /** Lists the files; throws {@link SourceException} naming a path that does not exist. */
  public static List<InputFile> list(
      Configuration conf, List<String> paths, boolean recurse, List<String> exclusions) {
    if (paths.isEmpty()) {
      throw new SourceException("the source has no paths: set the connection option 'paths'");
    }
    List<PathMatcher> excluded = new ArrayList<>();
    for (String glob : exclusions) {
      excluded.add(
          FileSystems.getDefault()
              .getPathMatcher("glob:" + (glob.contains("://") ? stripScheme(glob) : glob)));
    }
    List<InputFile> out = new ArrayList<>();
    for (String raw : paths) {
      String p = normalize(raw, conf);
      try {
        Path path = new Path(p);
        FileSystem fs = path.getFileSystem(conf);
        FileStatus[] matches =
            hasGlob(p) ? fs.globStatus(path) : new FileStatus[] {fs.getFileStatus(path)};
        if (matches == null || matches.length == 0) {
          throw new SourceException("no file matches the source path " + raw);
        }
        for (FileStatus st : matches) {
          collect(fs, st, recurse, true, excluded, out);
        }
      } catch (FileNotFoundException e) {
        throw new SourceException("the source path does not exist: " + raw, e);
      } catch (IOException e) {
        throw new SourceException("cannot list the source path " + raw + ": " + e.getMessage(), e);
      } catch (IllegalArgumentException e) {
        throw new SourceException(
            "not a valid source path: '" + raw + "' (" + e.getMessage() + ")", e);
      }
    }
    out.sort(Comparator.comparing(InputFile::path));
    return out;
  }

  private static boolean hasGlob(String p) {
    return p.indexOf('*') >= 0 || p.indexOf('?') >= 0 || p.indexOf('[') >= 0 || p.indexOf('{') >= 0;
  }

  private static void collect(
      FileSystem fs,
      FileStatus st,
      boolean recurse,
      boolean top,
      List<PathMatcher> excluded,
      List<InputFile> out)
      throws IOException {
    String name = st.getPath().getName();
    if (!top && (name.startsWith("_") || name.startsWith("."))) {
      return;
    }
    if (st.isDirectory()) {
      if (top || recurse) {
        for (FileStatus child : fs.listStatus(st.getPath())) {
          collect(fs, child, recurse, false, excluded, out);
        }
      }
      return;
    }
    String full = st.getPath().toString();
    for (PathMatcher m : excluded) {
      if (m.matches(java.nio.file.Path.of(stripScheme(full)))) {
        return;
      }
    }
    out.add(new InputFile(full, st.getLen(), st.getModificationTime()));
  }

  private static String stripScheme(String full) {
    int colon = full.indexOf("://");
    String s = colon < 0 ? full : full.substring(full.indexOf(':') + 1);
    while (s.startsWith("//")) {
      s = s.substring(1);
    }
    return s;
  }
}
