package io.dynaframe.job.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FSDataOutputStreamBuilder;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Creates a small file only if no file has its name, so that of several processes creating one name
 * at the same moment at most one succeeds: the bookmark lease and a run's state record depend on
 * it. Hadoop's {@code create(path, false)} checks and then writes, and two processes can both pass
 * the check; each storage gets what makes the creation atomic there:
 *
 * <ul>
 *   <li>a local file system: the content is written to a file of its own, then hard-linked to the
 *       name, which the operating system does only if the name is free;
 *   <li>a store whose Hadoop connector can write conditionally (S3A from Hadoop 3.4.2 on, which
 *       sends Amazon S3's {@code If-None-Match: *}: the store refuses the PUT when the object
 *       exists): a conditional write;
 *   <li>any other store (S3A before 3.4.2, so Glue 5's Hadoop 3.3.4): a claim protocol on top of
 *       consistent listing (Amazon S3's has been strongly consistent since December 2020). Each
 *       creator first writes a claim object of its own next to the name, then lists the claims; it
 *       goes on only if its claim is the only one and the name is still free, and removes its claim
 *       afterwards. Of two creators, the later one's listing sees the earlier one's claim (or its
 *       file), so at most one succeeds; when both list before either finishes, both back off, and
 *       the callers report a concurrent run, which is safe. A claim left by a process that died is
 *       ignored after {@link #CLAIM_EXPIRY_MILLIS}.
 * </ul>
 *
 * <p>{@link #prepare} does the part that happens before the name is taken (and the check that it is
 * free) and {@link Pending#commit} the part that takes it, so that a test can open two creations
 * before either takes the name, the interleaving that breaks a check-then-write.
 */
public final class ExclusiveCreate {
  /** Hadoop's builder option for a create that fails when the object exists (HADOOP-19256). */
  static final String CONDITIONAL_OVERWRITE = "fs.option.create.conditional.overwrite";

  /** How old a claim must be before another creator ignores it as left by a dead process. */
  static final long CLAIM_EXPIRY_MILLIS = 60_000;

  private static final String CLAIM_INFIX = ".claim-";

  private ExclusiveCreate() {}

  /** Creates {@code path} with {@code content} unless a file has its name; true when created. */
  public static boolean create(FileSystem fs, Path path, byte[] content) throws IOException {
    return prepare(fs, path, content).commit();
  }

  /** How creations are made atomic on the file system of {@code path}. */
  public static String mechanism(FileSystem fs, Path path) throws IOException {
    if ("file".equals(fs.getScheme())) {
      return "hard link";
    }
    return conditional(fs, path) ? "conditional write (If-None-Match)" : "claims";
  }

  /** The first half of a creation: nothing is taken yet. */
  public static Pending prepare(FileSystem fs, Path path, byte[] content) throws IOException {
    fs.mkdirs(path.getParent());
    if ("file".equals(fs.getScheme())) {
      return new HardLink(fs, path, content);
    }
    if (conditional(fs, path)) {
      return new Conditional(fs, path, content);
    }
    return new Claim(fs, path, content);
  }

  private static boolean conditional(FileSystem fs, Path path) throws IOException {
    try {
      return fs.hasPathCapability(path, CONDITIONAL_OVERWRITE);
    } catch (UnsupportedOperationException | IllegalArgumentException e) {
      return false;
    }
  }

  /** A creation prepared by {@link #prepare}. */
  public abstract static class Pending {
    final FileSystem fs;
    final Path path;
    final byte[] content;

    Pending(FileSystem fs, Path path, byte[] content) {
      this.fs = fs;
      this.path = path;
      this.content = content;
    }

    /** Takes the name; true when this creation made the file, false when another one has it. */
    public abstract boolean commit() throws IOException;
  }

  /** Written to a file of its own now, linked to the name on commit. */
  private static final class HardLink extends Pending {
    private final java.nio.file.Path target;
    private final java.nio.file.Path tmp;

    HardLink(FileSystem fs, Path path, byte[] content) throws IOException {
      super(fs, path, content);
      target = java.nio.file.Path.of(fs.makeQualified(path).toUri());
      tmp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
      java.nio.file.Files.write(tmp, content, java.nio.file.StandardOpenOption.CREATE_NEW);
    }

    @Override
    public boolean commit() throws IOException {
      try {
        java.nio.file.Files.createLink(target, tmp);
        return true;
      } catch (java.nio.file.FileAlreadyExistsException e) {
        return false;
      } catch (UnsupportedOperationException noHardLinks) {
        return Claim.createUnlessPresent(fs, path, content);
      } finally {
        java.nio.file.Files.deleteIfExists(tmp);
      }
    }
  }

  /** A stream opened now (the connector checks the name is free); the PUT is conditional. */
  private static final class Conditional extends Pending {
    private final FSDataOutputStream out;

    Conditional(FileSystem fs, Path path, byte[] content) throws IOException {
      super(fs, path, content);
      FSDataOutputStreamBuilder<?, ?> builder = fs.createFile(path).overwrite(false);
      builder.must(CONDITIONAL_OVERWRITE, true);
      FSDataOutputStream opened;
      try {
        opened = builder.build();
      } catch (FileAlreadyExistsException e) {
        opened = null;
      }
      out = opened;
    }

    @Override
    public boolean commit() throws IOException {
      if (out == null) {
        return false;
      }
      try {
        out.write(content);
        out.close(); // the PUT, refused with 412 when the object exists
        return true;
      } catch (IOException e) {
        if (refusedAsExisting(e)) {
          return false;
        }
        throw e;
      }
    }

    /**
     * S3A reports a 412 on a conditional create as a file that exists, or a changed remote file.
     */
    private static boolean refusedAsExisting(IOException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof FileAlreadyExistsException
            || t.getClass().getSimpleName().equals("RemoteFileChangedException")
            || (t.getMessage() != null
                && (t.getMessage().contains("412") || t.getMessage().contains("Precondition")))) {
          return true;
        }
      }
      return false;
    }
  }

  /** A claim written now; the listing and the file on commit. */
  private static final class Claim extends Pending {
    private final Path claim;

    Claim(FileSystem fs, Path path, byte[] content) throws IOException {
      super(fs, path, content);
      claim = new Path(path.getParent(), path.getName() + CLAIM_INFIX + UUID.randomUUID());
      try (OutputStream out = fs.create(claim, true)) {
        out.write(new byte[0]);
      }
    }

    @Override
    public boolean commit() throws IOException {
      try {
        if (!othersClaim() && !fs.exists(path)) {
          try (OutputStream out = fs.create(path, true)) {
            out.write(content);
          }
          return true;
        }
        return false;
      } finally {
        fs.delete(claim, false);
      }
    }

    private boolean othersClaim() throws IOException {
      String prefix = path.getName() + CLAIM_INFIX;
      long now = System.currentTimeMillis();
      List<Path> expired = new ArrayList<>();
      boolean others = false;
      for (FileStatus st : fs.listStatus(path.getParent())) {
        String name = st.getPath().getName();
        if (!name.startsWith(prefix) || name.equals(claim.getName())) {
          continue;
        }
        if (now - st.getModificationTime() > CLAIM_EXPIRY_MILLIS) {
          expired.add(st.getPath());
        } else {
          others = true;
        }
      }
      for (Path p : expired) {
        fs.delete(p, false);
      }
      return others;
    }

    /** The whole protocol at once, for a local file system without hard links. */
    static boolean createUnlessPresent(FileSystem fs, Path path, byte[] content)
        throws IOException {
      return new Claim(fs, path, content).commit();
    }
  }
}
