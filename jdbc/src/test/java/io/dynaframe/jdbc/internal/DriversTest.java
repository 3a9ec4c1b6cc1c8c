package io.dynaframe.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynaframe.Options;
import io.dynaframe.SourceException;
import java.sql.Driver;
import org.junit.jupiter.api.Test;

/**
 * The real MySQL, SQL Server and PostgreSQL drivers from Maven Central, without servers: each
 * dialect names the driver class that the artifact it names brings, and the driver takes the URLs
 * the dialect takes.
 */
class DriversTest {

  private static Driver load(Dialect d, String url) {
    JdbcSettings s =
        JdbcSettings.source(d, Options.of("url", url, "dbtable", "t"), SourceException::new);
    return Connections.driver(s, SourceException::new);
  }

  @Test
  void mysql() throws Exception {
    String url = "jdbc:mysql://db.example.com:3306/shop";
    assertThat(Dialect.MYSQL.checkUrl(url)).isNull();
    Driver d = load(Dialect.MYSQL, url);
    assertThat(d.getClass().getName()).isEqualTo(Dialect.MYSQL.driverClass());
    assertThat(d.acceptsURL(url)).isTrue();
  }

  @Test
  void sqlserver() throws Exception {
    String url = "jdbc:sqlserver://db.example.com:1433;databaseName=shop";
    assertThat(Dialect.SQLSERVER.checkUrl(url)).isNull();
    Driver d = load(Dialect.SQLSERVER, url);
    assertThat(d.getClass().getName()).isEqualTo(Dialect.SQLSERVER.driverClass());
    assertThat(d.acceptsURL(url)).isTrue();
  }

  @Test
  void postgresql() throws Exception {
    String url = "jdbc:postgresql://db.example.com:5432/shop";
    Driver d = load(Dialect.POSTGRESQL, url);
    assertThat(d.getClass().getName()).isEqualTo(Dialect.POSTGRESQL.driverClass());
    assertThat(d.acceptsURL(url)).isTrue();
    // a URL of another database is refused by the dialect before any driver sees it
    assertThat(Dialect.POSTGRESQL.checkUrl("jdbc:mysql://db.example.com/shop")).isNotNull();
  }
}
