package io.dynaframe.catalog.glue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.Lake;
import io.dynaframe.catalog.TableIdentifier;
import io.dynaframe.job.PublishException;
import io.dynaframe.job.Publisher;
import io.dynaframe.testing.FrameAssert;
import io.dynaframe.testing.Frames;
import io.dynaframe.testing.SparkTest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.glue.GlueClient;

/**
 * Publishing to the Glue catalog while the service throttles or fails the switch: the real AWS SDK
 * v2 client against {@link FakeGlue} (HTTP stubs in Glue's shapes, no real Glue), retrying 4
 * attempts with exponential backoff and jitter. Throttling that ends within the attempts is
 * invisible to the job; a switch that keeps failing is one {@link PublishException} that names the
 * table, the version and the service's error, and readers keep the previous version.
 */
@SparkTest
class GluePublishFaultsTest {

  private static final TableIdentifier ORDERS = TableIdentifier.of("sales", "orders");

  @TempDir Path root;

  private static DynamicFrame orders(DynaContext ctx, String... lines) {
    return Frames.json(ctx, lines).withName("orders");
  }

  @Test
  void throttlingOfTheSwitchIsRetriedAndTheNewVersionIsPublished(DynaContext ctx) {
    try (FakeGlue fake = new FakeGlue();
        GlueClient client = fake.client()) {
      GlueCatalog glue = GlueCatalog.of(client, null);
      Lake lake = Lake.at(root);
      Publisher.of(ctx.withRunId("r1"), glue, lake)
          .publish(orders(ctx, "{\"id\": 1}"), ORDERS, "parquet", List.of());

      fake.throttle("UpdateTable", 3);
      int before = fake.calls("UpdateTable");
      Publisher.of(ctx.withRunId("r2"), glue, lake)
          .publish(orders(ctx, "{\"id\": 2}", "{\"id\": 3}"), ORDERS, "parquet", List.of());

      assertThat(fake.calls("UpdateTable") - before)
          .as("3 throttled attempts, then the one that succeeded")
          .isEqualTo(4);
      assertThat(glue.getTable(ORDERS).location().orElseThrow())
          .endsWith("/load/sales/orders/v-r2");
      FrameAssert.assertThat(
              ctx.spark().read().parquet(glue.getTable(ORDERS).location().orElseThrow()))
          .isEqualTo(orders(ctx, "{\"id\": 2}", "{\"id\": 3}").toDF());
    }
  }

  @Test
  void aSwitchThatKeepsFailingIsAClearPublishExceptionAndReadersKeepThePreviousVersion(
      DynaContext ctx) {
    try (FakeGlue fake = new FakeGlue();
        GlueClient client = fake.client()) {
      GlueCatalog glue = GlueCatalog.of(client, null);
      Lake lake = Lake.at(root);
      Publisher.of(ctx.withRunId("r1"), glue, lake)
          .publish(orders(ctx, "{\"id\": 1}"), ORDERS, "parquet", List.of());
      String v1 = glue.getTable(ORDERS).location().orElseThrow();

      fake.throttle("UpdateTable", 1_000);
      int before = fake.calls("UpdateTable");
      assertThatThrownBy(
              () ->
                  Publisher.of(ctx.withRunId("r2"), glue, lake)
                      .publish(orders(ctx, "{\"id\": 2}"), ORDERS, "parquet", List.of()))
          .isInstanceOf(PublishException.class)
          .hasMessageContaining(
              "the catalog failed to switch table sales.orders to version r2 ("
                  + lake.tablePath("sales", "orders")
                  + "/v-r2)")
          .hasMessageContaining("ThrottlingException")
          .hasMessageContaining(
              "nothing of this run was published, readers still see the previous version");
      assertThat(fake.calls("UpdateTable") - before)
          .as("every attempt of the retry strategy was made")
          .isEqualTo(4);
      assertThat(glue.getTable(ORDERS).location()).contains(v1);
      FrameAssert.assertThat(ctx.spark().read().parquet(v1))
          .isEqualTo(orders(ctx, "{\"id\": 1}").toDF());

      fake.throttle("UpdateTable", 0);
      Publisher.of(ctx.withRunId("r3"), glue, lake)
          .publish(orders(ctx, "{\"id\": 2}"), ORDERS, "parquet", List.of());
      assertThat(glue.getTable(ORDERS).location().orElseThrow()).endsWith("/v-r3");
      assertThat(glue.getTable(ORDERS).parameters().get(Publisher.VERSIONS_PARAMETER))
          .as("the failed version was never made current")
          .contains("r1@", "r3@")
          .doesNotContain("r2@");
    }
  }
}
