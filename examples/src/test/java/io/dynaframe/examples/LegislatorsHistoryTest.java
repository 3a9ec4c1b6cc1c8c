package io.dynaframe.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.FrameCollection;
import io.dynaframe.Lake;
import io.dynaframe.Options;
import io.dynaframe.catalog.TableIdentifier;
import io.dynaframe.catalog.memory.InMemoryCatalog;
import io.dynaframe.testing.FrameAssert;
import io.dynaframe.testing.Frames;
import io.dynaframe.testing.SparkTest;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The port of the legislators sample, on hand-made frames whose expected results are worked out by
 * hand.
 */
@SparkTest
class LegislatorsHistoryTest {

  @TempDir Path dir;

  private static DynamicFrame persons(DynaContext ctx) {
    return Frames.json(
        ctx,
        "{\"id\": \"p1\", \"name\": \"Ada Arden\", \"contact_details\": [{\"type\": \"email\", \"value\": \"ada@example.org\"}]}",
        "{\"id\": \"p2\", \"name\": \"Bram Brook\", \"contact_details\": []}");
  }

  private static DynamicFrame memberships(DynaContext ctx) {
    return Frames.json(
        ctx,
        "{\"person_id\": \"p1\", \"organization_id\": \"c1\", \"role\": \"member\"}",
        "{\"person_id\": \"p1\", \"organization_id\": \"c2\", \"role\": \"chair\"}",
        "{\"person_id\": \"p2\", \"organization_id\": \"c1\", \"role\": \"member\"}",
        "{\"person_id\": \"p9\", \"organization_id\": \"c1\", \"role\": \"member\"}");
  }

  private static DynamicFrame organizations(DynaContext ctx) {
    return Frames.json(
        ctx,
        "{\"id\": \"c1\", \"name\": \"Lower Chamber\", \"classification\": \"legislature\", "
            + "\"other_names\": [{\"name\": \"Lower\"}], \"identifiers\": [{\"scheme\": \"r\", \"identifier\": \"C1\"}]}",
        "{\"id\": \"c2\", \"name\": \"Upper Chamber\", \"classification\": \"legislature\", "
            + "\"other_names\": [], \"identifiers\": []}",
        "{\"id\": \"c3\", \"name\": \"Empty Chamber\", \"classification\": \"legislature\", "
            + "\"other_names\": [], \"identifiers\": []}");
  }

  @Test
  void historyJoinsPeopleMembershipsAndOrganizationsAsTheSampleDoes(DynaContext ctx) {
    DynamicFrame history =
        LegislatorsHistory.history(persons(ctx), memberships(ctx), organizations(ctx));

    // organizations without their lists, renamed; people and memberships joined; join keys dropped;
    // the membership of an unknown person and the organization without members are gone
    FrameAssert.assertThat(history)
        .isEqualTo(
            Frames.json(
                ctx,
                "{\"org_name\": \"Lower Chamber\", \"classification\": \"legislature\", \"id\": \"p1\", \"name\": \"Ada Arden\", "
                    + "\"contact_details\": [{\"type\": \"email\", \"value\": \"ada@example.org\"}], "
                    + "\"organization_id\": \"c1\", \"role\": \"member\"}",
                "{\"org_name\": \"Upper Chamber\", \"classification\": \"legislature\", \"id\": \"p1\", \"name\": \"Ada Arden\", "
                    + "\"contact_details\": [{\"type\": \"email\", \"value\": \"ada@example.org\"}], "
                    + "\"organization_id\": \"c2\", \"role\": \"chair\"}",
                "{\"org_name\": \"Lower Chamber\", \"classification\": \"legislature\", \"id\": \"p2\", \"name\": \"Bram Brook\", "
                    + "\"contact_details\": [], \"organization_id\": \"c1\", \"role\": \"member\"}"));
  }

  @Test
  void relationalizeGivesTheRootTableAndOneTablePerArrayJoinedByKeys(DynaContext ctx) {
    DynamicFrame history =
        LegislatorsHistory.history(persons(ctx), memberships(ctx), organizations(ctx));

    FrameCollection tables =
        LegislatorsHistory.relationalize(history, dir.resolve("staging").toUri().toString());

    assertThat(tables.keys()).containsExactlyInAnyOrder("hist_root", "hist_root_contact_details");
    Dataset<Row> root = tables.get("hist_root").toDF();
    FrameAssert.assertThat(root.drop("contact_details"))
        .isEqualTo(
            Frames.json(
                    ctx,
                    "{\"org_name\": \"Lower Chamber\", \"classification\": \"legislature\", \"id\": \"p1\", \"name\": \"Ada Arden\", "
                        + "\"organization_id\": \"c1\", \"role\": \"member\"}",
                    "{\"org_name\": \"Upper Chamber\", \"classification\": \"legislature\", \"id\": \"p1\", \"name\": \"Ada Arden\", "
                        + "\"organization_id\": \"c2\", \"role\": \"chair\"}",
                    "{\"org_name\": \"Lower Chamber\", \"classification\": \"legislature\", \"id\": \"p2\", \"name\": \"Bram Brook\", "
                        + "\"organization_id\": \"c1\", \"role\": \"member\"}")
                .toDF());
    assertThat(root.select("contact_details").distinct().count())
        .as("one key per history row, empty arrays too")
        .isEqualTo(3L);

    // each contact detail hangs off the history row it came from
    tables.get("hist_root_contact_details").toDF().createOrReplaceTempView("contacts");
    root.createOrReplaceTempView("hist_root");
    Dataset<Row> joined =
        ctx.spark()
            .sql(
                "SELECT h.name, h.organization_id, c.index, "
                    + "c.`contact_details.val.type` AS type, c.`contact_details.val.value` AS value "
                    + "FROM contacts c JOIN hist_root h ON c.id = h.contact_details");
    FrameAssert.assertThat(joined)
        .isEqualTo(
            Frames.json(
                    ctx,
                    "{\"name\": \"Ada Arden\", \"organization_id\": \"c1\", \"index\": 0, \"type\": \"email\", \"value\": \"ada@example.org\"}",
                    "{\"name\": \"Ada Arden\", \"organization_id\": \"c2\", \"index\": 0, \"type\": \"email\", \"value\": \"ada@example.org\"}")
                .toDF()
                .selectExpr(
                    "name", "organization_id", "CAST(index AS INT) AS index", "type", "value"));
  }

  @Test
  void theJobReadsTheCrawledInputFromTheCatalogAndPublishesEveryTable(DynaContext ctx) {
    InMemoryCatalog catalog = InMemoryCatalog.create();
    Lake lake = Lake.at(dir.resolve("lake"));

    List<TableIdentifier> published = LegislatorsHistory.run(ctx, catalog, lake, 6);

    assertThat(published)
        .extracting(TableIdentifier::toString)
        .containsExactly(
            "legislators_history.legislator_history",
            "legislators_history.hist_root",
            "legislators_history.hist_root_contact_details",
            "legislators_history.hist_root_links",
            "legislators_history.hist_root_identifiers");
    // the published history is the history of the generated input, read straight from its lines
    DynamicFrame expected =
        LegislatorsHistory.history(
            Frames.json(ctx, LegislatorsData.persons(6).toArray(String[]::new)),
            Frames.json(ctx, LegislatorsData.memberships(6).toArray(String[]::new)),
            Frames.json(ctx, LegislatorsData.organizations().toArray(String[]::new)));
    DynamicFrame back =
        ctx.withCatalog(catalog)
            .createDynamicFrameFromCatalog(
                LegislatorsHistory.OUTPUT_DATABASE,
                "legislator_history",
                "back",
                "",
                Options.empty());
    FrameAssert.assertThat(back).isEqualTo(expected);
    assertThat(back.count()).as("8 memberships of 6 people").isEqualTo(8L);
  }
}
