package io.dynaframe.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BenchmarksTest {

  @Test
  void namesMapToClassesAndBack() {
    assertThat(Benchmarks.className("json-inference"))
        .isEqualTo("io.dynaframe.bench.JsonInferenceBenchmark");
    assertThat(Benchmarks.nameOf("ParquetReadBenchmark")).isEqualTo("parquet-read");
  }

  @Test
  void everyBenchmarkClassIsListedAndCreatedByName() {
    assertThat(Benchmarks.names()).contains("json-inference", "parquet-read");
    for (String name : Benchmarks.names()) {
      assertThat(Benchmarks.create(name)).isInstanceOf(Benchmark.class);
    }
  }

  @Test
  void anUnknownNameFailsListingTheKnownOnes() {
    assertThatThrownBy(() -> Benchmarks.create("no-such"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no benchmark 'no-such'")
        .hasMessageContaining("json-inference");
    assertThatThrownBy(() -> Benchmarks.className("Json_Inference"))
        .hasMessageContaining("lower-case words joined by '-'");
  }

  @Test
  void medianOfOddAndEvenCounts() {
    assertThat(BenchMain.median(new double[] {3, 1, 2})).isEqualTo(2);
    assertThat(BenchMain.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
  }

  @Test
  void theRatioIsTheMedianOfEachRepetitionsRatio() {
    // the machine is slow for the whole first repetition, and for dynaframe's run of the third
    double[] dyna = {2.4, 1.6, 2.5};
    double[] base = {2.4, 1.6, 1.6};
    assertThat(BenchMain.pairedRatio(dyna, base)).isEqualTo(1.0);
    assertThat(BenchMain.median(dyna) / BenchMain.median(base))
        .isCloseTo(1.5, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void generatedJsonRecordsAreTheSameOnEveryRun() {
    StringBuilder a = new StringBuilder();
    StringBuilder b = new StringBuilder();
    JsonInferenceBenchmark.record(a, 7, new SplittableRandom(1));
    JsonInferenceBenchmark.record(b, 7, new SplittableRandom(1));
    assertThat(a.toString()).isEqualTo(b.toString()).startsWith("{\"id\":7,").endsWith("]}");
  }
}
