package io.dynaframe.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Generated benchmark input, made once and reused: a folder is complete when its marker file names
 * the generator's version; otherwise it is made again in a temporary folder and moved into place,
 * so an interrupted run never leaves half an input behind.
 */
public final class Inputs {
  private Inputs() {}

  /** The marker file that a complete input folder holds. */
  public static final String MARKER = "_INPUT_READY";

  /** Writes an input into an empty folder. */
  @FunctionalInterface
  public interface Generator {
    /** Fills {@code dir}, which exists and is empty. */
    void generate(Path dir) throws IOException;
  }

  /**
   * The folder {@code dir}, generated unless it already holds the input of this {@code version}.
   * Prints a line when it generates.
   */
  public static Path ensure(Path dir, String version, Generator generator) throws IOException {
    Path marker = dir.resolve(MARKER);
    if (Files.exists(marker)
        && Files.readString(marker, StandardCharsets.UTF_8).strip().equals(version)) {
      return dir;
    }
    System.out.println("generating input " + dir + " (" + version + ") ...");
    long start = System.nanoTime();
    Path tmp = dir.resolveSibling(dir.getFileName() + ".tmp-" + ProcessHandle.current().pid());
    deleteTree(tmp);
    Files.createDirectories(tmp);
    generator.generate(tmp);
    Files.writeString(tmp.resolve(MARKER), version + "\n", StandardCharsets.UTF_8);
    deleteTree(dir);
    Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
    System.out.printf("generated in %.1fs%n", (System.nanoTime() - start) / 1e9);
    return dir;
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    Files.walkFileTree(
        dir,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.delete(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
            if (exc != null) {
              throw new UncheckedIOException(exc);
            }
            Files.delete(d);
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
