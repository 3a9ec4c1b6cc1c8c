package io.dynaframe.internal.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The per-value typing of CSV ({@code typedValues}) checks numbers by hand for speed; the regular
 * expressions below are its specification, and the hand-written checks must agree with them on
 * every string.
 */
class CsvValueTypingTest {
  private static final Pattern LONG = Pattern.compile("[-+]?(0|[1-9][0-9]{0,18})");
  private static final Pattern DECIMAL =
      Pattern.compile("[-+]?((0|[1-9][0-9]*)(\\.[0-9]+)?|\\.[0-9]+)([eE][-+]?[0-9]+)?");

  private static final List<String> CORNERS =
      List.of(
          "",
          "-",
          "+",
          ".",
          "0",
          "-0",
          "+0",
          "00",
          "01",
          "10",
          "1.",
          ".5",
          "-.5",
          "+.5e3",
          "0.5",
          "00.5",
          "1e",
          "1e+",
          "1e-5",
          "1E5",
          "1.5e10",
          "e5",
          ".e5",
          "1.e5",
          "5e5.5",
          "12a",
          "a12",
          "١٢",
          "1 ",
          " 1",
          "9223372036854775807",
          "-9223372036854775808",
          "9223372036854775808",
          "12345678901234567890",
          "1234567890123456789",
          "0e0",
          "0.0e-0",
          "--1",
          "+-1",
          "1.2.3",
          "NaN",
          "Infinity",
          "1_000",
          "0x1F",
          "1d",
          "1f",
          "1L");

  @Test
  void theHandWrittenChecksAgreeWithTheRegularExpressions() {
    List<String> inputs = new ArrayList<>(CORNERS);
    Random random = new Random(42);
    String alphabet = "0123456789+-.eE a";
    for (int i = 0; i < 200_000; i++) {
      StringBuilder b = new StringBuilder();
      int len = random.nextInt(8);
      for (int j = 0; j < len; j++) {
        b.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      inputs.add(b.toString());
    }
    for (String v : inputs) {
      assertThat(CsvFormat.isLong(v)).as("isLong(\"%s\")", v).isEqualTo(LONG.matcher(v).matches());
      assertThat(CsvFormat.isDecimal(v))
          .as("isDecimal(\"%s\")", v)
          .isEqualTo(DECIMAL.matcher(v).matches());
    }
  }

  @Test
  void valuesAreTypedAsBefore() {
    assertThat(CsvFormat.typed("42")).isEqualTo(42L);
    assertThat(CsvFormat.typed("-0")).isEqualTo(0L);
    assertThat(CsvFormat.typed("9223372036854775808")).isEqualTo("9223372036854775808");
    assertThat(CsvFormat.typed("2.5")).isEqualTo(2.5);
    assertThat(CsvFormat.typed("1e400")).isEqualTo("1e400");
    assertThat(CsvFormat.typed("007")).isEqualTo("007");
    assertThat(CsvFormat.typed("1.")).isEqualTo("1.");
    assertThat(CsvFormat.typed(null)).isNull();
  }
}
