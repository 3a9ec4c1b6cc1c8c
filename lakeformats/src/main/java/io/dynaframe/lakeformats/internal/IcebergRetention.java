package io.dynaframe.lakeformats.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.iceberg.ContentFile;
import org.apache.iceberg.ManifestContent;
import org.apache.iceberg.ManifestFile;
import org.apache.iceberg.ManifestFiles;
import org.apache.iceberg.ManifestReader;
import org.apache.iceberg.PartitionStatisticsFile;
import org.apache.iceberg.ReachableFileUtil;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.StatisticsFile;
import org.apache.iceberg.Table;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retention of an Iceberg table after a commit: snapshots committed before the retention window are
 * expired (their files no longer referenced are deleted by Iceberg), always keeping the current
 * snapshot and, when asked, every snapshot from a given one on (what a job's rollback needs); files
 * under the table's location that no snapshot or metadata file references and that were last
 * modified before the orphan window are removed. Hidden files ({@code .} or {@code _} first, such
 * as checksums) are left alone, as Iceberg's own orphan removal leaves them.
 */
final class IcebergRetention {
  private static final Logger LOG = LoggerFactory.getLogger(IcebergRetention.class);

  private IcebergRetention() {}

  /** What one cleanup removed. */
  record Removed(List<Long> snapshots, List<String> orphans) {}

  /**
   * Expires the snapshots older than {@code snapshotRetentionMs} (null: none) and removes the
   * orphan files older than {@code orphanRetentionMs} (null: none).
   *
   * @param retainFrom a snapshot kept with all its descendants up to the current one, or null
   */
  static Removed clean(
      Table t,
      Configuration conf,
      Long snapshotRetentionMs,
      Long orphanRetentionMs,
      Long retainFrom,
      long now)
      throws IOException {
    t.refresh();
    List<Long> expired = new ArrayList<>();
    if (snapshotRetentionMs != null) {
      expired = expire(t, now - snapshotRetentionMs, retainFrom);
    }
    List<String> orphans = new ArrayList<>();
    if (orphanRetentionMs != null) {
      orphans = removeOrphans(t, conf, now - orphanRetentionMs);
    }
    return new Removed(expired, orphans);
  }

  private static List<Long> expire(Table t, long cutoff, Long retainFrom) {
    Snapshot current = t.currentSnapshot();
    if (current == null) {
      return List.of();
    }
    int keep = 1;
    if (retainFrom != null) {
      int depth = 1;
      for (Snapshot s = current; s != null; s = parent(t, s), depth++) {
        if (s.snapshotId() == retainFrom) {
          keep = depth;
          break;
        }
      }
    }
    Set<Long> before = new HashSet<>();
    boolean any = false;
    for (Snapshot s : t.snapshots()) {
      before.add(s.snapshotId());
      any |= s.snapshotId() != current.snapshotId() && s.timestampMillis() < cutoff;
    }
    if (!any) {
      return List.of();
    }
    t.expireSnapshots().expireOlderThan(cutoff).retainLast(keep).commit();
    t.refresh();
    for (Snapshot s : t.snapshots()) {
      before.remove(s.snapshotId());
    }
    List<Long> out = new ArrayList<>(before);
    out.sort(null);
    if (!out.isEmpty()) {
      LOG.info("expired snapshots {} of Iceberg table {}", out, t.name());
    }
    return out;
  }

  private static Snapshot parent(Table t, Snapshot s) {
    return s.parentId() == null ? null : t.snapshot(s.parentId());
  }

  private static List<String> removeOrphans(Table t, Configuration conf, long cutoff)
      throws IOException {
    Path root = new Path(t.location());
    FileSystem fs = root.getFileSystem(conf);
    if (!fs.exists(root)) {
      return List.of();
    }
    List<Path> old = new ArrayList<>();
    collectOlder(fs, root, cutoff, old);
    if (old.isEmpty()) {
      return List.of(); // the common case: nothing old enough, no metadata read
    }
    Set<String> referenced = referenced(t);
    List<String> removed = new ArrayList<>();
    for (Path p : old) {
      if (!referenced.contains(pathOf(p.toString()))) {
        fs.delete(p, false);
        removed.add(p.toString());
      }
    }
    if (!removed.isEmpty()) {
      LOG.info("removed {} orphan file(s) of Iceberg table {}", removed.size(), t.name());
    }
    return removed;
  }

  /**
   * Adds the files below {@code dir} modified before {@code cutoff}, skipping hidden files and
   * folders. Walks with {@code listStatus}, not {@code listFiles}: Hadoop's local file system
   * without its native library starts an {@code ls -ld} process for every file whose status is
   * turned into a located one (to read its permission), which made the scan of a table with a few
   * thousand files take seconds.
   */
  private static void collectOlder(FileSystem fs, Path dir, long cutoff, List<Path> out)
      throws IOException {
    for (FileStatus st : fs.listStatus(dir)) {
      String name = st.getPath().getName();
      if (name.startsWith(".") || name.startsWith("_")) {
        continue;
      }
      if (st.isDirectory()) {
        collectOlder(fs, st.getPath(), cutoff, out);
      } else if (st.getModificationTime() < cutoff) {
        out.add(st.getPath());
      }
    }
  }

  /** Every file the table's metadata references, as paths without scheme or authority. */
  private static Set<String> referenced(Table t) {
    Set<String> out = new HashSet<>();
    for (String m : ReachableFileUtil.metadataFileLocations(t, true)) {
      out.add(pathOf(m));
    }
    Set<String> manifests = new HashSet<>();
    for (Snapshot s : t.snapshots()) {
      if (s.manifestListLocation() != null) {
        out.add(pathOf(s.manifestListLocation()));
      }
      for (ManifestFile m : s.allManifests(t.io())) {
        if (!manifests.add(m.path())) {
          continue;
        }
        out.add(pathOf(m.path()));
        if (m.content() == ManifestContent.DATA) {
          try (ManifestReader<?> r = ManifestFiles.read(m, t.io(), t.specs())) {
            addAll(r, out);
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        } else {
          try (ManifestReader<?> r = ManifestFiles.readDeleteManifest(m, t.io(), t.specs())) {
            addAll(r, out);
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        }
      }
    }
    for (StatisticsFile f : t.statisticsFiles()) {
      out.add(pathOf(f.path()));
    }
    for (PartitionStatisticsFile f : t.partitionStatisticsFiles()) {
      out.add(pathOf(f.path()));
    }
    return out;
  }

  private static void addAll(ManifestReader<?> r, Set<String> out) {
    for (Object f : r) {
      out.add(pathOf(((ContentFile<?>) f).location()));
    }
  }

  /** A location's path without scheme or authority (catalogs give back file:/x for file:///x). */
  static String pathOf(String location) {
    String p = new Path(location).toUri().getPath();
    return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
  }
}
