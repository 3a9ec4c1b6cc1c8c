package io.dynaframe.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link GlueScriptPorter} and {@code DiagramTool port} on their own (no Spark): the whole Java
 * class for a classic generated script, the Glue Studio calls, what becomes TODO(port), and the
 * errors for text that is not a Glue script. {@code GlueScriptPorterRunTest} in the examples module
 * compiles and runs ported scripts.
 */
class GlueScriptPorterTest {

  @TempDir Path dir;

  private static GlueScriptPorter.Port port(String text) {
    return GlueScriptPorter.port("job.py", text, "", "Job1");
  }

  private static final String HEADER =
      String.join(
          "\n",
          "import sys",
          "from awsglue.transforms import *",
          "from awsglue.utils import getResolvedOptions",
          "from pyspark.context import SparkContext",
          "from awsglue.context import GlueContext",
          "from awsglue.job import Job",
          "args = getResolvedOptions(sys.argv, ['JOB_NAME'])",
          "sc = SparkContext()",
          "glueContext = GlueContext(sc)",
          "job = Job(glueContext)",
          "job.init(args['JOB_NAME'], args)",
          "src = glueContext.create_dynamic_frame.from_catalog(database = \"db\", table_name = \"t\","
              + " transformation_ctx = \"src\")",
          "");

  @Test
  void aClassicGeneratedScriptBecomesThisClass() {
    GlueScriptPorter.Port port =
        GlueScriptPorter.port(
            "orders_to_parquet.py",
            GlueScriptParserTest.resource("glue/orders_to_parquet.py"),
            "com.example.jobs",
            GlueScriptPorter.classNameFor("orders_to_parquet.py"));

    assertThat(port.qualifiedName()).isEqualTo("com.example.jobs.OrdersToParquet");
    assertThat(port.warnings()).isEmpty();
    assertThat(port.source())
        .isEqualTo(GlueScriptParserTest.resource("glue/OrdersToParquet.java.txt"));
  }

  @Test
  void classNamesComeFromTheFileName() {
    assertThat(GlueScriptPorter.classNameFor("orders_to_parquet.py")).isEqualTo("OrdersToParquet");
    assertThat(GlueScriptPorter.classNameFor("my-job.v2.py")).isEqualTo("MyJobV2");
    assertThat(GlueScriptPorter.classNameFor("2024_load.py")).isEqualTo("Job2024Load");
  }

  @Test
  void glueStudioNodesBecomeTheStudioTransforms() {
    String script =
        HEADER
            + String.join(
                "\n",
                "# Script generated for node Flatten",
                "Flatten_node1 = src.gs_flatten(maxLevels=1, separator=\"_\")",
                "Split_node2 = Flatten_node1.gs_split(colName=\"tags\", pattern=\",\", newColName=\"tag_arr\")",
                "Cols_node3 = Split_node2.gs_array_to_cols(colName=\"tag_arr\", colList=\"first, second\", indexes=\"1,2\")",
                "Now_node4 = Cols_node3.gs_now(colName=\"loaded\", dateFormat=\"%Y-%m-%d\")",
                "Ts_node5 = Now_node4.gs_to_timestamp(colName=\"event_ms\", colType=\"milliseconds\")",
                "Fmt_node6 = Ts_node5.gs_format_timestamp(colName=\"event_ms\", dateFormat=\"yyyy-MM-dd\", newColName=\"day\")",
                "Exp_node7 = Fmt_node6.gs_explode(colName=\"items\", newCol=\"item\", outer=True)",
                "Piv_node8 = Exp_node7.gs_pivot(aggCol=\"qty\", aggFunction=\"sum\", colList=[\"month\"])",
                "Bal_node9 = Piv_node8.gs_repartition(numPartitionsStr=\"8\")",
                "Dedup_node10 = DynamicFrame.fromDF(Bal_node9.toDF().dropDuplicates(), glueContext, \"Dedup_node10\")",
                "SqlQuery0 = '''",
                "select * from myDataSource where qty > 1",
                "'''",
                "SQL_node11 = sparkSqlQuery(glueContext, query = SqlQuery0, mapping = {\"myDataSource\":Dedup_node10, \"other\": src}, transformation_ctx = \"SQL_node11\")",
                "Router_node12 = threadedRoute(glueContext,",
                "  source_DyF = SQL_node11,",
                "  group_filters = [GroupFilter(name = \"big\", filters = lambda row: (row[\"qty\"] > 10)), GroupFilter(name = \"default_group\", filters = lambda row: (not(row[\"qty\"] > 10)))])",
                "Big_node13 = SelectFromCollection.apply(dfc=Router_node12, key=\"big\", transformation_ctx=\"Big_node13\")",
                "Nulls_node14 = drop_nulls(glueContext, frame=Big_node13, nullStringSet={}, nullIntegerSet={}, transformation_ctx=\"Nulls_node14\")",
                "job.commit()",
                "");

    GlueScriptPorter.Port port = port(script);

    assertThat(port.warnings()).isEmpty();
    assertThat(port.source())
        .contains(
            "// Script generated for node Flatten",
            "DynamicFrame Flatten_node1 = src.apply(\"Flatten_node1\","
                + " Flatten.of().withMaxLevels(1).withSeparator(\"_\"));",
            "SplitString.of(\"tags\", \",\").withArrayColumn(\"tag_arr\")",
            "ArrayToColumns.of(\"tag_arr\", \"first\", \"second\").atPositions(1, 2)",
            "AddCurrentTimestamp.of().withColumn(\"loaded\").withFormat(\"%Y-%m-%d\")",
            "ToTimestamp.of(\"event_ms\", \"milliseconds\")",
            "FormatTimestamp.of(\"event_ms\", \"yyyy-MM-dd\").withNewColumn(\"day\")",
            "Explode.of(\"items\").withValueColumn(\"item\").includingNulls()",
            "Pivot.of(\"qty\", \"sum\", \"month\")",
            "AutobalanceProcessing.of().withPartitions(8)",
            "DynamicFrame Dedup_node10 = Bal_node9.apply(\"Dedup_node10\", DropDuplicates.entireRows());",
            "String SqlQuery0 = \"\\nselect * from myDataSource where qty > 1\\n\";",
            "DynamicFrame SQL_node11 = Dedup_node10.apply(\"SQL_node11\","
                + " SqlQuery.of(SqlQuery0).as(\"myDataSource\").withFrame(\"other\", src));",
            "FrameCollection Router_node12 = SQL_node11.apply(\"Router_node12\","
                + " ConditionalRouter.of().withGroup(\"big\", \"`qty` > 10\"));",
            "DynamicFrame Big_node13 = SelectFromCollection.apply(Router_node12, \"big\", \"Big_node13\");",
            "DynamicFrame Nulls_node14 = DropNullFields.apply(Big_node13, \"Nulls_node14\");",
            "import io.dynaframe.transforms.studio.ConditionalRouter;",
            "import io.dynaframe.FrameCollection;");
  }

  @Test
  void glueStudiosUnpivotAndUnionNodesBecomeUnpivotAndTheUnionQuery() {
    String script =
        HEADER
            + String.join(
                "\n",
                "def sparkUnion(glueContext, unionType, mapping, transformation_ctx) -> DynamicFrame:",
                "    for alias, frame in mapping.items():",
                "        frame.toDF().createOrReplaceTempView(alias)",
                "    result = spark.sql(\"(select * from source1) UNION \" + unionType + \" (select * from source2)\")",
                "    return DynamicFrame.fromDF(result, glueContext, transformation_ctx)",
                "Unpivot_node1 = src.gs_unpivot(unpivotColName=\"month\", valueColName=\"sales\", colList=[\"jan\", \"feb\"])",
                "Unpivot_node2 = src.gs_unpivot(unpivotColName=\"m\", valueColName=\"v\", colList=\"jan, feb\")",
                "Union_node3 = sparkUnion(glueContext, unionType = \"ALL\", mapping = {\"source1\": Unpivot_node1, \"source2\": Unpivot_node2}, transformation_ctx = \"Union_node3\")",
                "Union_node4 = sparkUnion(glueContext, unionType = \"DISTINCT\", mapping = {\"source2\": src, \"source1\": Union_node3}, transformation_ctx = \"Union_node4\")",
                "Union_node5 = sparkUnion(glueContext, unionType = \"ALL\", mapping = {\"a\": src, \"b\": src}, transformation_ctx = \"Union_node5\")",
                "");

    GlueScriptPorter.Port port = port(script);

    assertThat(port.warnings())
        .containsExactly(
            new GlueScriptPorter.Warning(
                22, "sparkUnion's query reads source1 and source2, and its mapping names a and b"));
    assertThat(port.source())
        .contains(
            "    // python lines 13-17: Glue Studio's helper sparkUnion(...); its calls are ported to"
                + " SqlQuery\n",
            "      DynamicFrame Unpivot_node1 = src.apply(\"Unpivot_node1\", Unpivot.of(\"month\","
                + " \"sales\", \"jan\", \"feb\")); // line 18\n",
            "      DynamicFrame Unpivot_node2 = src.apply(\"Unpivot_node2\", Unpivot.of(\"m\", \"v\","
                + " \"jan\", \"feb\")); // line 19\n",
            "      DynamicFrame Union_node3 = Unpivot_node1.apply(\"Union_node3\", SqlQuery.of(\"(select"
                + " * from source1) UNION ALL (select * from source2)\").as(\"source1\")"
                + ".withFrame(\"source2\", Unpivot_node2)); // line 20\n",
            "      DynamicFrame Union_node4 = Union_node3.apply(\"Union_node4\", SqlQuery.of(\"(select"
                + " * from source1) UNION DISTINCT (select * from source2)\").as(\"source1\")"
                + ".withFrame(\"source2\", src)); // line 21\n",
            "import io.dynaframe.transforms.studio.SqlQuery;\n",
            "import io.dynaframe.transforms.studio.Unpivot;\n");
  }

  @Test
  void jdbcAndDataFrameEntryPointsBecomeTheContextsMethods() {
    String script =
        HEADER
            + String.join(
                "\n",
                "pg = glueContext.create_dynamic_frame.from_options(connection_type=\"postgresql\", connection_options={\"url\": \"jdbc:postgresql://db:5432/shop\", \"dbtable\": \"public.orders\", \"user\": args[\"user\"], \"password\": args[\"password\"]}, transformation_ctx=\"pg\")",
                "glueContext.write_dynamic_frame.from_jdbc_conf(frame=pg, catalog_connection=\"mysql-conn\", connection_options={\"dbtable\": \"orders\", \"database\": \"shop\"}, redshift_tmp_dir=\"s3://tmp/\", transformation_ctx=\"to_mysql\")",
                "df = glueContext.create_data_frame.from_catalog(database=\"db\", table_name=\"t\", transformation_ctx=\"df\")",
                "df2 = glueContext.create_data_frame.from_options(connection_type=\"s3\", connection_options={\"paths\": [\"s3://b/in/\"]}, format=\"parquet\")",
                "df3 = glueContext.create_data_frame_from_catalog(database=\"db\", table_name=\"t\", push_down_predicate=\"year = '2024'\")",
                "glueContext.write_data_frame.from_catalog(frame=df, database=\"db\", table_name=\"out\", transformation_ctx=\"w\")",
                "back = DynamicFrame.fromDF(df2, glueContext, \"back\")",
                "glueContext.write_data_frame.from_catalog(frame=src, database=\"db\", table_name=\"out\")",
                "");

    GlueScriptPorter.Port port = port(script);

    assertThat(port.warnings())
        .containsExactly(
            new GlueScriptPorter.Warning(
                20, "write_data_frame.from_catalog needs a Dataset<Row>, and 'src' is not one"));
    assertThat(port.source())
        .contains(
            "      DynamicFrame pg = glueContext.createDynamicFrameFromOptions(\"postgresql\","
                + " Options.of(\"url\", \"jdbc:postgresql://db:5432/shop\", \"dbtable\","
                + " \"public.orders\", \"user\", args.get(\"user\"), \"password\","
                + " args.get(\"password\")), null, Options.empty(), \"pg\"); // line 13\n",
            "      // redshift_tmp_dir=\"s3://tmp/\" is not used: dynaframe has no Redshift staging\n"
                + "      glueContext.writeDynamicFrameFromJdbcConf(pg, \"mysql-conn\","
                + " Options.of(\"dbtable\", \"orders\", \"database\", \"shop\"), \"to_mysql\");"
                + " // line 14\n",
            "      Dataset<Row> df = glueContext.createDataFrameFromCatalog(\"db\", \"t\", \"df\","
                + " Options.empty()); // line 15\n",
            "      Dataset<Row> df2 = glueContext.createDataFrameFromOptions(\"s3\", Options.of(\"paths\","
                + " List.of(\"s3://b/in/\")), \"parquet\", Options.empty(), \"\"); // line 16\n",
            "      Dataset<Row> df3 = glueContext.createDynamicFrameFromCatalog(\"db\", \"t\", \"\","
                + " \"year = '2024'\", Options.empty()).toDF(); // line 17\n",
            "      glueContext.writeDataFrameFromCatalog(df, \"db\", \"out\", \"w\", Options.empty());"
                + " // line 18\n",
            "      DynamicFrame back = DynamicFrame.fromDF(df2, glueContext, \"back\"); // line 19\n",
            "import org.apache.spark.sql.Dataset;\n");
  }

  @Test
  void spigotSplitsUnboxFlatMapUnionAndMatchCatalogBecomeTheirTransforms() {
    String script =
        HEADER
            + String.join(
                "\n",
                "s = Spigot.apply(frame = src, path = \"s3://b/samples/\", options = {\"topk\": 5, \"prob\": 0.5}, transformation_ctx = \"s\")",
                "s2 = src.spigot(\"s3://b/s2/\", {\"topk\": 10})",
                "sf = SplitFields.apply(frame = src, paths = [\"id\", \"name\"], name1 = \"people\", name2 = \"rest\", transformation_ctx = \"sf\")",
                "sf2 = src.split_fields([\"id\"], \"ids\", \"others\")",
                "sr = SplitRows.apply(frame = src, comparison_dict = {\"age\": {\">\": 21, \"<\": 65}}, transformation_ctx = \"sr\")",
                "sr2 = src.split_rows({\"country\": {\"=\": \"NO\"}}, \"nordic\", \"rest\")",
                "ub = Unbox.apply(frame = src, path = \"line\", format = \"csv\", separator = \"|\", transformation_ctx = \"ub\")",
                "ub2 = src.unbox(\"payload\", \"json\")",
                "ub3 = Unbox.apply(frame = src, path = \"payload\", format = \"json\", withSchema = schema_json)",
                "fm = FlatMap.apply(dfc = sf, BaseTransform = ResolveChoice, frame_name = \"frame\", transformation_ctx = \"fm\", choice = \"make_struct\")",
                "fm2 = FlatMap.apply(dfc = sr, BaseTransform = DropFields, frame_name = \"frame\", paths = [\"age\"])",
                "fm3 = FlatMap.apply(dfc = sr, BaseTransform = Relationalize, frame_name = \"frame\")",
                "rc = ResolveChoice.apply(frame = src, choice = \"match_catalog\", database = \"db\", table_name = \"t\", transformation_ctx = \"rc\")",
                "rc2 = src.resolveChoice(choice = \"match_catalog\", database = \"db\", table_name = \"t\")",
                "u = Union.apply(frame1 = src, frame2 = s, transformation_ctx = \"u\")",
                "");

    GlueScriptPorter.Port port = port(script);

    assertThat(port.warnings())
        .containsExactly(
            new GlueScriptPorter.Warning(
                21,
                "Unbox option withSchema=schema_json is not ported: dynaframe's Unbox takes"
                    + " separator, quoteChar and escaper (a schema goes in"
                    + " Unbox.of(...).withSchema(\"<Spark DDL>\"))"),
            new GlueScriptPorter.Warning(
                24,
                "FlatMap.apply's BaseTransform Relationalize is not one the porter translates (it"
                    + " knows ApplyMapping, DropFields, DropNullFields, RenameField, ResolveChoice,"
                    + " SelectFields, UnnestFrame)"));
    assertThat(port.source())
        .contains(
            "      DynamicFrame s = Spigot.apply(src, \"s3://b/samples/\", Options.of(\"topk\", 5,"
                + " \"prob\", 0.5), \"s\"); // line 13\n",
            "      DynamicFrame s2 = src.apply(Spigot.of(\"s3://b/s2/\", Options.of(\"topk\", 10)));"
                + " // line 14\n",
            "      FrameCollection sf = SplitFields.apply(src, List.of(\"id\", \"name\"), \"people\","
                + " \"rest\", \"sf\"); // line 15\n",
            "      FrameCollection sf2 = src.apply(SplitFields.of(List.of(\"id\")).withNames(\"ids\","
                + " \"others\")); // line 16\n",
            "      FrameCollection sr = SplitRows.apply(src, Map.ofEntries(Map.entry(\"age\","
                + " Map.ofEntries(Map.entry(\">\", 21), Map.entry(\"<\", 65)))), \"frame1\","
                + " \"frame2\", \"sr\"); // line 17\n",
            "      FrameCollection sr2 = src.apply(SplitRows.of(Map.ofEntries(Map.entry(\"country\","
                + " Map.ofEntries(Map.entry(\"=\", \"NO\"))))).withNames(\"nordic\", \"rest\"));"
                + " // line 18\n",
            "      DynamicFrame ub = Unbox.apply(src, \"line\", \"csv\", Options.of(\"separator\","
                + " \"|\"), \"ub\"); // line 19\n",
            "      DynamicFrame ub2 = src.apply(Unbox.of(\"payload\", \"json\")); // line 20\n",
            "      FrameCollection fm = FlatMap.apply(sf, ResolveChoice.choice(\"make_struct\"), \"fm\");"
                + " // line 22\n",
            "      FrameCollection fm2 = FlatMap.apply(sr, DropFields.of(List.of(\"age\")), \"\");"
                + " // line 23\n",
            "      DynamicFrame rc = src.apply(\"rc\", ResolveChoice.matchCatalog(\"db\", \"t\","
                + " catalogTables(glueContext))); // line 25\n",
            "      DynamicFrame rc2 = src.apply(ResolveChoice.matchCatalog(\"db\", \"t\","
                + " catalogTables(glueContext))); // line 26\n",
            "      DynamicFrame u = Union.apply(src, s, \"u\"); // line 27\n",
            "\n  /** The tables of a context's catalog, for ResolveChoice's match_catalog. */\n"
                + "  private static TableSchemaLookup catalogTables(DynaContext context) {\n"
                + "    return (database, table) -> {\n"
                + "      TableIdentifier id = TableIdentifier.of(database, table);\n"
                + "      return context.catalog().tableExists(id)\n"
                + "          ? Optional.of(context.catalog().getTable(id).schema())\n"
                + "          : Optional.empty();\n"
                + "    };\n"
                + "  }\n",
            "import io.dynaframe.transforms.FlatMap;\n",
            "import io.dynaframe.transforms.TableSchemaLookup;\n",
            "import java.util.Map;\n");
  }

  @Test
  void aMapFunctionBecomesADynamicRecordLambdaWithItsPythonSourceAndATodo() {
    String script =
        HEADER
            + String.join(
                "\n",
                "def merge_address(rec):",
                "    rec[\"address\"] = {}",
                "    rec[\"address\"][\"street\"] = rec[\"street\"]",
                "    del rec[\"street\"]",
                "    return rec",
                "rec = DropNullFields.apply(frame = src)",
                "mapped = Map.apply(frame = rec, f = merge_address, transformation_ctx = \"mapped\")",
                "same = mapped.map(f = lambda r: r)",
                "");

    GlueScriptPorter.Port port = port(script);

    assertThat(port.warnings()).extracting(GlueScriptPorter.Warning::line).containsExactly(19, 20);
    assertThat(port.source())
        .contains(
            "      // python lines 13-17: the function merge_address(...), kept as comments in the"
                + " lambda of the Map that uses it\n"
                + "      DynamicFrame rec = DropNullFields.apply(src, \"\"); // line 18\n"
                + "      // TODO(port): python line 19: mapped = Map.apply(frame = rec, f ="
                + " merge_address, transformation_ctx = \"mapped\")\n"
                + "      //   Map's function 'merge_address' (python lines 13-17) is Python: write it"
                + " in Java on the DynamicRecord rec_ (getField, setField, dropField by path), then"
                + " remove the todo(...) around Map.onRecords\n"
                + "      DynamicFrame mapped = rec.apply(\"mapped\", todo(\"job.py line 19: mapped ="
                + " Map.apply(frame = rec, f = merge_address, transformation_ctx = \\\"mapped\\\")\","
                + " io.dynaframe.transforms.Map.onRecords(rec_ -> {\n"
                + "        // def merge_address(rec):\n"
                + "        //     rec[\"address\"] = {}\n"
                + "        //     rec[\"address\"][\"street\"] = rec[\"street\"]\n"
                + "        //     del rec[\"street\"]\n"
                + "        //     return rec\n"
                + "        return todo(\"Map's function 'merge_address' (python lines 13-17)\");\n"
                + "      }))); // line 19\n"
                + "      // TODO(port): python line 20: same = mapped.map(f = lambda r: r)\n"
                + "      //   Map's function 'lambda r: r' is Python: write it in Java on the"
                + " DynamicRecord r (getField, setField, dropField by path), then remove the"
                + " todo(...) around Map.onRecords\n"
                + "      DynamicFrame same = mapped.apply(todo(\"job.py line 20: same ="
                + " mapped.map(f = lambda r: r)\", io.dynaframe.transforms.Map.onRecords(r -> {\n"
                + "        // lambda r: r\n"
                + "        return todo(\"Map's function 'lambda r: r'\");\n"
                + "      }))); // line 20\n",
            "  private static <T> T todo(String statement, T step) {\n");
  }

  @Test
  void filterLambdasThatCompareFieldsBecomeSparkSqlConditions() {
    String script =
        HEADER
            + String.join(
                "\n",
                "a = Filter.apply(frame = src, f = lambda r: r[\"age\"] >= 18 and r[\"country\"] != \"NO\", transformation_ctx = \"a\")",
                "b = Filter.apply(frame = a, f = lambda row: (bool(re.match(\"^A.*\", row[\"name\"])) or row[\"addr\"][\"city\"] is None))",
                "c = b.filter(f = lambda x: x[\"n\"] not in [1, 2] and -x[\"m\"] < 2 * x[\"k\"])",
                "");

    GlueScriptPorter.Port port = port(script);

    assertThat(port.warnings()).isEmpty();
    assertThat(port.source())
        .contains(
            "DynamicFrame a = src.apply(\"a\", Filter.where(\"(`age` >= 18) AND (`country` <> 'NO')\"));",
            "DynamicFrame b = a.apply(Filter.where(\"(`name` RLIKE '^(?:^A.*)') OR"
                + " (`addr`.`city` IS NULL)\"));",
            "DynamicFrame c = b.apply(Filter.where(\"(`n` NOT IN (1, 2)) AND (-`m` < (2 * `k`))\"));");
  }

  @Test
  void whatCannotBeTranslatedIsATodoWithThePythonTextAndAWarning() {
    String script =
        HEADER
            + String.join(
                "\n",
                "f = Filter.apply(frame = src, f = lambda r: len(r[\"name\"]) > 3, transformation_ctx = \"f\")",
                "for name in [\"a\", \"b\"]:",
                "    print(name)",
                "df = spark.sql(\"select 1\")",
                "m = ApplyMapping.apply(frame = f, mappings = [(\"a\", \"string\", \"a\", \"long\")], transformation_ctx = \"m\")",
                "job.commit()",
                "");

    GlueScriptPorter.Port port = port(script);

    assertThat(port.warnings())
        .extracting(GlueScriptPorter.Warning::line)
        .containsExactly(13, 14, 16);
    assertThat(port.warnings().get(0).message())
        .contains("lambda r: len(r[\"name\"]) > 3", "Filter.where");
    assertThat(port.warnings().get(1).message()).contains("'for' block");
    assertThat(port.warnings().get(2).message())
        .contains("'spark.sql(...)' is not a call the porter translates");
    assertThat(port.source())
        .contains(
            "// TODO(port): python line 13: f = Filter.apply(frame = src, f = lambda r:"
                + " len(r[\"name\"]) > 3, transformation_ctx = \"f\")",
            "DynamicFrame f = todo(\"job.py line 13: f = Filter.apply(",
            "// TODO(port): python line 14: for name in [\"a\", \"b\"]:",
            "//         print(name)",
            "// TODO(port): python line 16: df = spark.sql(\"select 1\")",
            // the statements after a TODO are still ported, on the TODO's variable
            "DynamicFrame m = ApplyMapping.apply(f, List.of(MappingSpec.of(\"a\", \"string\", \"a\","
                + " \"long\")), \"m\");",
            "private static <T> T todo(String statement) {");
  }

  @Test
  void formatOptionsTakeTheSpellingAwsDocuments() {
    GlueScriptPorter.Port port =
        port(
            HEADER
                + "S3_node1 = glueContext.create_dynamic_frame.from_options(format_options="
                + "{\"multiline\": False}, connection_type=\"s3\", format=\"json\","
                + " connection_options={\"paths\": [\"s3://b/in/\"], \"recurse\": True},"
                + " transformation_ctx=\"S3_node1\")\n");

    assertThat(port.source())
        .contains(
            "// format option 'multiline' in AWS's documented spelling: 'multiLine'\n",
            "DynamicFrame S3_node1 = glueContext.createDynamicFrameFromOptions(\"s3\","
                + " Options.of(\"paths\", List.of(\"s3://b/in/\"), \"recurse\", true), \"json\","
                + " Options.of(\"multiLine\", false), \"S3_node1\");");
  }

  @Test
  void glueStudiosGetSinkIsWrittenAtItsWriteFrame() {
    GlueScriptPorter.Port port =
        port(
            HEADER
                + String.join(
                    "\n",
                    "AmazonS3_node3 = glueContext.getSink(path=\"s3://b/out/\", connection_type=\"s3\","
                        + " updateBehavior=\"UPDATE_IN_DATABASE\", partitionKeys=[\"year\"],"
                        + " enableUpdateCatalog=True, transformation_ctx=\"AmazonS3_node3\")",
                    "AmazonS3_node3.setCatalogInfo(catalogDatabase=\"db\", catalogTableName=\"t\")",
                    "AmazonS3_node3.setFormat(\"glueparquet\", compression=\"snappy\")",
                    "AmazonS3_node3.writeFrame(src)",
                    ""));

    assertThat(port.warnings()).isEmpty();
    assertThat(port.source())
        .contains(
            "// line 13: AmazonS3_node3 = glueContext.getSink(",
            "glueContext.getSinkWithFormat(\"s3\", Options.of(\"path\", \"s3://b/out/\","
                + " \"updateBehavior\", \"UPDATE_IN_DATABASE\", \"partitionKeys\", List.of(\"year\"),"
                + " \"enableUpdateCatalog\", true, \"catalogDatabase\", \"db\", \"catalogTableName\","
                + " \"t\"), \"AmazonS3_node3\", \"glueparquet\", Options.of(\"compression\","
                + " \"snappy\")).writeDynamicFrame(src); // line 16");
  }

  @Test
  void aDocstringIsKeptAsAComment() {
    GlueScriptPorter.Port port = port("\"\"\"Loads orders.\n\nNightly.\"\"\"\n" + HEADER);

    assertThat(port.warnings()).isEmpty();
    assertThat(port.source())
        .contains("    // \"\"\"Loads orders.\n    // \n    // Nightly.\"\"\"\n");
  }

  @Test
  void javaKeywordsAndTheRunParametersAreRenamed() {
    GlueScriptPorter.Port port =
        port(HEADER + "new = DropNullFields.apply(frame = src)\nlake = new.drop_fields(['x'])\n");

    assertThat(port.source())
        .contains(
            "DynamicFrame new_ = DropNullFields.apply(src, \"\");",
            "DynamicFrame lake_ = new_.apply(DropFields.of(List.of(\"x\")));");
  }

  @Test
  void garbledTextFailsNamingTheLine() {
    assertThatThrownBy(() -> port(HEADER + "x = ApplyMapping.apply(frame = src,\n\n"))
        .isInstanceOf(GlueScriptException.class)
        .hasMessage("job.py line 13: '(' is never closed");
    assertThatThrownBy(() -> port(HEADER + "x = src $ 3\n"))
        .isInstanceOf(GlueScriptException.class)
        .hasMessage("job.py line 13: unexpected character '$' at column 9");
    assertThatThrownBy(() -> port(HEADER + "x = = src\n"))
        .isInstanceOf(GlueScriptException.class)
        .hasMessage("job.py line 13: unexpected '='");
    assertThatThrownBy(() -> port(HEADER + "x = 'abc\n"))
        .isInstanceOf(GlueScriptException.class)
        .hasMessage("job.py line 13: string is not closed on its line");
    assertThatThrownBy(() -> port(HEADER + "  y = src\n"))
        .isInstanceOf(GlueScriptException.class)
        .hasMessageStartingWith("job.py line 13: unexpected indentation");
    assertThatThrownBy(() -> port("digraph \"orders\" {\n  a -> b\n}\n"))
        .isInstanceOf(GlueScriptException.class)
        .hasMessage("job.py line 1: unexpected '\"orders\"' after 'digraph'");
  }

  @Test
  void aPythonFileWithoutGlueCallsIsNotAGlueScript() {
    assertThatThrownBy(() -> port("import os\nprint(os.getcwd())\n"))
        .isInstanceOf(GlueScriptException.class)
        .hasMessageContaining("job.py: no AWS Glue call found");
  }

  @Test
  void brokenAnnotationsFailAsTheDiagramDoes() {
    assertThatThrownBy(
            () -> port(HEADER + "## @type: ApplyMapping\nx = DropNullFields.apply(frame = src)\n"))
        .isInstanceOf(GlueScriptException.class)
        .hasMessageContaining("line 13: step of type ApplyMapping has no '## @return:' line");
  }

  // ------------------------------------------------------------------ the command line

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return DiagramTool.run(
        List.of(args),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        "");
  }

  @Test
  void portWritesTheClassAndWarnsAboutEachTodoByLine() throws IOException {
    Path script =
        Files.writeString(
            dir.resolve("nightly_load.py"),
            HEADER + "x = src.mapPartitions(f = lambda r: r)\njob.commit()\n");

    int status =
        run(
            "port",
            "--out",
            dir.resolve("java").toString(),
            "--package",
            "com.example",
            script.toString());

    assertThat(status).isEqualTo(DiagramTool.OK);
    Path java = dir.resolve("java/NightlyLoad.java");
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("wrote " + java);
    assertThat(Files.readString(java))
        .contains(
            "package com.example;",
            "public final class NightlyLoad {",
            "// TODO(port): python line 13");
    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "warning: "
                + script
                + " line 13: DynamicFrame.mapPartitions(...) is not a call the porter translates"
                + " (left as TODO(port) in NightlyLoad.java)\n");
  }

  @Test
  void portReportsAGarbledScriptWithItsLine() throws IOException {
    Path script = Files.writeString(dir.resolve("broken.py"), HEADER + "x = [1, 2\n");

    assertThat(run("port", script.toString())).isEqualTo(DiagramTool.BAD_INPUT);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo("error: broken.py line 13: '[' is never closed\n");
    assertThat(dir.resolve("Broken.java")).doesNotExist();
  }

  @Test
  void portRefusesAClassNameThatIsNotJava() throws IOException {
    Path script = Files.writeString(dir.resolve("a.py"), HEADER);

    assertThat(run("port", "--class", "my-job", script.toString())).isEqualTo(DiagramTool.USAGE);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .startsWith("error: 'my-job' is not a Java class name");
  }
}
