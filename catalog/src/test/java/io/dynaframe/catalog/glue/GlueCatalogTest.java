package io.dynaframe.catalog.glue;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.dynaframe.catalog.AlreadyExistsException;
import io.dynaframe.catalog.Catalog;
import io.dynaframe.catalog.CatalogException;
import io.dynaframe.catalog.Catalogs;
import io.dynaframe.catalog.Column;
import io.dynaframe.catalog.Connection;
import io.dynaframe.catalog.Database;
import io.dynaframe.catalog.NoSuchConnectionException;
import io.dynaframe.catalog.NoSuchDatabaseException;
import io.dynaframe.catalog.NoSuchTableException;
import io.dynaframe.catalog.Partition;
import io.dynaframe.catalog.TableDefinition;
import io.dynaframe.catalog.TableIdentifier;
import io.dynaframe.types.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Glue catalog against HTTP stubs that answer as the AWS Glue service does (JSON 1.1, {@code
 * X-Amz-Target: AWSGlue.<Operation>}), with the real AWS SDK v2 client. No real Glue service runs
 * here.
 */
class GlueCatalogTest {

  private static final String TABLE_JSON =
      """
      {"Table": {
        "Name": "orders", "DatabaseName": "sales", "CatalogId": "123456789012",
        "CreateTime": 1.716E9, "UpdateTime": 1.716E9, "VersionId": "7", "TableType": "EXTERNAL_TABLE",
        "Retention": 0, "IsRegisteredWithLakeFormation": false, "CreatedBy": "arn:aws:sts::123456789012:assumed-role/crawler",
        "Parameters": {"classification": "csv", "delimiter": "|", "skip.header.line.count": "1",
                       "UPDATED_BY_CRAWLER": "sales-crawler", "compressionType": "none", "typeOfData": "file"},
        "PartitionKeys": [{"Name": "year", "Type": "string"}, {"Name": "month", "Type": "string"}],
        "StorageDescriptor": {
          "Columns": [{"Name": "id", "Type": "bigint"}, {"Name": "price", "Type": "decimal(7,2)"},
                      {"Name": "items", "Type": "array<struct<sku:string,qty:int>>"},
                      {"Name": "attrs", "Type": "map<string,string>", "Comment": "free-form"}],
          "Location": "s3://bucket/sales/orders/",
          "InputFormat": "org.apache.hadoop.mapred.TextInputFormat",
          "OutputFormat": "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat",
          "Compressed": false, "NumberOfBuckets": -1,
          "SerdeInfo": {"SerializationLibrary": "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe",
                        "Parameters": {"field.delim": "|"}},
          "BucketColumns": [], "SortColumns": [], "Parameters": {}, "StoredAsSubDirectories": false
        }
      }}""";

  private WireMockServer server;
  private GlueCatalog catalog;
  private software.amazon.awssdk.services.glue.GlueClient client;

  @BeforeEach
  void start() {
    server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    server.start();
    client =
        software.amazon.awssdk.services.glue.GlueClient.builder()
            .endpointOverride(java.net.URI.create("http://127.0.0.1:" + server.port()))
            .region(software.amazon.awssdk.regions.Region.EU_WEST_1)
            .credentialsProvider(
                software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                    software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(
                        "test", "test")))
            .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
            .overrideConfiguration(
                c ->
                    c.retryStrategy(
                        GlueCatalog.retryStrategy(
                            4, java.time.Duration.ofMillis(5), java.time.Duration.ofMillis(20))))
            .build();
    catalog = GlueCatalog.of(client, "123456789012");
  }

  @AfterEach
  void stop() {
    client.close();
    server.stop();
  }

  private void answer(String operation, int status, String body) {
    server.stubFor(
        post(urlEqualTo("/"))
            .withHeader("X-Amz-Target", equalTo("AWSGlue." + operation))
            .willReturn(
                aResponse()
                    .withStatus(status)
                    .withHeader("Content-Type", "application/x-amz-json-1.1")
                    .withBody(body)));
  }

  private static String error(String type, String message) {
    return "{\"__type\": \"" + type + "\", \"Message\": \"" + message + "\"}";
  }

  @Test
  void readsATableFromGlueShapes() {
    answer("GetTable", 200, TABLE_JSON);
    TableDefinition t = catalog.getTable(TableIdentifier.of("sales", "orders"));
    assertThat(t.columns())
        .containsExactly(
            Column.of("id", "bigint"),
            Column.of("price", "decimal(7,2)"),
            Column.of("items", "array<struct<sku:string,qty:int>>"),
            Column.of("attrs", "map<string,string>").withComment("free-form"));
    assertThat(t.partitionKeyNames()).containsExactly("year", "month");
    assertThat(t.location()).contains("s3://bucket/sales/orders/");
    assertThat(t.classification()).contains("csv");
    assertThat(t.format().serdeParameters()).containsEntry("field.delim", "|");
    assertThat(t.version()).contains("7");
    assertThat(t.dataSchema().field("items").orElseThrow().type())
        .isEqualTo(
            Types.array(
                Types.struct(Types.field("sku", Types.STRING), Types.field("qty", Types.INT))));
    server.verify(
        postRequestedFor(urlEqualTo("/"))
            .withHeader("X-Amz-Target", equalTo("AWSGlue.GetTable"))
            .withHeader("Content-Type", containing("application/x-amz-json-1.1"))
            .withRequestBody(
                equalToJson(
                    "{\"CatalogId\": \"123456789012\", \"DatabaseName\": \"sales\", \"Name\": \"orders\"}")));
  }

  @Test
  void writesATableInGlueShapes() {
    answer("CreateTable", 200, "{}");
    catalog.createTable(
        TableDefinition.builder(TableIdentifier.of("sales", "events"))
            .column("id", "bigint")
            .column("payload", "struct<a:int,`b c`:string>")
            .partitionKey("day", "date")
            .location("s3://bucket/events/")
            .classification("parquet")
            .build());
    server.verify(
        postRequestedFor(urlEqualTo("/"))
            .withHeader("X-Amz-Target", equalTo("AWSGlue.CreateTable"))
            .withRequestBody(matchingJsonPath("$.DatabaseName", equalTo("sales")))
            .withRequestBody(matchingJsonPath("$.TableInput.Name", equalTo("events")))
            .withRequestBody(matchingJsonPath("$.TableInput.TableType", equalTo("EXTERNAL_TABLE")))
            .withRequestBody(
                matchingJsonPath("$.TableInput.PartitionKeys[0].Type", equalTo("date")))
            .withRequestBody(
                matchingJsonPath(
                    "$.TableInput.StorageDescriptor.Columns[1].Type",
                    equalTo("struct<a:int,`b c`:string>")))
            .withRequestBody(
                matchingJsonPath(
                    "$.TableInput.StorageDescriptor.SerdeInfo.SerializationLibrary",
                    equalTo("org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe")))
            .withRequestBody(
                matchingJsonPath("$.TableInput.Parameters.classification", equalTo("parquet"))));
  }

  @Test
  void mapsEntityNotFoundToTheMissingThing() {
    answer("GetTable", 400, error("EntityNotFoundException", "Table orders not found."));
    answer("GetDatabase", 200, "{\"Database\": {\"Name\": \"sales\", \"CreateTime\": 1.7E9}}");
    assertThatThrownBy(() -> catalog.getTable(TableIdentifier.of("sales", "orders")))
        .isInstanceOf(NoSuchTableException.class)
        .hasMessage("Table does not exist: sales.orders");

    server.resetAll();
    answer("GetTable", 400, error("EntityNotFoundException", "Database sales not found."));
    answer("GetDatabase", 400, error("EntityNotFoundException", "Database sales not found."));
    assertThatThrownBy(() -> catalog.getTable(TableIdentifier.of("sales", "orders")))
        .isInstanceOf(NoSuchDatabaseException.class)
        .hasMessage("Database does not exist: sales");
  }

  @Test
  void mapsAlreadyExists() {
    answer("CreateDatabase", 400, error("AlreadyExistsException", "Database already exists."));
    assertThatThrownBy(() -> catalog.createDatabase(Database.of("sales")))
        .isInstanceOf(AlreadyExistsException.class)
        .hasMessage("Database already exists: sales");
  }

  @Test
  void retriesThrottlingWithBackoffThenSucceeds() {
    String scenario = "throttled";
    server.stubFor(
        post(urlEqualTo("/"))
            .inScenario(scenario)
            .whenScenarioStateIs(Scenario.STARTED)
            .withHeader("X-Amz-Target", equalTo("AWSGlue.GetTable"))
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", "application/x-amz-json-1.1")
                    .withBody(error("ThrottlingException", "Rate exceeded")))
            .willSetStateTo("once"));
    server.stubFor(
        post(urlEqualTo("/"))
            .inScenario(scenario)
            .whenScenarioStateIs("once")
            .withHeader("X-Amz-Target", equalTo("AWSGlue.GetTable"))
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", "application/x-amz-json-1.1")
                    .withBody(error("ThrottlingException", "Rate exceeded")))
            .willSetStateTo("twice"));
    server.stubFor(
        post(urlEqualTo("/"))
            .inScenario(scenario)
            .whenScenarioStateIs("twice")
            .withHeader("X-Amz-Target", equalTo("AWSGlue.GetTable"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/x-amz-json-1.1")
                    .withBody(TABLE_JSON)));
    TableDefinition t = catalog.getTable(TableIdentifier.of("sales", "orders"));
    assertThat(t.identifier()).isEqualTo(TableIdentifier.of("sales", "orders"));
    server.verify(
        3,
        postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AWSGlue.GetTable")));
  }

  @Test
  void givesUpAfterTheLastAttempt() {
    answer("GetTable", 400, error("ThrottlingException", "Rate exceeded"));
    assertThatThrownBy(() -> catalog.getTable(TableIdentifier.of("sales", "orders")))
        .isInstanceOf(CatalogException.class)
        .hasMessageContaining("GetTable sales.orders failed: ThrottlingException: Rate exceeded");
    server.verify(
        4,
        postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AWSGlue.GetTable")));
  }

  @Test
  void sendsThePartitionExpressionAndFollowsNextToken() {
    server.stubFor(
        post(urlEqualTo("/"))
            .withHeader("X-Amz-Target", equalTo("AWSGlue.GetPartitions"))
            .withRequestBody(matchingJsonPath("$.NextToken", equalTo("page2")))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/x-amz-json-1.1")
                    .withBody(
                        "{\"Partitions\": [{\"Values\": [\"2024\", \"02\"], \"DatabaseName\": \"sales\", "
                            + "\"TableName\": \"orders\", \"StorageDescriptor\": {\"Location\": \"s3://bucket/o/2024/02/\"}}]}")));
    server.stubFor(
        post(urlEqualTo("/"))
            .atPriority(10)
            .withHeader("X-Amz-Target", equalTo("AWSGlue.GetPartitions"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/x-amz-json-1.1")
                    .withBody(
                        "{\"Partitions\": [{\"Values\": [\"2024\", \"01\"], \"DatabaseName\": \"sales\", "
                            + "\"TableName\": \"orders\", \"Parameters\": {\"k\": \"v\"}, "
                            + "\"StorageDescriptor\": {\"Location\": \"s3://bucket/o/2024/01/\"}}], \"NextToken\": \"page2\"}")));
    List<Partition> all =
        catalog.listAllPartitions(TableIdentifier.of("sales", "orders"), "year = '2024'");
    assertThat(all)
        .containsExactly(
            Partition.of(List.of("2024", "01"), "s3://bucket/o/2024/01/")
                .withParameters(Map.of("k", "v")),
            Partition.of(List.of("2024", "02"), "s3://bucket/o/2024/02/"));
    server.verify(
        2,
        postRequestedFor(urlEqualTo("/"))
            .withHeader("X-Amz-Target", equalTo("AWSGlue.GetPartitions"))
            .withRequestBody(matchingJsonPath("$.Expression", equalTo("year = '2024'"))));
  }

  @Test
  void createsPartitionsInChunksOf100AndDeletesInChunksOf25() {
    try (FakeGlue fake = new FakeGlue();
        software.amazon.awssdk.services.glue.GlueClient c = fake.client()) {
      GlueCatalog glue = GlueCatalog.of(c, null);
      glue.createDatabase(Database.of("sales"));
      TableIdentifier id = TableIdentifier.of("sales", "orders");
      glue.createTable(
          TableDefinition.builder(id)
              .column("id", "bigint")
              .partitionKey("n", "int")
              .location("s3://b/o/")
              .classification("json")
              .build());
      List<Partition> parts = new ArrayList<>();
      for (int i = 0; i < 250; i++) {
        parts.add(Partition.of(List.of(String.valueOf(i)), "s3://b/o/n=" + i + "/"));
      }
      assertThat(glue.createPartitions(id, parts)).isEmpty();
      assertThat(fake.calls("BatchCreatePartition")).isEqualTo(3);
      assertThat(glue.listAllPartitions(id, "n >= 240")).hasSize(10);
      List<List<String>> drop = new ArrayList<>();
      for (int i = 0; i < 60; i++) {
        drop.add(List.of(String.valueOf(i)));
      }
      glue.dropPartitions(id, drop);
      assertThat(fake.calls("BatchDeletePartition")).isEqualTo(3);
      assertThat(glue.listAllPartitions(id, null)).hasSize(190);
    }
  }

  @Test
  void throttlingInTheFakeIsRetriedToo() {
    try (FakeGlue fake = new FakeGlue();
        software.amazon.awssdk.services.glue.GlueClient c = fake.client()) {
      GlueCatalog glue = GlueCatalog.of(c, null);
      fake.throttle("CreateDatabase", 2);
      glue.createDatabase(Database.of("sales"));
      assertThat(fake.calls("CreateDatabase")).isEqualTo(3);
      assertThat(glue.databaseExists(io.dynaframe.catalog.DatabaseName.of("sales"))).isTrue();
    }
  }

  @Test
  void loadsByNameWithProperties() {
    System.setProperty("aws.accessKeyId", "test");
    System.setProperty("aws.secretAccessKey", "test");
    try (Catalog c =
        Catalogs.load(
            "glue",
            Map.of(
                "endpoint",
                "http://127.0.0.1:" + server.port(),
                "region",
                "eu-west-1",
                "catalog-id",
                "999",
                "max-attempts",
                "2",
                "retry-base-delay-ms",
                "1"))) {
      answer("GetTable", 200, TABLE_JSON);
      assertThat(c.type()).isEqualTo("glue");
      assertThat(c.getTable(TableIdentifier.of("sales", "orders")).version()).contains("7");
      server.verify(
          postRequestedFor(urlEqualTo("/"))
              .withRequestBody(matchingJsonPath("$.CatalogId", equalTo("999"))));
    } finally {
      System.clearProperty("aws.accessKeyId");
      System.clearProperty("aws.secretAccessKey");
    }
    assertThatThrownBy(() -> Catalogs.load("glue", Map.of("regoin", "x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'regoin'");
  }

  @Test
  void readsAConnectionFromGlueShapes() {
    answer(
        "GetConnection",
        200,
        """
        {"Connection": {
          "Name": "shop-db", "Description": "the shop", "ConnectionType": "JDBC",
          "ConnectionProperties": {"JDBC_CONNECTION_URL": "jdbc:postgresql://shop.example.com:5432/shop",
                                   "USERNAME": "etl", "PASSWORD": "Glue-8c1d-pw", "JDBC_ENFORCE_SSL": "false"},
          "PhysicalConnectionRequirements": {"SubnetId": "subnet-0123", "SecurityGroupIdList": ["sg-0123"],
                                             "AvailabilityZone": "eu-west-1a"},
          "CreationTime": 1.716E9, "LastUpdatedTime": 1.716E9, "Status": "READY"
        }}""");
    Connection c = catalog.getConnection("shop-db");
    assertThat(c)
        .isEqualTo(
            Connection.jdbc("shop-db", "jdbc:postgresql://shop.example.com:5432/shop")
                .withCredentials("etl", "Glue-8c1d-pw")
                .withProperty("JDBC_ENFORCE_SSL", "false")
                .withDescription("the shop"));
    assertThat(c.toString()).doesNotContain("Glue-8c1d-pw");
    server.verify(
        postRequestedFor(urlEqualTo("/"))
            .withHeader("X-Amz-Target", equalTo("AWSGlue.GetConnection"))
            .withRequestBody(
                equalToJson(
                    "{\"CatalogId\": \"123456789012\", \"Name\": \"shop-db\", \"HidePassword\": false}")));
  }

  @Test
  void writesAndDeletesAConnectionInGlueShapes() {
    answer("CreateConnection", 200, "{\"CreateConnectionStatus\": \"READY\"}");
    answer("DeleteConnection", 200, "{}");
    catalog.createConnection(
        Connection.jdbc("shop-db", "jdbc:mysql://shop.example.com:3306/shop")
            .withSecretId("rds/shop"));
    catalog.deleteConnection("shop-db");
    server.verify(
        postRequestedFor(urlEqualTo("/"))
            .withHeader("X-Amz-Target", equalTo("AWSGlue.CreateConnection"))
            .withRequestBody(
                equalToJson(
                    "{\"CatalogId\": \"123456789012\", \"ConnectionInput\": {\"Name\": \"shop-db\","
                        + " \"ConnectionType\": \"JDBC\", \"ConnectionProperties\": {"
                        + "\"JDBC_CONNECTION_URL\": \"jdbc:mysql://shop.example.com:3306/shop\","
                        + " \"SECRET_ID\": \"rds/shop\"}}}")));
    server.verify(
        postRequestedFor(urlEqualTo("/"))
            .withHeader("X-Amz-Target", equalTo("AWSGlue.DeleteConnection"))
            .withRequestBody(
                equalToJson("{\"CatalogId\": \"123456789012\", \"ConnectionName\": \"shop-db\"}")));
  }

  @Test
  void mapsAMissingOrDuplicateConnection() {
    answer("GetConnection", 400, error("EntityNotFoundException", "Connection not found."));
    answer("CreateConnection", 400, error("AlreadyExistsException", "Connection already exists."));
    assertThatThrownBy(() -> catalog.getConnection("gone"))
        .isInstanceOf(NoSuchConnectionException.class)
        .hasMessage("Connection does not exist: gone");
    assertThatThrownBy(
            () -> catalog.createConnection(Connection.jdbc("dup", "jdbc:postgresql://h:5432/d")))
        .isInstanceOf(AlreadyExistsException.class)
        .hasMessage("Connection already exists: dup");
  }
}
