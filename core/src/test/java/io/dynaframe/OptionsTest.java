package io.dynaframe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class OptionsTest {

  @Test
  void typedGettersAcceptGluesStringSpellings() {
    Options o =
        Options.of(
            "recurse", "true", "groupSize", "1048576", "prob", "0.5", "paths", List.of("a", "b"));
    assertThat(o.getBoolean("recurse", false)).isTrue();
    assertThat(o.getLong("groupSize", 0)).isEqualTo(1048576L);
    assertThat(o.getDouble("prob", 1)).isEqualTo(0.5);
    assertThat(o.getStringList("paths")).containsExactly("a", "b");
    assertThat(o.getBoolean("missing", true)).isTrue();
  }

  @Test
  void exclusionsWrittenAsAJsonStringAreParsed() {
    Options o = Options.parse("{\"exclusions\": \"[\\\"**.pdf\\\", \\\"**/tmp/**\\\"]\"}");
    assertThat(o.getStringList("exclusions")).containsExactly("**.pdf", "**/tmp/**");
  }

  @Test
  void badValuesNameTheOption() {
    assertThatThrownBy(() -> Options.of("recurse", "yes").getBoolean("recurse", false))
        .hasMessage("option recurse must be true or false, was 'yes'");
    assertThatThrownBy(() -> Options.of("a")).hasMessageContaining("pairs");
  }

  @Test
  void secretsAreRedactedWhenPrinted() {
    Options o = Options.of("user", "etl", "password", "hunter2", "aws.secretAccessKey", "abc");
    assertThat(o.toString()).doesNotContain("hunter2").doesNotContain("abc").contains("user=etl");
  }

  @Test
  void passwordsInJdbcUrlsAreHiddenWhenPrinted() {
    Options o =
        Options.of(
            "url", "jdbc:postgresql://h:5432/db?user=etl&password=hunter2&ssl=true",
            "other", "jdbc:sqlserver://h:1433;databaseName=db;password=hunter3");
    assertThat(o.toString())
        .doesNotContain("hunter2")
        .doesNotContain("hunter3")
        .contains("user=etl")
        .contains("ssl=true");
  }

  @Test
  void unknownOptionsNameTheClosestKnownOne() {
    Options o = Options.of("dbtable", "t", "hashfeild", "id");
    assertThatThrownBy(
            () ->
                o.checkKnown(
                    java.util.Set.of("dbtable", "hashfield"),
                    "connection option of a postgresql source",
                    IllegalArgumentException::new))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("connection option of a postgresql source 'hashfeild' is not known")
        .hasMessageContaining("did you mean 'hashfield'?");
    o.checkKnown(java.util.Set.of("dbtable", "hashfeild"), "x", IllegalArgumentException::new);
  }

  @Test
  void canonicalSpellsNamesAsTheKnownOnesAndRefusesTwoSpellingsOfOne() {
    java.util.Set<String> known = java.util.Set.of("paths", "recurse");
    Options o =
        Options.of("PATHS", List.of("/a"), "Recurse", true, "other", 1)
            .canonical(known, "connection option of an s3 source", IllegalArgumentException::new);
    assertThat(o.asMap())
        .containsExactly(
            java.util.Map.entry("paths", List.of("/a")),
            java.util.Map.entry("recurse", true),
            java.util.Map.entry("other", 1));
    assertThatThrownBy(
            () ->
                Options.of("paths", List.of("/a"), "Paths", List.of("/b"))
                    .canonical(
                        known, "connection option of an s3 source", IllegalArgumentException::new))
        .hasMessage(
            "connection option of an s3 source 'paths' is given twice, as 'paths' and as 'Paths';"
                + " give it once");
    // a run's lineage reads the paths of a source and a sink in any case too
    assertThat(Observers.source("s3", Options.of("PATHS", List.of("/a")), "", "json", null).paths())
        .containsExactly("/a");
    assertThat(Observers.sink("s3", Options.of("Path", "/out"), "", "json", null).paths())
        .containsExactly("/out");
  }
}
