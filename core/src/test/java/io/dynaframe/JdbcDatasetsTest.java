package io.dynaframe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** JDBC tables named as the OpenLineage naming spec names them; no credential ever in a name. */
class JdbcDatasetsTest {

  @Test
  void namesTablesOfEachJdbcType() {
    assertThat(
            JdbcDatasets.uri(
                "postgresql",
                "jdbc:postgresql://DB.example.com:6543/shop?password=x",
                "sales.orders"))
        .isEqualTo("postgres://db.example.com:6543/shop.sales.orders");
    assertThat(JdbcDatasets.uri("postgresql", "jdbc:postgresql://db/shop", "orders"))
        .isEqualTo("postgres://db:5432/shop.public.orders");
    assertThat(JdbcDatasets.uri("mysql", "jdbc:mysql://u:pw@db:3307/shop", "orders"))
        .isEqualTo("mysql://db:3307/shop.orders");
    assertThat(JdbcDatasets.uri("mysql", "jdbc:mysql://db/shop", "other.orders"))
        .isEqualTo("mysql://db:3306/other.orders");
    assertThat(
            JdbcDatasets.uri(
                "sqlserver", "jdbc:sqlserver://db:1433;databaseName=shop;password=x", "orders"))
        .isEqualTo("mssql://db:1433/shop.dbo.orders");
    assertThat(
            JdbcDatasets.uri(
                "redshift",
                "jdbc:redshift://analytics.abc123xyz789.us-east-1.redshift.amazonaws.com:5439/dev",
                "\"public\".\"events\""))
        .isEqualTo("redshift://analytics.us-east-1:5439/dev.public.events");
    assertThat(JdbcDatasets.uri("oracle", "jdbc:oracle:thin:@//db:1521/ORCLPDB1", "HR.EMP"))
        .isEqualTo("oracle://db:1521/ORCLPDB1.HR.EMP");
    assertThat(JdbcDatasets.uri("postgresql", "jdbc:postgresql://db:5432/shop", null)).isNull();
    assertThat(JdbcDatasets.uri("s3", "jdbc:postgresql://db:5432/shop", "t")).isNull();
  }
}
