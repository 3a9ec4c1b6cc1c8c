package io.dynaframe.job.internal;

import io.dynaframe.catalog.Catalog;
import io.dynaframe.catalog.Partition;
import io.dynaframe.catalog.TableDefinition;
import io.dynaframe.catalog.TableIdentifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.catalyst.catalog.ExternalCatalogUtils;

/**
 * The history of a table's published versions, kept in a table parameter as {@code
 * runId@millis,...}, and publishing helpers.
 */
public final class PublishedVersions {
  private static final int KEEP = 100;

  private final LinkedHashMap<String, Long> versions;

  private PublishedVersions(LinkedHashMap<String, Long> versions) {
    this.versions = versions;
  }

  public static PublishedVersions parse(String text) {
    LinkedHashMap<String, Long> m = new LinkedHashMap<>();
    if (text != null && !text.isBlank()) {
      for (String item : text.split(",")) {
        int at = item.lastIndexOf('@');
        if (at > 0) {
          try {
            m.put(item.substring(0, at), Long.parseLong(item.substring(at + 1)));
          } catch (NumberFormatException e) {
            // an entry someone edited by hand: ignored
          }
        }
      }
    }
    return new PublishedVersions(m);
  }

  /** This history with one more version, the oldest dropped beyond a hundred. */
  public PublishedVersions plus(String version, long at) {
    LinkedHashMap<String, Long> m = new LinkedHashMap<>(versions);
    m.remove(version);
    m.put(version, at);
    while (m.size() > KEEP) {
      m.remove(m.keySet().iterator().next());
    }
    return new PublishedVersions(m);
  }

  /** When a version was published, or null when it never was. */
  public Long publishedAt(String version) {
    return versions.get(version);
  }

  public String format() {
    List<String> items = new ArrayList<>();
    versions.forEach((v, t) -> items.add(v + "@" + t));
    return String.join(",", items);
  }

  /** The versions the table's location and its partitions' locations point into. */
  public static Set<String> referenced(Catalog catalog, TableIdentifier table, String prefix) {
    Set<String> out = new HashSet<>();
    TableDefinition t = catalog.getTable(table);
    t.location().ifPresent(l -> addVersion(l, prefix, out));
    if (!t.partitionKeys().isEmpty()) {
      for (Partition p : catalog.listAllPartitions(table, null)) {
        p.location().ifPresent(l -> addVersion(l, prefix, out));
      }
    }
    return out;
  }

  private static void addVersion(String location, String prefix, Set<String> out) {
    for (String part : location.split("/")) {
      if (part.startsWith(prefix)) {
        out.add(part.substring(prefix.length()));
      }
    }
  }

  /** {@code k1=v1/k2=v2}, escaped as Spark writes partition folders. */
  public static String partitionPath(List<String> keys, List<String> values) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < keys.size(); i++) {
      if (i > 0) {
        b.append('/');
      }
      String v = values.get(i);
      b.append(ExternalCatalogUtils.escapePathName(keys.get(i)))
          .append('=')
          .append(
              v == null || v.equals(Partition.NULL_VALUE)
                  ? Partition.NULL_VALUE
                  : ExternalCatalogUtils.escapePathName(v));
    }
    return b.toString();
  }

  /** A partition folder's value, unescaped. */
  public static String unescape(String value) {
    return ExternalCatalogUtils.unescapePathName(value);
  }
}
