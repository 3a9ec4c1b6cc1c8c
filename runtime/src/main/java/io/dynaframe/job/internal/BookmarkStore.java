package io.dynaframe.job.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.collect.Interner;
import com.google.common.collect.Interners;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A job's bookmark states in a folder of the lake, never updated in place: each committed run adds
 * {@code state-<run>.json}; a run in progress holds {@code lease-<run>.json}, created only if
 * absent, so two runs of one job cannot both work towards the same next state.
 */
public final class BookmarkStore {
  private final Function<String, ? extends RuntimeException> conflict;
  private static final Pattern STATE = Pattern.compile("state-(\\d{8})\\.json");
  private static final Pattern JOURNAL = Pattern.compile("publish-(\\d{8})-(\\d{4})\\.json");
  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  /*
   * The two static fields below are JVM-wide on purpose, not per Spark session: a lease names a
   * process (host and pid), not a session, and two sessions of one JVM that run the same job on
   * the same lake take the same lease file. Keyed per session, a run of one session would take
   * over the live lease of a run of another as if its holder had ended. Neither grows with use:
   * HELD has an entry per run in progress (a run dropped without commit, fail or close keeps its
   * entry, as it keeps its lease file), LOCKS one per lease being taken at the moment.
   */
  /**
   * The leases that runs of this process hold now (lease file and run id); an entry goes when its
   * run releases the lease.
   */
  private static final Set<String> HELD = ConcurrentHashMap.newKeySet();

  /**
   * One lock per lease file, so that runs of one process take a lease one at a time; weakly held,
   * so a lock goes once no run is taking that lease (a long-lived driver does not keep one per run
   * it ever started).
   */
  private static final Interner<LeaseLock> LOCKS = Interners.newWeakInterner();

  /**
   * The lock of one lease file: equal for equal paths, and the interner gives every run the same
   * one.
   */
  private record LeaseLock(String path) {}

  private final FileSystem fs;
  private final Path dir;

  /**
   * The store in folder {@code dir}; {@code conflict} makes the exception thrown when another run
   * holds the lease or committed first (the job's {@code ConcurrentRunException}).
   */
  public BookmarkStore(
      Configuration conf, String dir, Function<String, ? extends RuntimeException> conflict) {
    this.conflict = java.util.Objects.requireNonNull(conflict, "conflict");
    try {
      this.dir = new Path(dir);
      this.fs = this.dir.getFileSystem(conf);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the bookmark folder " + dir, e);
    }
  }

  /** The folder of this job's states. */
  public String location() {
    return dir.toString();
  }

  /** Every committed state, oldest first. */
  public List<BookmarkState> all() {
    List<BookmarkState> out = new ArrayList<>();
    try {
      if (!fs.exists(dir)) {
        return out;
      }
      for (FileStatus st : fs.listStatus(dir)) {
        if (STATE.matcher(st.getPath().getName()).matches()) {
          out.add(read(st.getPath(), BookmarkState.class));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the bookmark folder " + dir, e);
    }
    out.sort(Comparator.comparingInt(s -> s.run));
    return out;
  }

  /** The newest committed state. */
  public Optional<BookmarkState> latest() {
    List<BookmarkState> all = all();
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
  }

  /** The state committed by a run, found by run id or run number. */
  public Optional<BookmarkState> find(String runIdOrNumber) {
    for (BookmarkState s : all()) {
      if (runIdOrNumber.equals(s.runId) || runIdOrNumber.equals(String.valueOf(s.run))) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  /** Who holds a lease. */
  public static final class Lease {
    public int run;
    public String runId;
    public String host;
    public long pid;
    public long startedAt;
    public int attempt;
  }

  /**
   * Takes the lease for run {@code run}. A lease left by a run that died (its process is gone on
   * this host, or it is older than {@code staleAfterMillis}) is taken over and the attempt number
   * goes up.
   *
   * @throws RuntimeException (the one {@code conflict} makes) when a live run of the job holds it
   */
  public Lease acquire(int run, String runId, long staleAfterMillis) {
    // runs of one process take a lease one at a time; across processes the file's creation decides
    synchronized (LOCKS.intern(new LeaseLock(leasePath(run).toString()))) {
      return acquireOnce(run, runId, staleAfterMillis);
    }
  }

  private Lease acquireOnce(int run, String runId, long staleAfterMillis) {
    Path p = leasePath(run);
    Lease lease = new Lease();
    lease.run = run;
    lease.runId = runId;
    lease.host = hostName();
    lease.pid = ProcessHandle.current().pid();
    lease.startedAt = System.currentTimeMillis();
    lease.attempt = 1;
    try {
      if (createExclusive(p, lease)) {
        HELD.add(key(p, runId));
        return lease;
      }
      Lease holder;
      try {
        holder = read(p, Lease.class);
      } catch (FileNotFoundException gone) {
        return acquireOnce(run, runId, staleAfterMillis);
      } catch (com.fasterxml.jackson.core.JacksonException partlyWritten) {
        throw conflict.apply(
            "another run of this job is taking the lease "
                + p
                + " at this moment; this "
                + "run stops before reading anything");
      }
      boolean sameHost = holder.host != null && holder.host.equals(lease.host);
      boolean deadHere =
          sameHost
              && holder.pid != lease.pid
              && ProcessHandle.of(holder.pid).map(ph -> !ph.isAlive()).orElse(true);
      // a run of this very process that ended without being able to drop its lease (the storage
      // failed just then): no run of this process holds it any more
      boolean endedHere =
          sameHost && holder.pid == lease.pid && !HELD.contains(key(p, holder.runId));
      boolean expired = System.currentTimeMillis() - holder.startedAt > staleAfterMillis;
      if (!deadHere && !endedHere && !expired) {
        throw conflict.apply(
            "another run of this job is in progress: run "
                + holder.runId
                + " (attempt "
                + holder.attempt
                + ") on "
                + holder.host
                + " pid "
                + holder.pid
                + " since "
                + java.time.Instant.ofEpochMilli(holder.startedAt)
                + "; this run stops before reading anything. "
                + "If that run is dead, remove "
                + p
                + " or wait until its lease expires");
      }
      // of several runs taking over this dead holder's lease, only the one that creates the
      // takeover marker of that holder deletes it: a second taker cannot delete the first's fresh
      // lease. Markers are kept (one per dead run), so a late taker also finds it taken.
      Path takeover = new Path(dir, p.getName() + ".takeover-of-" + holder.runId);
      if (!createExclusive(takeover, lease)) {
        throw conflict.apply(
            "another run of this job is taking over the stale lease "
                + p
                + " of run "
                + holder.runId
                + " at this moment; this run stops before reading anything");
      }
      fs.delete(p, false);
      lease.attempt = holder.attempt + 1;
      if (!createExclusive(p, lease)) {
        throw conflict.apply("another run of this job took over the stale lease " + p + " first");
      }
      HELD.add(key(p, runId));
      return lease;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot take the bookmark lease " + p, e);
    }
  }

  /**
   * Drops a lease this run holds. When the lease file cannot be removed (the storage fails), the
   * next run takes it over: at once in this process, else when its process is gone or the lease has
   * expired.
   */
  public void release(Lease lease) {
    Path p = leasePath(lease.run);
    try {
      Lease holder = fs.exists(p) ? read(p, Lease.class) : null;
      if (holder != null && lease.runId.equals(holder.runId)) {
        fs.delete(p, false);
      }
    } catch (IOException e) {
      // an expired lease is taken over by the next run
    } finally {
      HELD.remove(key(p, lease.runId));
    }
  }

  private static String key(Path lease, String runId) {
    return lease + "#" + runId;
  }

  /**
   * Writes the state of a run; never overwrites.
   *
   * @throws RuntimeException (the one {@code conflict} makes) when another run committed that run
   *     number first
   */
  public void commit(BookmarkState state) {
    Path p = new Path(dir, String.format("state-%08d.json", state.run));
    try {
      if (!createExclusive(p, state)) {
        throw conflict.apply(
            "bookmark state " + p + " was committed by another run of this job first");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the bookmark state " + p, e);
    }
  }

  /**
   * Adds an entry to the publish journal of run {@code run}, before the publish changes the
   * catalog; never overwrites.
   */
  public void journal(int run, PublishJournal entry) {
    for (int seq = journal(run).size() + 1; ; seq++) {
      Path p = new Path(dir, String.format("publish-%08d-%04d.json", run, seq));
      try {
        if (createExclusive(p, entry)) {
          return;
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the publish journal " + p, e);
      }
    }
  }

  /** The publish journal of run {@code run}, in the order the publishes happened. */
  public List<PublishJournal> journal(int run) {
    List<PublishJournal> out = new ArrayList<>();
    try {
      for (Path p : journalFiles(run)) {
        out.add(read(p, PublishJournal.class));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the publish journal in " + dir, e);
    }
    return out;
  }

  /** Removes the publish journals of run {@code run} and of every run before it. */
  public void dropJournals(int upToRun) {
    try {
      if (!fs.exists(dir)) {
        return;
      }
      for (FileStatus st : fs.listStatus(dir)) {
        java.util.regex.Matcher m = JOURNAL.matcher(st.getPath().getName());
        if (m.matches() && Integer.parseInt(m.group(1)) <= upToRun) {
          fs.delete(st.getPath(), false);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove the publish journal in " + dir, e);
    }
  }

  private List<Path> journalFiles(int run) throws IOException {
    List<Path> out = new ArrayList<>();
    if (!fs.exists(dir)) {
      return out;
    }
    for (FileStatus st : fs.listStatus(dir)) {
      java.util.regex.Matcher m = JOURNAL.matcher(st.getPath().getName());
      if (m.matches() && Integer.parseInt(m.group(1)) == run) {
        out.add(st.getPath());
      }
    }
    out.sort(Comparator.comparing(Path::getName));
    return out;
  }

  private Path leasePath(int run) {
    return new Path(dir, String.format("lease-%08d.json", run));
  }

  /** Creates {@code p} unless it exists, atomically on every storage ({@link ExclusiveCreate}). */
  private boolean createExclusive(Path p, Object value) throws IOException {
    return ExclusiveCreate.create(
        fs, p, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(value));
  }

  private <T> T read(Path p, Class<T> type) throws IOException {
    try (InputStream in = fs.open(p)) {
      return JSON.readValue(in, type);
    }
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return ManagementFactory.getRuntimeMXBean().getName();
    }
  }
}
