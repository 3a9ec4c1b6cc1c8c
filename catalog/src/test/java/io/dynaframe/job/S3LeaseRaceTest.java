package io.dynaframe.job;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.dynaframe.job.internal.ExclusiveCreate;
import io.dynaframe.testing.S3ProxyServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.util.VersionInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bookmark lease on s3a, against a real S3 API server (S3Proxy, which honours {@code
 * If-None-Match: *} from release 3.0.0 on): two processes' creations of one lease object, both
 * opened before either writes (both have passed S3A's existence check, the interleaving in which a
 * check-then-PUT lets both succeed), give exactly one winner. Each side has a file system instance
 * (an S3 client) of its own, as two processes would.
 *
 * <p>On Hadoop 3.4.2 and later (the Glue 6 target) the creation is S3A's conditional PUT; on Hadoop
 * 3.3.4 (the Glue 5 target), whose S3A cannot send the header, it is the claim protocol of {@link
 * ExclusiveCreate}. With S3Proxy 2.6.0, which ignores the header, the conditional case fails here:
 * both PUTs succeed and the second overwrites the first.
 */
@Tag("s3proxy") // run by .ci/run, not by the README's test command
class S3LeaseRaceTest {
  @TempDir static Path dir;

  private static S3ProxyServer s3;
  private static String bucket;
  private static Configuration conf;

  @BeforeAll
  static void startS3() {
    s3 = S3ProxyServer.startInMemory(S3ProxyServer.classpathFromSystemProperty(), dir);
    bucket =
        s3.createBucket(
            "dynaframe-lease-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 24)));
    conf = new Configuration();
    s3.hadoopOptions(bucket).forEach(conf::set);
    // a file system instance per call, as each process has its own S3 client
    conf.set("fs.s3a.impl.disable.cache", "true");
  }

  @AfterAll
  static void stopS3() {
    if (s3 != null) {
      s3.close();
    }
  }

  @Test
  void twoCreationsOfOneLeaseOpenedTogetherGiveExactlyOneWinner() throws IOException {
    org.apache.hadoop.fs.Path lease =
        new org.apache.hadoop.fs.Path(
            "s3a://" + bucket + "/lake/_bookmarks/orders-job/lease-00000001.json");
    try (FileSystem first = FileSystem.newInstance(URI.create("s3a://" + bucket + "/"), conf);
        FileSystem second = FileSystem.newInstance(URI.create("s3a://" + bucket + "/"), conf)) {
      assertThat(ExclusiveCreate.mechanism(first, lease))
          .as("Hadoop %s", VersionInfo.getVersion())
          .isEqualTo(conditionalWritesExpected() ? "conditional write (If-None-Match)" : "claims");

      ExclusiveCreate.Pending a = ExclusiveCreate.prepare(first, lease, "run-a".getBytes(UTF_8));
      ExclusiveCreate.Pending b = ExclusiveCreate.prepare(second, lease, "run-b".getBytes(UTF_8));
      boolean aWon = a.commit();
      boolean bWon = b.commit();

      assertThat(List.of(aWon, bWon)).as("winners").containsOnlyOnce(true);
      String holder = aWon ? "run-a" : "run-b";
      assertThat(read(first, lease)).isEqualTo(holder);
      assertThat(read(second, lease)).isEqualTo(holder);
      // a third process arriving later finds the lease taken
      assertThat(ExclusiveCreate.create(second, lease, "run-c".getBytes(UTF_8))).isFalse();
      assertThat(read(first, lease)).isEqualTo(holder);
      // nothing but the lease is left in the folder (no claim objects)
      assertThat(names(first, lease.getParent())).containsExactly("lease-00000001.json");
    }
  }

  /** S3A writes conditionally from Hadoop 3.4.2 on (HADOOP-19256). */
  private static boolean conditionalWritesExpected() {
    String[] v = VersionInfo.getVersion().split("[.-]");
    int major = Integer.parseInt(v[0]);
    int minor = Integer.parseInt(v[1]);
    int patch = Integer.parseInt(v[2]);
    return major > 3 || (major == 3 && (minor > 4 || (minor == 4 && patch >= 2)));
  }

  private static String read(FileSystem fs, org.apache.hadoop.fs.Path p) throws IOException {
    try (InputStream in = fs.open(p)) {
      return new String(in.readAllBytes(), UTF_8);
    }
  }

  private static List<String> names(FileSystem fs, org.apache.hadoop.fs.Path folder)
      throws IOException {
    List<String> out = new ArrayList<>();
    for (FileStatus st : fs.listStatus(folder)) {
      out.add(st.getPath().getName());
    }
    return out;
  }
}
