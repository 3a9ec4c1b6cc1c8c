package io.dynaframe.job.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FilterFileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two creations of one name opened before either takes it (the interleaving in which a
 * check-then-write lets both succeed): at most one succeeds, on a local file system (hard links)
 * and with the claim protocol that stores without conditional writes use. The conditional write of
 * S3A is tested on a real S3 API server by the catalog module's {@code S3LeaseRaceTest}.
 */
class ExclusiveCreateTest {
  @TempDir java.nio.file.Path dir;

  @Test
  void onALocalFileSystemTheFirstLinkWinsAndTheOtherSeesTheName() throws IOException {
    FileSystem fs = FileSystem.getLocal(new Configuration());
    Path name = new Path(dir.toUri().toString(), "lease-00000001.json");
    assertThat(ExclusiveCreate.mechanism(fs, name)).isEqualTo("hard link");

    ExclusiveCreate.Pending a = ExclusiveCreate.prepare(fs, name, bytes("a"));
    ExclusiveCreate.Pending b = ExclusiveCreate.prepare(fs, name, bytes("b"));
    assertThat(a.commit()).isTrue();
    assertThat(b.commit()).isFalse();

    assertThat(Files.readString(dir.resolve("lease-00000001.json"))).isEqualTo("a");
    assertThat(namesIn(dir)).containsExactly("lease-00000001.json");
  }

  @Test
  void withClaimsTwoOpenCreationsGiveOneWinnerWhicheverCommitsFirst() throws IOException {
    FileSystem fs = claimsOnly();
    Path name = new Path(dir.toUri().toString(), "lease-00000001.json");
    assertThat(ExclusiveCreate.mechanism(fs, name)).isEqualTo("claims");

    ExclusiveCreate.Pending a = ExclusiveCreate.prepare(fs, name, bytes("a"));
    ExclusiveCreate.Pending b = ExclusiveCreate.prepare(fs, name, bytes("b"));
    // a sees b's claim and backs off; b then finds neither a claim nor the file
    assertThat(a.commit()).isFalse();
    assertThat(b.commit()).isTrue();
    assertThat(Files.readString(dir.resolve("lease-00000001.json"))).isEqualTo("b");

    // a later creation finds the file
    assertThat(ExclusiveCreate.create(fs, name, bytes("c"))).isFalse();
    assertThat(Files.readString(dir.resolve("lease-00000001.json"))).isEqualTo("b");
    // no claim is left behind
    assertThat(namesIn(dir)).containsExactly("lease-00000001.json");
  }

  @Test
  void withClaimsBothBackOffWhenBothListBeforeEitherIsDoneNeverBothWin() throws IOException {
    FileSystem fs = claimsOnly();
    Path name = new Path(dir.toUri().toString(), "state-00000002.json");
    ExclusiveCreate.Pending a = ExclusiveCreate.prepare(fs, name, bytes("a"));
    ExclusiveCreate.Pending b = ExclusiveCreate.prepare(fs, name, bytes("b"));
    ExclusiveCreate.Pending c = ExclusiveCreate.prepare(fs, name, bytes("c"));
    int winners = 0;
    for (ExclusiveCreate.Pending p : List.of(a, b, c)) {
      winners += p.commit() ? 1 : 0;
    }
    // a and b each see another claim; c, last, sees none and the name free
    assertThat(winners).isEqualTo(1);
    assertThat(Files.readString(dir.resolve("state-00000002.json"))).isEqualTo("c");
  }

  @Test
  void aClaimLeftByADeadProcessIsIgnoredOnceItHasExpired() throws IOException {
    FileSystem fs = claimsOnly();
    Path name = new Path(dir.toUri().toString(), "lease-00000003.json");
    java.nio.file.Path fresh = dir.resolve("lease-00000003.json.claim-fresh");
    Files.createFile(fresh);
    assertThat(ExclusiveCreate.create(fs, name, bytes("x"))).isFalse();

    Files.setLastModifiedTime(
        fresh,
        java.nio.file.attribute.FileTime.fromMillis(
            System.currentTimeMillis() - ExclusiveCreate.CLAIM_EXPIRY_MILLIS - 1_000));
    assertThat(ExclusiveCreate.create(fs, name, bytes("x"))).isTrue();
    assertThat(namesIn(dir)).containsExactly("lease-00000003.json");
  }

  /** The local file system under another scheme, without hard links or conditional writes. */
  private FileSystem claimsOnly() throws IOException {
    LocalFileSystem local = FileSystem.getLocal(new Configuration());
    FileSystem fs =
        new FilterFileSystem(local.getRawFileSystem()) {
          @Override
          public String getScheme() {
            return "claimsonly";
          }
        };
    fs.initialize(URI.create("file:///"), new Configuration());
    return fs;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(UTF_8);
  }

  private static List<String> namesIn(java.nio.file.Path d) throws IOException {
    try (Stream<java.nio.file.Path> files = Files.list(d)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).toList();
    }
  }
}
