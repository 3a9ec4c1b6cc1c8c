package io.dynaframe.internal.io;

import java.io.IOException;
import java.io.Reader;
import java.io.Serializable;
import java.util.Iterator;

/** A text format that yields records from one file, with their line numbers and raw text. */
interface RecordFormat extends Serializable {

  /** The records of one file's text; called on executors. */
  Iterator<ParsedRecord> records(Reader text, String file) throws IOException;
}
