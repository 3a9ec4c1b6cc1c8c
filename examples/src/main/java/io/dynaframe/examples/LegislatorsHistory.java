package io.dynaframe.examples;

import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.FrameCollection;
import io.dynaframe.Lake;
import io.dynaframe.Options;
import io.dynaframe.catalog.Catalog;
import io.dynaframe.catalog.Database;
import io.dynaframe.catalog.DatabaseName;
import io.dynaframe.catalog.TableIdentifier;
import io.dynaframe.catalog.embedded.EmbeddedCatalog;
import io.dynaframe.crawler.Crawler;
import io.dynaframe.crawler.TableNaming;
import io.dynaframe.job.Publisher;
import io.dynaframe.transforms.DropFields;
import io.dynaframe.transforms.Join;
import io.dynaframe.transforms.Relationalize;
import io.dynaframe.transforms.RenameField;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A port of AWS's published Glue sample "join and relationalize" (the legislators example) to Java,
 * step for step: read people, memberships and organizations from the Data Catalog as the crawler
 * registered them ({@code persons_json}, {@code memberships_json}, {@code organizations_json});
 * drop the organizations' nested name lists and rename their {@code id} and {@code name}; join
 * people to memberships and memberships to organizations into one history; write the history as
 * Parquet; relationalize it into {@code hist_root} and one table per array ({@code
 * hist_root_contact_details}, {@code hist_root_links}, {@code hist_root_identifiers}); write every
 * table. Where the sample writes the tables to Redshift over JDBC, this port publishes them as
 * Parquet tables in the lake's LOAD area, registered in the catalog. The input is made up by {@code
 * LegislatorsData}, not AWS's data.
 *
 * <p>{@code LegislatorsHistory [LAKE]} runs it on a local lake ({@code lake} by default) with the
 * embedded catalog in {@code <LAKE>/spark}.
 */
public final class LegislatorsHistory {
  private LegislatorsHistory() {}

  /** The catalog database the crawler registers the raw datasets in, as in the sample. */
  public static final String DATABASE = "legislators";

  /** The database the port publishes its tables to. */
  public static final String OUTPUT_DATABASE = "legislators_history";

  /** The root table of the relationalized history, as in the sample. */
  public static final String ROOT = "hist_root";

  /**
   * The sample's join: organizations without their {@code other_names} and {@code identifiers},
   * with {@code id} and {@code name} renamed to {@code org_id} and {@code org_name}; people joined
   * to their memberships on {@code id = person_id}; those joined to the organizations on {@code
   * org_id = organization_id}; then the two join keys dropped.
   */
  public static DynamicFrame history(
      DynamicFrame persons, DynamicFrame memberships, DynamicFrame organizations) {
    DynamicFrame orgs =
        organizations
            .apply("drop_org_lists", DropFields.of("other_names", "identifiers"))
            .apply("rename_org_id", RenameField.of("id", "org_id"))
            .apply("rename_org_name", RenameField.of("name", "org_name"));
    DynamicFrame personMemberships = Join.apply(persons, memberships, "id", "person_id");
    return Join.apply(orgs, personMemberships, "org_id", "organization_id")
        .apply("drop_join_keys", DropFields.of("person_id", "org_id"))
        .withName("l_history");
  }

  /**
   * The sample's {@code relationalize("hist_root", tmp_dir)}: the root table and one table per
   * array.
   */
  public static FrameCollection relationalize(DynamicFrame history, String stagingPath) {
    return Relationalize.apply(history, stagingPath, ROOT, "relationalize_history");
  }

  /**
   * Lands the made-up input in the lake's SOURCE area, crawls it into database {@value #DATABASE},
   * reads it from the catalog, builds the history, publishes it and its relationalized tables into
   * database {@value #OUTPUT_DATABASE}; returns the published tables.
   */
  public static List<TableIdentifier> run(
      DynaContext base, Catalog catalog, Lake lake, int persons) {
    LegislatorsData.write(
        base.spark().sparkContext().hadoopConfiguration(), lake.source(), persons);
    if (!catalog.databaseExists(DatabaseName.of(DATABASE))) {
      catalog.createDatabase(Database.of(DATABASE).withLocation(lake.sourcePath("legislators")));
    }
    Crawler.builder(catalog, DATABASE)
        .name("legislators_crawler")
        .path(lake.sourcePath("legislators") + "/persons")
        .path(lake.sourcePath("legislators") + "/memberships")
        .path(lake.sourcePath("legislators") + "/organizations")
        .naming(TableNaming.template("{folder}_json"))
        .build()
        .run();

    DynaContext ctx = base.withCatalog(catalog);
    DynamicFrame personsFrame =
        ctx.createDynamicFrameFromCatalog(DATABASE, "persons_json", "persons", "", Options.empty());
    DynamicFrame membershipsFrame =
        ctx.createDynamicFrameFromCatalog(
            DATABASE, "memberships_json", "memberships", "", Options.empty());
    DynamicFrame orgsFrame =
        ctx.createDynamicFrameFromCatalog(
            DATABASE, "organizations_json", "organizations", "", Options.empty());
    System.out.println("== persons_json as read from the catalog:");
    personsFrame.printSchema();

    DynamicFrame history = history(personsFrame, membershipsFrame, orgsFrame);
    System.out.println("== l_history: " + history.count() + " records");
    history.printSchema();

    if (!catalog.databaseExists(DatabaseName.of(OUTPUT_DATABASE))) {
      catalog.createDatabase(
          Database.of(OUTPUT_DATABASE).withLocation(lake.load() + "/" + OUTPUT_DATABASE));
    }
    Publisher publisher = Publisher.of(ctx, catalog, lake);
    List<TableIdentifier> published = new ArrayList<>();
    TableIdentifier historyTable = TableIdentifier.of(OUTPUT_DATABASE, "legislator_history");
    publisher.publish(history, historyTable, "parquet", List.of(), Publisher.Mode.OVERWRITE);
    published.add(historyTable);

    FrameCollection tables =
        relationalize(history, lake.stagingPath("legislators_history", ctx.runId()));
    for (String name : tables.keys()) {
      System.out.println("== " + name + ": " + tables.get(name).count() + " records");
      TableIdentifier t = TableIdentifier.of(OUTPUT_DATABASE, name);
      publisher.publish(tables.get(name), t, "parquet", List.of(), Publisher.Mode.OVERWRITE);
      published.add(t);
    }
    // the published tables, read back through the catalog: each contact detail with its legislator
    Dataset<Row> root = ctx.createDynamicFrameFromCatalog(OUTPUT_DATABASE, ROOT).toDF();
    Dataset<Row> contacts =
        ctx.createDynamicFrameFromCatalog(OUTPUT_DATABASE, ROOT + "_contact_details").toDF();
    contacts
        .join(root, contacts.col("id").equalTo(root.col("contact_details")))
        .selectExpr(
            "family_name",
            "org_name",
            "`contact_details.val.type` AS type",
            "`contact_details.val.value` AS value")
        .orderBy("family_name", "org_name", "type")
        .show(10, false);
    return published;
  }

  /** {@code LegislatorsHistory [LAKE]}: runs the port on a local lake. */
  public static void main(String[] argv) {
    Path lakeDir = Path.of(argv.length > 0 ? argv[0] : "lake").toAbsolutePath();
    DynaContext ctx =
        DynaContext.local()
            .appName("legislators_history")
            .dataDir(lakeDir.resolve("spark"))
            .build();
    try {
      System.out.println(
          "published " + run(ctx, EmbeddedCatalog.of(ctx.spark()), Lake.at(lakeDir), 12));
    } finally {
      ctx.spark().stop();
    }
  }
}
