package io.dynaframe.transforms;

import static io.dynaframe.testing.Frames.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.FrameCollection;
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
 * AWS's legislators example (join_and_relationalize.py) on a few records written for this test:
 * persons, memberships and organizations joined into a history, then relationalized.
 */
@SparkTest
class LegislatorsTest {

  static DynamicFrame persons(DynaContext ctx) {
    return Frames.json(
            ctx,
            "{\"id\": \"p1\", \"name\": \"Alice Adams\", \"contact_details\": [{\"type\": \"twitter\", \"value\": \"aadams\"}, "
                + "{\"type\": \"phone\", \"value\": \"555-0101\"}], \"links\": [{\"note\": \"wikipedia\", \"url\": \"https://w/aa\"}]}",
            "{\"id\": \"p2\", \"name\": \"Bob Brown\", \"contact_details\": [{\"type\": \"fax\", \"value\": \"555-0202\"}]}")
        .withName("persons");
  }

  static DynamicFrame memberships(DynaContext ctx) {
    return Frames.json(
            ctx,
            "{\"person_id\": \"p1\", \"organization_id\": \"o1\", \"role\": \"member\"}",
            "{\"person_id\": \"p2\", \"organization_id\": \"o2\", \"role\": \"member\"}",
            "{\"person_id\": \"p1\", \"organization_id\": \"o2\", \"role\": \"chair\"}",
            "{\"person_id\": \"p9\", \"organization_id\": \"o1\", \"role\": \"member\"}")
        .withName("memberships");
  }

  static DynamicFrame organizations(DynaContext ctx) {
    return Frames.json(
            ctx,
            "{\"classification\": \"legislature\", \"id\": \"o1\", \"name\": \"Senate\"}",
            "{\"classification\": \"legislature\", \"id\": \"o2\", \"name\": \"House\"}")
        .withName("organizations");
  }

  static DynamicFrame history(DynaContext ctx) {
    DynamicFrame orgs =
        RenameField.apply(
            RenameField.apply(organizations(ctx), "id", "org_id", "rename_id"),
            "name",
            "org_name",
            "rename_name");
    DynamicFrame personMemberships = Join.apply(persons(ctx), memberships(ctx), "id", "person_id");
    DynamicFrame joined = Join.apply(orgs, personMemberships, "org_id", "organization_id");
    return DropFields.apply(joined, List.of("person_id", "org_id"), "drop_keys");
  }

  @Test
  void joinKeepsBothKeysAndOnlyMatchingRecords(DynaContext ctx) {
    DynamicFrame joined = Join.apply(persons(ctx), memberships(ctx), "id", "person_id");

    assertThat(joined.name()).isEqualTo("personsmemberships");
    FrameAssert.assertThat(
            joined.apply(SelectFields.of("id", "name", "person_id", "organization_id", "role")))
        .isEqualTo(
            Frames.rows(
                ctx,
                "id STRING, name STRING, person_id STRING, organization_id STRING, role STRING",
                row("p1", "Alice Adams", "p1", "o1", "member"),
                row("p2", "Bob Brown", "p2", "o2", "member"),
                row("p1", "Alice Adams", "p1", "o2", "chair")));
  }

  @Test
  void joinGivesOneFieldForAFieldBothSidesHaveTakingFrame2sValueWhereItHasOne(DynaContext ctx) {
    // AWS's legislators join prints one 'links' and one 'image' although both sides have them
    DynamicFrame left =
        Frames.json(
            ctx,
            "{\"k\": 1, \"image\": \"org.png\", \"seats\": 435}",
            "{\"k\": 2, \"image\": \"org2.png\", \"seats\": 100}");
    DynamicFrame right =
        Frames.json(
            ctx,
            "{\"pk\": 1, \"image\": \"person.png\", \"seats\": \"many\"}",
            "{\"pk\": 2, \"seats\": null}");

    DynamicFrame joined = left.apply("j", Join.with(right, "k", "pk"));

    assertThat(joined.schemaString())
        .isEqualTo(
            """
        root
        |-- k: int
        |-- image: string
        |-- seats: choice
        |    |-- int
        |    |-- string
        |-- pk: int
        """);
    assertThat(joined.toDF().orderBy("k").toJSON().collectAsList())
        .containsExactly(
            "{\"k\":1,\"image\":\"person.png\",\"seats\":{\"string\":\"many\"},\"pk\":1}",
            "{\"k\":2,\"image\":\"org2.png\",\"seats\":{\"int\":100},\"pk\":2}");
    assertThatThrownBy(() -> organizations(ctx).apply("j", Join.with(persons(ctx), "idd", "id")))
        .hasMessage("Join in step 'j': no field 'idd' in the frame; closest: id");
  }

  @Test
  void historyHasTheOrganizationsPersonsAndMembershipsFields(DynaContext ctx) {
    assertThat(history(ctx).schema().fieldNames())
        .containsExactly(
            "classification",
            "org_name",
            "id",
            "name",
            "contact_details",
            "links",
            "organization_id",
            "role");
    assertThat(history(ctx).count()).isEqualTo(3);
  }

  @Test
  void relationalizeMakesARootTableAndOneTablePerArray(DynaContext ctx, @TempDir Path tmp) {
    FrameCollection dfc =
        Relationalize.apply(history(ctx), tmp.toString(), "hist_root", "relationalize");

    assertThat(dfc.keys())
        .containsExactly("hist_root", "hist_root_contact_details", "hist_root_links");
    FrameAssert.assertThat(dfc.get("hist_root").toDF().limit(0))
        .hasSchema(
            """
        root
        |-- classification: string
        |-- org_name: string
        |-- id: string
        |-- name: string
        |-- contact_details: long
        |-- links: long
        |-- organization_id: string
        |-- role: string
        """);
    FrameAssert.assertThat(dfc.get("hist_root_contact_details").toDF().limit(0))
        .hasSchema(
            """
        root
        |-- id: long
        |-- index: int
        |-- contact_details.val.type: string
        |-- contact_details.val.value: string
        """);
    FrameAssert.assertThat(dfc.get("hist_root_links").toDF().limit(0))
        .hasSchema(
            """
        root
        |-- id: long
        |-- index: int
        |-- links.val.note: string
        |-- links.val.url: string
        """);

    dfc.get("hist_root").toDF().createOrReplaceTempView("hist_root");
    dfc.get("hist_root_contact_details")
        .toDF()
        .createOrReplaceTempView("hist_root_contact_details");
    dfc.get("hist_root_links").toDF().createOrReplaceTempView("hist_root_links");
    Dataset<Row> contacts =
        ctx.spark()
            .sql(
                "SELECT h.name, h.org_name, c.index, c.`contact_details.val.type` AS type, "
                    + "c.`contact_details.val.value` AS value FROM hist_root h JOIN hist_root_contact_details c "
                    + "ON h.contact_details = c.id");
    FrameAssert.assertThat(contacts)
        .isEqualTo(
            Frames.rows(
                    ctx,
                    "name STRING, org_name STRING, index INT, type STRING, value STRING",
                    row("Alice Adams", "Senate", 0, "twitter", "aadams"),
                    row("Alice Adams", "Senate", 1, "phone", "555-0101"),
                    row("Alice Adams", "House", 0, "twitter", "aadams"),
                    row("Alice Adams", "House", 1, "phone", "555-0101"),
                    row("Bob Brown", "House", 0, "fax", "555-0202"))
                .toDF());
    Dataset<Row> links =
        ctx.spark()
            .sql(
                "SELECT h.name, h.links IS NULL AS no_links, l.`links.val.url` AS url "
                    + "FROM hist_root h LEFT JOIN hist_root_links l ON h.links = l.id");
    FrameAssert.assertThat(links)
        .isEqualTo(
            Frames.rows(
                    ctx,
                    "name STRING, no_links BOOLEAN, url STRING",
                    row("Alice Adams", false, "https://w/aa"),
                    row("Alice Adams", false, "https://w/aa"),
                    row("Bob Brown", true, null))
                .toDF());
  }

  @Test
  void relationalizeRecursesIntoArraysInsideArrayElements(DynaContext ctx) {
    DynamicFrame in =
        Frames.json(
            ctx,
            "{\"id\": 1, \"orders\": [{\"sku\": \"a\", \"tags\": [\"x\", \"y\"]}, {\"sku\": \"b\", \"tags\": []}]}",
            "{\"id\": 2, \"orders\": []}");

    FrameCollection dfc = in.apply(Relationalize.of("root"));

    assertThat(dfc.keys()).containsExactly("root", "root_orders", "root_orders.val.tags");
    FrameAssert.assertThat(dfc.get("root_orders.val.tags").toDF().limit(0))
        .hasSchema(
            """
        root
        |-- id: long
        |-- index: int
        |-- orders.val.tags.val: string
        """);
    dfc.get("root").toDF().createOrReplaceTempView("r");
    dfc.get("root_orders").toDF().createOrReplaceTempView("o");
    dfc.get("root_orders.val.tags").toDF().createOrReplaceTempView("t");
    Dataset<Row> all =
        ctx.spark()
            .sql(
                "SELECT r.id, o.index AS o, o.`orders.val.sku` AS sku, t.index AS t, "
                    + "t.`orders.val.tags.val` AS tag FROM r JOIN o ON r.orders = o.id JOIN t ON o.`orders.val.tags` = t.id");
    FrameAssert.assertThat(all)
        .isEqualTo(
            Frames.rows(
                    ctx,
                    "id INT, o INT, sku STRING, t INT, tag STRING",
                    row(1, 0, "a", 0, "x"),
                    row(1, 0, "a", 1, "y"))
                .toDF());
    assertThat(dfc.get("root").count()).isEqualTo(2);
    assertThat(dfc.get("root_orders").count()).isEqualTo(2);
  }

  @Test
  void stagingAsParquetKeepsChoicesAndNullFields(DynaContext ctx, @TempDir Path tmp) {
    DynamicFrame in =
        Frames.json(ctx, "{\"v\": 1, \"n\": null, \"l\": [1]}", "{\"v\": \"x\", \"l\": [2, 3]}");

    FrameCollection dfc = in.apply(Relationalize.of("t").withStagingPath(tmp.toString()));

    FrameAssert.assertThat(dfc.get("t").apply(DropFields.of("l")))
        .isEqualTo(Frames.json(ctx, "{\"v\": 1, \"n\": null}", "{\"v\": \"x\"}"));
    FrameAssert.assertThat(dfc.get("t_l").apply(SelectFields.of("index", "`l.val`")))
        .isEqualTo(Frames.rows(ctx, "index INT, `l.val` INT", row(0, 1), row(0, 2), row(1, 3)));
  }

  @Test
  void relationalizeWithoutArraysGivesTheFlattenedRootOnly(DynaContext ctx) {
    DynamicFrame in = Frames.json(ctx, "{\"a\": {\"b\": 1, \"c\": {\"d\": \"x\"}}, \"e\": null}");
    FrameCollection dfc = in.apply(Relationalize.create());
    assertThat(dfc.keys()).containsExactly("roottable");
    FrameAssert.assertThat(dfc.get("roottable"))
        .isEqualTo(Frames.rows(ctx, "`a.b` INT, `a.c.d` STRING, e VOID", row(1, "x", null)));
  }
}
