package io.dynaframe.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Fuzzes the partition-expression parser (Glue's {@code GetPartitions} expression, which the
 * embedded catalog evaluates for a push-down predicate) and its evaluation.
 *
 * <p>The input's text is an expression, then, after a line break, the values of two partition keys,
 * {@code year} (string) and {@code month} (int), one per line. The invariants: {@link
 * PartitionExpression#parse} and {@link PartitionExpression#matches} throw nothing but {@link
 * IllegalArgumentException} with a message (never a stack overflow, an index out of bounds, a
 * number format error or a class cast), and take no more than linear-ish time (a LIKE pattern of
 * many {@code %} must not backtrack for ever); an expression that parses is the same expression
 * when parsed again.
 *
 * <p>The seeds in {@code PartitionExpressionFuzzTestInputs/} run in every build; {@code
 * JAZZER_FUZZ=1} fuzzes (see {@code .ci/run}).
 */
// Jazzer's agent, once loaded, rewrites every class the JVM loads after it (Spark's too): in the
// module's test JVM that cost the other tests 18 s; .ci/run's fuzzing step runs these (seeds, then
// 50 s of fuzzing each)
@org.junit.jupiter.api.Tag("fuzz")
class PartitionExpressionFuzzTest {
  private static final List<Column> KEYS =
      List.of(Column.of("year", "string"), Column.of("month", "int"));

  @FuzzTest(maxDuration = "50s")
  void anyTextParsesOrFailsWithAMessage(byte[] input) {
    String[] parts = new String(input, StandardCharsets.UTF_8).split("\n", 3);
    String text = parts[0];
    String year = parts.length > 1 ? parts[1] : "2024";
    String month = parts.length > 2 ? parts[2] : "10";

    PartitionExpression e;
    try {
      e = PartitionExpression.parse(text);
    } catch (IllegalArgumentException bad) {
      assertThat(bad).hasMessageContaining("partition expression");
      return;
    }
    assertThat(PartitionExpression.parse(e.expression())).isEqualTo(e);
    try {
      boolean a = e.matches(KEYS, List.of(year, month));
      boolean b = e.matches(KEYS, List.of(year, month));
      assertThat(a).isEqualTo(b);
    } catch (IllegalArgumentException bad) {
      assertThat(bad.getMessage()).isNotBlank();
    }
  }
}
