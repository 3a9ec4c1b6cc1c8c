package io.dynaframe.internal.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.dynaframe.types.DataType;
import io.dynaframe.types.StructType;
import io.dynaframe.types.Types;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Fuzzes the JSON reader's record parser with any bytes, as a file would hold them: the bytes go
 * through the UTF-8 decoder, the parser, the inference of the frame's type and the conversion of
 * each record to the row of that type, as a task of the JSON source does, without Spark.
 *
 * <p>The first byte chooses the options: bit 0 {@code multiLine}, bit 1 a {@code jsonPath} of
 * {@code $.records[*]}. The invariants: the parser never throws (every failure is an error record
 * with a reason, its line and no fields); each record has fields or a reason, never both; lines
 * count from 1 and a record ends on or after its first line, within the file; in JSON Lines every
 * non-blank line is exactly one record, good or bad (records in = records out + error records); a
 * record's values convert to the inferred type or fail with the converter's own exception.
 *
 * <p>The seeds in {@code JsonFormatFuzzTestInputs/} run in every build; {@code JAZZER_FUZZ=1}
 * fuzzes (see {@code .ci/run}).
 */
// Jazzer's agent, once loaded, rewrites every class the JVM loads after it (Spark's too): in the
// module's test JVM that cost the other tests 18 s; .ci/run's fuzzing step runs these (seeds, then
// 50 s of fuzzing each)
@org.junit.jupiter.api.Tag("fuzz")
class JsonFormatFuzzTest {

  @FuzzTest(maxDuration = "50s")
  void anyBytesGiveRecordsOrErrorRecords(byte[] input) throws IOException {
    int flags = input.length == 0 ? 0 : input[0];
    byte[] text = input.length == 0 ? input : Arrays.copyOfRange(input, 1, input.length);
    boolean multiLine = (flags & 1) != 0;
    String jsonPath = (flags & 2) != 0 ? "$.records[*]" : null;

    List<ParsedRecord> records = parse(new JsonFormat(multiLine, jsonPath), text);

    long lines = lines(text).size();
    List<Map<String, Object>> good = new ArrayList<>();
    for (ParsedRecord r : records) {
      assertThat(r.fields() == null).as("fields xor error: %s", r).isNotEqualTo(r.error() == null);
      if (r.error() != null) {
        assertThat(r.error()).isNotBlank();
      } else {
        good.add(r.fields());
      }
      assertThat(r.line()).as("line of %s", r).isBetween(1L, Math.max(1L, lines));
      assertThat(r.lastLine()).as("last line of %s", r).isBetween(r.line(), Math.max(1L, lines));
    }
    if (!multiLine && jsonPath == null) {
      long nonBlank = lines(text).stream().filter(l -> !l.isBlank()).count();
      assertThat((long) records.size()).as("records of the non-blank lines").isEqualTo(nonBlank);
    }
    TypeAccumulator acc = new TypeAccumulator();
    good.forEach(acc::addFields);
    DataType type = acc.type();
    StructType schema = type instanceof StructType s ? s : Types.struct();
    for (Map<String, Object> fields : good) {
      try {
        Object[] row = ValueConverter.rowValues(fields, schema, 1);
        assertThat(row).hasSize(schema.fields().size() + 1);
      } catch (ValueConverter.ConversionException e) {
        assertThat(e.getMessage()).isNotBlank();
      }
    }
  }

  /** Every record of the text, read as a task reads a file. */
  static List<ParsedRecord> parse(RecordFormat format, byte[] text) throws IOException {
    Utf8Reader decoder = new Utf8Reader(new ByteArrayInputStream(text));
    List<ParsedRecord> out = new ArrayList<>();
    try (BufferedReader reader = new BufferedReader(decoder, 1 << 16)) {
      Iterator<ParsedRecord> it = format.records(reader, "fuzz");
      while (it.hasNext()) {
        out.add(it.next());
      }
    }
    return out;
  }

  /** The lines of the text as {@link BufferedReader#readLine} splits them. */
  static List<String> lines(byte[] text) throws IOException {
    List<String> out = new ArrayList<>();
    try (BufferedReader b = new BufferedReader(new Utf8Reader(new ByteArrayInputStream(text)))) {
      for (String l = b.readLine(); l != null; l = b.readLine()) {
        out.add(l);
      }
    }
    return out;
  }
}
