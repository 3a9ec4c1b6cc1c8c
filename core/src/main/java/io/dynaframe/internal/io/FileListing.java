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
        String link = danglingLink(p);
        if (link != null) {
          throw new SourceException(
              "the source path " + raw + " is a symbolic link whose target does not exist: " + link,
              e);
        }
        throw new SourceException("the source path does not exist: " + raw, e);
      } catch (RuntimeException e) {
        if (e instanceof SourceException) {
          throw e;
        }
        String missing = missingFileSystem(raw, p, e);
        if (missing != null) {
          throw new SourceException(missing, e);
        }
        if (e instanceof IllegalArgumentException) {
          throw new SourceException(
              "not a valid source path: '" + raw + "' (" + e.getMessage() + ")", e);
        }
        throw e;
      } catch (IOException e) {
        throw new SourceException("cannot list the source path " + raw + ": " + e.getMessage(), e);
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
        checkNoDanglingLinks(fs, st.getPath());
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

  /**
   * Fails naming the first symbolic link in a local folder whose target does not exist: Hadoop's
   * local listing leaves such a link out without a word, so a folder of broken links would read as
   * an empty source.
   */
  private static void checkNoDanglingLinks(FileSystem fs, Path dir) {
    if (!"file".equals(fs.getUri().getScheme())) {
      return;
    }
    java.nio.file.Path local;
    try {
      local = java.nio.file.Path.of(fs.makeQualified(dir).toUri());
    } catch (RuntimeException e) {
      return;
    }
    try (var entries = java.nio.file.Files.newDirectoryStream(local)) {
      for (java.nio.file.Path e : entries) {
        String n = e.getFileName().toString();
        if (n.startsWith("_") || n.startsWith(".")) {
          continue;
        }
        if (java.nio.file.Files.isSymbolicLink(e) && !java.nio.file.Files.exists(e)) {
          throw new SourceException(
              "the source folder "
                  + local
                  + " holds a symbolic link whose target does not exist: "
                  + describeLink(e)
                  + "; restore its target or remove the link");
        }
      }
    } catch (IOException e) {
      // the listing itself reports an unreadable folder
    }
  }

  /** The link and where it points, or null when the local path is not a dangling link. */
  private static String danglingLink(String p) {
    try {
      Path hp = new Path(p);
      String scheme = hp.toUri().getScheme();
      if (scheme != null && !scheme.equals("file")) {
        return null;
      }
      java.nio.file.Path local = java.nio.file.Path.of(hp.toUri().getPath());
      return java.nio.file.Files.isSymbolicLink(local) && !java.nio.file.Files.exists(local)
          ? describeLink(local)
          : null;
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static String describeLink(java.nio.file.Path link) {
    try {
      return link + " -> " + java.nio.file.Files.readSymbolicLink(link);
    } catch (IOException | RuntimeException e) {
      return link.toString();
    }
  }

  /**
   * What to do when the file system of an S3 path is missing from the class path (a raw {@code
   * ClassNotFoundException} from Hadoop otherwise), or null when that is not the failure.
   */
  public static String missingFileSystem(String raw, String normalized, Throwable e) {
    String scheme = new Path(normalized).toUri().getScheme();
    if (scheme == null || !scheme.toLowerCase(java.util.Locale.ROOT).startsWith("s3")) {
      return null;
    }
    Throwable found = null;
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ClassNotFoundException || t instanceof NoClassDefFoundError) {
        found = t;
        break;
      }
      if (found == null && String.valueOf(t.getMessage()).matches("(?s).*Class \\S+ not found.*")) {
        found = t;
      }
    }
    if (found != null) {
      return raw
          + " needs the S3A file system, which is not on the class path ("
          + found.getMessage()
          + "): add org.apache.hadoop:hadoop-aws, of the version of your Hadoop client (3.3.4 for"
          + " Glue 5 and Spark 3.5, 3.4.x for Glue 6), with its AWS SDK; dynaframe reads s3://"
          + " paths as s3a:// where no s3:// file system is installed (Glue and EMR bring one)";
    }
    return null;
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
