package io.dynaframe.internal.io;

import java.io.IOException;
import java.io.Reader;
import java.io.Serializable;
import java.util.Iterator;

/** A text format that yields records from one file, with their line numbers and raw text. */
interface RecordFormat extends Serializable {

  /** The records of one whole file's text; called on executors. */
  default Iterator<ParsedRecord> records(Reader text, String file) throws IOException {
    return records(text, file, Part.WHOLE);
  }

  /**
   * The records of one part of a file's text (the whole file, or one of the parts {@link
   * #splittable()} allows); called on executors.
   */
  Iterator<ParsedRecord> records(Reader text, String file, Part part) throws IOException;

  /**
   * True when a file of this format may be read in parts cut at line breaks, each by its own task:
   * records do not span lines (JSON Lines, CSV without {@code multiLine}).
   */
  default boolean splittable() {
    return false;
  }

  /**
   * True when every value of every record is a string or null (CSV read as Glue reads it by
   * default): the records of one file all have the same fields, so the schema pass may stop parsing
   * a file, or a part of it, as soon as every field has shown a value.
   */
  default boolean valuesAreStrings() {
    return false;
  }

  /**
   * True when the format reads a file's bytes rather than its UTF-8 text (Ion, whose files are text
   * or binary): {@link #records(java.io.InputStream, String)} is then called, with the file's whole
   * (decompressed) bytes, instead of the text methods. Such a format is never {@link
   * #splittable()}.
   */
  default boolean readsBytes() {
    return false;
  }

  /** The records of one whole file's bytes, for a format that {@link #readsBytes()}. */
  default Iterator<ParsedRecord> records(java.io.InputStream bytes, String file)
      throws IOException {
    throw new UnsupportedOperationException("this format reads text");
  }

  /** Opens a file's text from its start (for the CSV header and line separator its parts need). */
  @FunctionalInterface
  interface Head {
    Reader open() throws IOException;
  }

  /**
   * Where a part's text sits in its file: the number of its first line in the file (1-based), and
   * whether it is the file's first and last part; {@code head} reads the file from its start (null
   * for a whole file).
   */
  record Part(long firstLine, boolean first, boolean last, Head head) {
    /** A whole file. */
    static final Part WHOLE = new Part(1, true, true, null);
  }
}
