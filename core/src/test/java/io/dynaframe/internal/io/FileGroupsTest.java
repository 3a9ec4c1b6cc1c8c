package io.dynaframe.internal.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynaframe.InputFile;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FileGroupsTest {

  private static List<InputFile> files(long... sizes) {
    List<InputFile> out = new ArrayList<>();
    for (int i = 0; i < sizes.length; i++) {
      out.add(new InputFile("/data/f" + i, sizes[i], 0));
    }
    return out;
  }

  @Test
  void equalFilesSplitEvenlyOverTheCores() {
    List<InputFile> eight =
        files(
            30_000_000,
            29_900_000,
            30_100_000,
            30_000_000,
            29_950_000,
            30_050_000,
            30_000_000,
            30_000_000);
    long target = FileGroups.defaultTarget(eight, 2);

    assertThat(FileGroups.pack(eight, target))
        .containsExactly(
            "/data/f0\n/data/f1\n/data/f2\n/data/f3", "/data/f4\n/data/f5\n/data/f6\n/data/f7");
  }

  @Test
  void groupsAreBalancedRunsInPathOrder() {
    // 6 files of 10 units with a target of 25 units: 3 groups of 2 files, not 2 + 2 + 2 by luck of
    // rounding
    List<InputFile> six =
        files(10_000_000, 10_000_000, 10_000_000, 10_000_000, 10_000_000, 10_000_000);

    assertThat(FileGroups.pack(six, 25_000_000))
        .containsExactly("/data/f0\n/data/f1", "/data/f2\n/data/f3", "/data/f4\n/data/f5");
    // 5 files with a target of 20 units: 3 groups (2, 1 and 2 files)
    assertThat(
            FileGroups.pack(
                files(10_000_000, 10_000_000, 10_000_000, 10_000_000, 10_000_000), 20_000_000))
        .hasSize(3);
  }

  @Test
  void aFileLargerThanTheTargetIsAGroupOfItsOwnAndSmallFilesShareOne() {
    assertThat(FileGroups.pack(files(100, 200, 50_000_000, 300), 10_000_000))
        .containsExactly("/data/f0\n/data/f1", "/data/f2", "/data/f3");
    assertThat(FileGroups.pack(files(100, 200, 300), 4 << 20))
        .containsExactly("/data/f0\n/data/f1\n/data/f2");
    assertThat(FileGroups.pack(files(), 4 << 20)).isEmpty();
  }
}
