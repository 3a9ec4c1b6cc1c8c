package io.dynaframe.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynaframe.types.Types;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Identifiers, Hive type strings and partition expressions of the catalog SPI. */
class SpiValuesTest {

  @Test
  void identifiersAreLowerCaseValues() {
    assertThat(TableIdentifier.parse("Sales.Orders"))
        .isEqualTo(TableIdentifier.of("sales", "orders"));
    assertThat(TableIdentifier.of("sales", "orders")).hasToString("sales.orders");
    assertThat(DatabaseName.of("Sales").table("T").database()).isEqualTo(DatabaseName.of("sales"));
    assertThatThrownBy(() -> TableIdentifier.parse("orders"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("database.table");
    assertThatThrownBy(() -> DatabaseName.of("")).hasMessage("database name must not be empty");
    assertThatThrownBy(() -> DatabaseName.of("a\nb")).hasMessageContaining("one line");
    assertThatThrownBy(() -> DatabaseName.of("x".repeat(256)))
        .hasMessageContaining("longer than 255");
  }

  @Test
  void parsesHiveTypeStrings() {
    assertThat(HiveTypes.parse("array<struct<a:int,b:string>>"))
        .isEqualTo(
            Types.array(Types.struct(Types.field("a", Types.INT), Types.field("b", Types.STRING))));
    assertThat(HiveTypes.parse("decimal(7,2)")).isEqualTo(Types.decimal(7, 2));
    assertThat(HiveTypes.parse("decimal")).isEqualTo(Types.decimal(10, 0));
    assertThat(HiveTypes.parse("map<string,bigint>")).isEqualTo(Types.map(Types.LONG));
    assertThat(HiveTypes.parse("STRUCT< `first name` : VARCHAR(20), age:SMALLINT >"))
        .isEqualTo(
            Types.struct(Types.field("first name", Types.STRING), Types.field("age", Types.SHORT)));
    assertThat(HiveTypes.parse("uniontype<int,string>"))
        .isEqualTo(Types.choice(Types.INT, Types.STRING));
    assertThat(HiveTypes.normalize("ARRAY< MAP<STRING, DECIMAL(7, 2)> >"))
        .isEqualTo("array<map<string,decimal(7,2)>>");
    assertThat(
            HiveTypes.parse(Types.struct(Types.field("a b", Types.array(Types.LONG))).hiveType()))
        .isEqualTo(Types.struct(Types.field("a b", Types.array(Types.LONG))));
    assertThatThrownBy(() -> HiveTypes.parse("array<int")).hasMessageContaining("expected '>'");
    assertThatThrownBy(() -> HiveTypes.parse("struct<a:foo>")).hasMessageContaining("'foo'");
  }

  @Test
  void evaluatesGluePartitionExpressions() {
    List<Column> keys = List.of(Column.of("year", "string"), Column.of("month", "int"));
    assertThat(
            PartitionExpression.parse("year = '2024' AND month > 9")
                .matches(keys, List.of("2024", "10")))
        .isTrue();
    assertThat(
            PartitionExpression.parse("year = '2024' AND month > 9")
                .matches(keys, List.of("2024", "9")))
        .isFalse();
    // a string key compares as text: '10' < '9'
    assertThat(PartitionExpression.parse("year > '9'").matches(keys, List.of("10", "1"))).isFalse();
    assertThat(
            PartitionExpression.parse("month in (1, 2) or year like '20%'")
                .matches(keys, List.of("1999", "3")))
        .isFalse();
    assertThat(
            PartitionExpression.parse("month between 3 and 5 and not (year <> '2024')")
                .matches(keys, List.of("2024", "4")))
        .isTrue();
    assertThat(
            PartitionExpression.parse("year is null")
                .matches(keys, List.of(Partition.NULL_VALUE, "1")))
        .isTrue();
    assertThatThrownBy(() -> PartitionExpression.parse("year = "))
        .hasMessageContaining("expected a partition key");
    assertThatThrownBy(() -> PartitionExpression.parse("day = 1").check(keys))
        .hasMessageContaining(
            "'day', which is not a partition key; the partition keys are [year, month]");
  }

  @Test
  void loadsImplementationsByName() {
    assertThat(Catalogs.types()).contains("memory", "embedded", "glue");
    assertThat(Catalogs.load("memory", java.util.Map.of()).type()).isEqualTo("memory");
    assertThatThrownBy(() -> Catalogs.load("hive2", java.util.Map.of()))
        .hasMessageContaining("no catalog of type 'hive2'")
        .hasMessageContaining("[embedded, glue, memory]");
  }
}
