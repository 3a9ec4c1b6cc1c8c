package io.dynaframe.jdbc;

import static io.dynaframe.testing.Frames.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynaframe.DynaContext;
import io.dynaframe.Options;
import io.dynaframe.SourceException;
import io.dynaframe.catalog.Connection;
import io.dynaframe.catalog.memory.InMemoryCatalog;
import io.dynaframe.jdbc.internal.Secrets;
import io.dynaframe.testing.FrameAssert;
import io.dynaframe.testing.Frames;
import io.dynaframe.testing.SparkTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A connection's {@code SECRET_ID} read from AWS Secrets Manager by the real SDK v2 client, against
 * {@link FakeSecretsManager} (a recorded-shape HTTP stub; no AWS service), then used to read a real
 * PostgreSQL.
 */
@SparkTest
class JdbcSecretsManagerTest {
  private static FakeSecretsManager fake;
  private static final InMemoryCatalog CATALOG = InMemoryCatalog.create();

  @BeforeAll
  static void start(DynaContext ctx) {
    fake = new FakeSecretsManager();
    // an RDS secret: engine, host, port and dbname besides username and password
    fake.put(
        "rds/etl",
        "{\"username\":\"etl\",\"password\":\""
            + Postgres.PASSWORD
            + "\",\"engine\":\"postgres\",\"host\":\"127.0.0.1\",\"port\":5432,"
            + "\"dbname\":\"postgres\"}");
    fake.put("not-json", "Plain-3e9a-text");
    System.setProperty("aws.accessKeyId", "test");
    System.setProperty("aws.secretAccessKey", "test");
    ctx.spark().conf().set(Secrets.ENDPOINT, fake.endpoint());
    ctx.spark().conf().set(Secrets.REGION, "us-east-1");
    Postgres.sql(
        "DROP SCHEMA IF EXISTS sm CASCADE",
        "CREATE SCHEMA sm",
        "CREATE TABLE sm.t (id INTEGER PRIMARY KEY, v TEXT)",
        "INSERT INTO sm.t VALUES (1, 'a'), (2, 'b')");
    CATALOG.createConnection(
        Connection.jdbc("pg-sm", Postgres.url())
            .withSecretId("arn:aws:secretsmanager:us-east-1:123456789012:secret:rds/etl"));
    CATALOG.createConnection(Connection.jdbc("pg-missing", Postgres.url()).withSecretId("nope"));
    CATALOG.createConnection(Connection.jdbc("pg-text", Postgres.url()).withSecretId("not-json"));
  }

  @AfterAll
  static void stop(DynaContext ctx) {
    ctx.spark().conf().unset(Secrets.ENDPOINT);
    ctx.spark().conf().unset(Secrets.REGION);
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
    fake.close();
  }

  private static Options via(String connection) {
    return Options.of(
        "useConnectionProperties", "true", "connectionName", connection, "dbtable", "sm.t");
  }

  @Test
  void readsWithTheCredentialsOfTheSecret(DynaContext ctx) {
    DynaContext c = ctx.withCatalog(CATALOG);
    FrameAssert.assertThat(
            c.createDynamicFrameFromOptions("postgresql", via("pg-sm"), "", Options.empty(), ""))
        .isEqualTo(Frames.rows(ctx, "id INT, v STRING", row(1, "a"), row(2, "b")));
    assertThat(fake.requests())
        .anyMatch(
            r ->
                r.startsWith("secretsmanager.GetSecretValue ")
                    && r.contains(
                        "\"SecretId\":\"arn:aws:secretsmanager:us-east-1:123456789012:secret:rds/etl\""));
    JdbcConf conf = JdbcConnector.extractJdbcConf(c, "pg-sm");
    assertThat(conf.user()).contains("etl");
    assertThat(conf.password()).contains(Postgres.PASSWORD);
  }

  @Test
  void aMissingOrMalformedSecretFailsWithoutShowingIt(DynaContext ctx) {
    DynaContext c = ctx.withCatalog(CATALOG);
    assertThatThrownBy(
            () ->
                c.createDynamicFrameFromOptions(
                    "postgresql", via("pg-missing"), "", Options.empty(), ""))
        .isInstanceOf(SourceException.class)
        .hasMessage("secret 'nope' does not exist in AWS Secrets Manager");
    assertThatThrownBy(
            () ->
                c.createDynamicFrameFromOptions(
                    "postgresql", via("pg-text"), "", Options.empty(), ""))
        .isInstanceOf(SourceException.class)
        .hasMessage(
            "secret 'not-json' of AWS Secrets Manager is not a JSON object with 'username' and"
                + " 'password' (it is not JSON)")
        .hasMessageNotContaining("Plain-3e9a-text");
  }
}
