package io.dynaframe.lineage;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A dataset a run read or wrote, named as OpenLineage names datasets: S3 objects as namespace
 * {@code s3://bucket} and name {@code key/prefix}, local files as namespace {@code file} and an
 * absolute path, other file systems as {@code scheme://authority} and a path, catalog tables as
 * namespace {@code catalog} and {@code database.table}, JDBC tables as the OpenLineage naming spec
 * names them ({@code postgres://host:port} and {@code database.schema.table}, {@code
 * mysql://host:port} and {@code database.table}, ...). Credentials written into a URI ({@code
 * s3a://key:secret@bucket/...}) never make it into a name.
 *
 * @param namespace where the dataset lives
 * @param name the dataset's name in its namespace
 */
public record LineageDataset(String namespace, String name) {
  private static final Set<String> S3 = Set.of("s3", "s3a", "s3n");

  /** OpenLineage's schemes of databases, whose names are {@code database.schema.table}. */
  private static final Set<String> DATABASES =
      Set.of("postgres", "mysql", "mssql", "redshift", "oracle");

  /** Checks that both parts are given. */
  public LineageDataset {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
  }

  /**
   * The dataset of a file or folder path: {@code s3://b/k}, {@code s3a://b/k}, {@code file:/p},
   * {@code /p}, ...
   */
  public static LineageDataset ofPath(String path) {
    Objects.requireNonNull(path, "path");
    String p = path.strip();
    int sep = p.indexOf("://");
    if (sep < 0) {
      String local = p.startsWith("file:") ? p.substring("file:".length()) : p;
      while (local.startsWith("//")) {
        local = local.substring(1);
      }
      if (!local.startsWith("/")) {
        local = java.nio.file.Path.of(local).toAbsolutePath().normalize().toString();
      }
      return new LineageDataset("file", trimSlash(local));
    }
    String scheme = p.substring(0, sep).toLowerCase(Locale.ROOT);
    String rest = p.substring(sep + 3);
    int slash = rest.indexOf('/');
    String authority = slash < 0 ? rest : rest.substring(0, slash);
    String key = slash < 0 ? "" : rest.substring(slash + 1);
    int at = authority.lastIndexOf('@');
    if (at >= 0) {
      authority = authority.substring(at + 1);
    }
    if (S3.contains(scheme)) {
      String name = trimSlash(key);
      return new LineageDataset("s3://" + authority, name.isEmpty() ? "/" : name);
    }
    if (scheme.equals("file")) {
      return new LineageDataset("file", trimSlash("/" + key));
    }
    if (DATABASES.contains(scheme)) {
      return new LineageDataset(scheme + "://" + authority, key);
    }
    return new LineageDataset(scheme + "://" + authority, trimSlash("/" + key));
  }

  /** The dataset of a catalog table. */
  public static LineageDataset ofTable(String database, String table) {
    return new LineageDataset("catalog", database + "." + table);
  }

  private static String trimSlash(String s) {
    String out = s;
    while (out.length() > 1 && out.endsWith("/")) {
      out = out.substring(0, out.length() - 1);
    }
    return out;
  }

  @Override
  public String toString() {
    return namespace.equals("file") ? name : namespace + (name.startsWith("/") ? "" : "/") + name;
  }
}
