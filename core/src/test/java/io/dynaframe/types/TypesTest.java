package io.dynaframe.types;

import static io.dynaframe.types.Types.DOUBLE;
import static io.dynaframe.types.Types.LONG;
import static io.dynaframe.types.Types.NULL;
import static io.dynaframe.types.Types.STRING;
import static io.dynaframe.types.Types.array;
import static io.dynaframe.types.Types.choice;
import static io.dynaframe.types.Types.field;
import static io.dynaframe.types.Types.merge;
import static io.dynaframe.types.Types.struct;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TypesTest {

  @Test
  void nullMergesIntoTheOtherType() {
    assertThat(merge(NULL, LONG)).isEqualTo(LONG);
    assertThat(merge(STRING, NULL)).isEqualTo(STRING);
    assertThat(merge(NULL, NULL)).isEqualTo(NULL);
  }

  @Test
  void differentAtomicTypesBecomeAChoiceSortedByName() {
    DataType c = merge(STRING, LONG);
    assertThat(c).isInstanceOf(ChoiceType.class);
    assertThat(((ChoiceType) c).members().keySet()).containsExactly("long", "string");
    assertThat(c.toString()).isEqualTo("choice{long, string}");
    assertThat(merge(c, DOUBLE).toString()).isEqualTo("choice{double, long, string}");
    assertThat(merge(c, LONG)).isEqualTo(c);
  }

  @Test
  void structsMergeFieldByFieldKeepingFirstSeenOrder() {
    StructType a = struct(field("id", LONG), field("name", STRING));
    StructType b = struct(field("id", STRING), field("age", LONG));

    assertThat(merge(a, b))
        .isEqualTo(
            struct(field("id", choice(LONG, STRING)), field("name", STRING), field("age", LONG)));
  }

  @Test
  void arraysMergeTheirElementsAndNestedStructsMergeInside() {
    DataType a = array(struct(field("qty", LONG)));
    DataType b = array(struct(field("qty", STRING), field("sku", STRING)));

    assertThat(merge(a, b))
        .isEqualTo(array(struct(field("qty", choice(LONG, STRING)), field("sku", STRING))));
    assertThat(merge(array(NULL), array(LONG))).isEqualTo(array(LONG));
  }

  @Test
  void aStructAndAnAtomicBecomeAChoiceWhoseStructMemberKeepsMerging() {
    DataType c = merge(struct(field("a", LONG)), STRING);
    DataType c2 = merge(c, struct(field("b", LONG)));

    assertThat(c2).isEqualTo(choice(STRING, struct(field("a", LONG), field("b", LONG))));
  }

  @Test
  void choicesAreStoredAsFlaggedStructsAndComeBack() {
    StructType schema =
        struct(
            field("id", choice(LONG, STRING)),
            field("items", array(struct(field("qty", choice(LONG, STRING))))));

    org.apache.spark.sql.types.StructType spark = SparkTypes.toSpark(schema);

    assertThat(spark.simpleString())
        .isEqualTo(
            "struct<id:struct<long:bigint,string:string>,items:array<struct<qty:struct<long:bigint,string:string>>>>");
    assertThat(SparkTypes.fromSpark(spark)).isEqualTo(schema);
  }

  @Test
  void aPlainSparkStructIsNotAChoice() {
    org.apache.spark.sql.types.StructType spark =
        org.apache.spark.sql.types.StructType.fromDDL("s STRUCT<long: BIGINT, string: STRING>");
    assertThat(SparkTypes.fromSpark(spark).fields().get(0).type()).isInstanceOf(StructType.class);
  }

  @Test
  void typeNamesParseInGlueAndHiveSpellings() {
    assertThat(Types.parse("bigint")).isEqualTo(LONG);
    assertThat(Types.parse("LONG")).isEqualTo(LONG);
    assertThat(Types.parse("integer")).isEqualTo(Types.INT);
    assertThat(Types.parse("decimal(7,2)")).isEqualTo(Types.decimal(7, 2));
    assertThatThrownBy(() -> Types.parse("money")).hasMessageStartingWith("not a type: 'money'");
  }

  @Test
  void hiveTypesOfNestedTypes() {
    StructType s =
        struct(field("a b", array(struct(field("x", LONG)))), field("m", Types.map(DOUBLE)));
    assertThat(s.hiveType())
        .isEqualTo("struct<`a b`:array<struct<x:bigint>>,m:map<string,double>>");
  }

  @Test
  void duplicateFieldNamesAreRejected() {
    assertThatThrownBy(() -> struct(field("a", LONG), field("a", STRING)))
        .hasMessageContaining("duplicate field names");
  }

  @Test
  void printSchemaRendersLikeGlue() {
    StructType s =
        struct(
            field("provider id", choice(LONG, STRING)),
            field("tags", array(STRING)),
            field("address", struct(field("city", STRING))));
    assertThat(s.treeString())
        .isEqualTo(
            """
        root
        |-- provider id: choice
        |    |-- long
        |    |-- string
        |-- tags: array
        |    |-- element: string
        |-- address: struct
        |    |-- city: string
        """);
  }
}
