package io.dynaframe.internal.io;

import io.dynaframe.Bookmarks.FileLimits;
import io.dynaframe.Options;
import io.dynaframe.SourceException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The connection options of an {@code s3} source beyond paths and grouping, read and checked when
 * the source is created: {@code attachFilename}, {@code attachTimestamp}, {@code boundedFiles},
 * {@code boundedSize}, {@code maxBand}, {@code maxFilesInBand}, {@code excludeStorageClasses},
 * {@code useS3ListImplementation} and {@code isFailFast}.
 *
 * @param attachFilename the column that holds each record's file, or null
 * @param attachTimestamp the column that holds each record's file's modification time, or null
 * @param limits the bounds of one run and the bookmark's band
 * @param excludeStorageClasses storage classes whose files are not read (S3 only)
 * @param failFast whether a malformed record fails the read instead of becoming an error record
 */
record S3SourceOptions(
    String attachFilename,
    String attachTimestamp,
    FileLimits limits,
    Set<String> excludeStorageClasses,
    boolean failFast) {

  /** Amazon S3's storage classes, as the S3 API spells them. */
  static final Set<String> STORAGE_CLASSES =
      Collections.unmodifiableSet(
          new LinkedHashSet<>(
              List.of(
                  "STANDARD",
                  "REDUCED_REDUNDANCY",
                  "STANDARD_IA",
                  "ONEZONE_IA",
                  "INTELLIGENT_TIERING",
                  "GLACIER",
                  "DEEP_ARCHIVE",
                  "OUTPOSTS",
                  "GLACIER_IR",
                  "SNOW",
                  "EXPRESS_ONEZONE")));

  /** S3A's extended attribute that carries an object's storage class header. */
  private static final String STORAGE_CLASS_XATTR = "header.x-amz-storage-class";

  static S3SourceOptions parse(Options o) {
    String name = column(o, "attachFilename");
    String time = column(o, "attachTimestamp");
    if (name != null && name.equals(time)) {
      throw new SourceException(
          "connection options attachFilename and attachTimestamp both name the column '"
              + name
              + "'; give them different names");
    }
    long files = atLeast(o, "boundedFiles", 1, "a number of files");
    long size = atLeast(o, "boundedSize", 1, "a number of bytes");
    if (files > 0 && size > 0) {
      throw new SourceException(
          "connection options boundedFiles and boundedSize are both set; set only one (Glue"
              + " supports a single bound per source)");
    }
    long band = o.has("maxBand") ? atLeast(o, "maxBand", 0, "a number of milliseconds") : -1;
    long inBand = atLeast(o, "maxFilesInBand", 1, "a number of files");
    flag(o, "useS3ListImplementation");
    boolean failFast = flag(o, "isFailFast");
    Set<String> excluded = new LinkedHashSet<>();
    List<String> given;
    try {
      given = o.getStringList("excludeStorageClasses");
    } catch (IllegalArgumentException e) {
      throw new SourceException("connection " + e.getMessage());
    }
    for (String c : given) {
      String upper = c.trim().toUpperCase(Locale.ROOT);
      if (!STORAGE_CLASSES.contains(upper)) {
        throw new SourceException(
            "connection option excludeStorageClasses names '"
                + c
                + "', which is not an Amazon S3 storage class; the classes are "
                + STORAGE_CLASSES);
      }
      excluded.add(upper);
    }
    return new S3SourceOptions(
        name, time, new FileLimits(files, size, band, inBand), Set.copyOf(excluded), failFast);
  }

  private static String column(Options o, String key) {
    if (!o.has(key)) {
      return null;
    }
    String v = o.getString(key, "");
    if (v.isBlank() || !v.equals(v.trim()) || v.contains(".") || v.contains("`")) {
      throw new SourceException(
          "connection option "
              + key
              + " must name a column (not empty, no surrounding spaces, no '.' or '`'), was '"
              + v
              + "'");
    }
    return v;
  }

  private static long atLeast(Options o, String key, long min, String what) {
    if (!o.has(key)) {
      return 0;
    }
    long v;
    try {
      v = o.getLong(key, 0);
    } catch (IllegalArgumentException e) {
      throw new SourceException("connection " + e.getMessage() + " (" + what + ")");
    }
    if (v < min) {
      throw new SourceException(
          "connection option "
              + key
              + " must be "
              + what
              + ", "
              + min
              + " or more, was "
              + o.get(key).orElse(""));
    }
    return v;
  }

  private static boolean flag(Options o, String key) {
    try {
      return o.getBoolean(key, false);
    } catch (IllegalArgumentException e) {
      throw new SourceException("connection " + e.getMessage());
    }
  }

  /**
   * The files whose storage class is not excluded. Files off S3 (local, HDFS) have no storage class
   * and are all read; on S3A the class is the object's {@code x-amz-storage-class} header (absent
   * for STANDARD), one request per file, and a client that does not serve it fails the read naming
   * the option.
   */
  List<io.dynaframe.InputFile> withoutExcludedClasses(
      List<io.dynaframe.InputFile> files, Configuration conf) {
    if (excludeStorageClasses.isEmpty()) {
      return files;
    }
    List<io.dynaframe.InputFile> out = new ArrayList<>();
    for (io.dynaframe.InputFile f : files) {
      Path p = new Path(f.path());
      String scheme = p.toUri().getScheme();
      if (scheme == null || !scheme.toLowerCase(Locale.ROOT).startsWith("s3")) {
        out.add(f);
        continue;
      }
      String c;
      try {
        FileSystem fs = p.getFileSystem(conf);
        byte[] v = fs.getXAttr(p, STORAGE_CLASS_XATTR);
        c = v == null ? "" : new String(v, StandardCharsets.UTF_8).trim();
      } catch (IOException | UnsupportedOperationException e) {
        throw new SourceException(
            "cannot read the storage class of "
                + f.path()
                + " for connection option excludeStorageClasses (this Hadoop S3A client does not"
                + " expose it: "
                + e.getMessage()
                + "); leave the option out or use a hadoop-aws that serves "
                + STORAGE_CLASS_XATTR,
            e);
      }
      String cls = c.isEmpty() ? "STANDARD" : c.toUpperCase(Locale.ROOT);
      if (!excludeStorageClasses.contains(cls)) {
        out.add(f);
      }
    }
    return out;
  }
}
