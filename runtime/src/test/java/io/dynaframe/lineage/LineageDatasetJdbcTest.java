package io.dynaframe.lineage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** OpenLineage's database datasets: namespace {@code scheme://host:port}, name without a slash. */
class LineageDatasetJdbcTest {

  @Test
  void databaseTablesKeepTheirDottedNames() {
    assertThat(LineageDataset.ofPath("postgres://db:5432/shop.public.orders"))
        .isEqualTo(new LineageDataset("postgres://db:5432", "shop.public.orders"));
    assertThat(LineageDataset.ofPath("mysql://db:3306/shop.orders"))
        .isEqualTo(new LineageDataset("mysql://db:3306", "shop.orders"));
    assertThat(LineageDataset.ofPath("postgres://db:5432/shop.public.orders").toString())
        .isEqualTo("postgres://db:5432/shop.public.orders");
    assertThat(LineageDataset.ofPath("hdfs://nn:8020/data/x"))
        .isEqualTo(new LineageDataset("hdfs://nn:8020", "/data/x"));
  }
}
