package io.dynaframe.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The DQDL parser: every example of AWS's DQDL reference parses, and a ruleset that does not parse
 * names the line, column and token at fault.
 *
 * @see <a href="https://docs.aws.amazon.com/glue/latest/dg/dqdl.html">DQDL reference</a>
 */
class DqdlParserTest {

  /** The rule examples printed on AWS's DQDL reference and its rule type pages. */
  static final List<String> AWS_EXAMPLES =
      List.of(
          "IsComplete \"order-id\"",
          "IsUnique \"order-id\"",
          "(IsComplete \"id\") and (IsUnique \"id\")",
          "(RowCount \"id\" > 100) or (IsPrimaryKey \"id\")",
          "(Mean \"Star_Rating\" > 3) and (Mean \"Order_Total\" > 500) and (IsComplete \"Order_Id\")",
          "(Mean \"Star_Rating\" > 3) and ((Mean \"Order_Total\" > 500) or (IsComplete \"Order_Id\"))",
          "(RowCount > 0) or ((IsComplete \"colA\") and (IsUnique \"colA\"))",
          "RowCount between 10 and 100",
          "RowCount between 1 and 50 where \"Customer_ID < 10\"",
          "ColumnCount between 10 and 20",
          "Completeness \"First_Name\" > 0.95",
          "Completeness \"First_Name\" > 0.95 where \"weightinkgs > 10\"",
          "IsComplete \"email\"",
          "IsComplete \"Email\" where \"Customer_ID between 1 and 50\"",
          "IsComplete \"Customer_ID\"  where \"Customer_ID < 16 and Customer_ID != 12\"",
          "IsComplete \"passenger_count\" where \"payment_type<>0\"",
          "Uniqueness \"email\" = 1.0",
          "Uniqueness \"Customer_ID\" != 1.0 where \"Customer_ID < 10\"",
          "Uniqueness \"vendorid\" \"tpep_pickup_datetime\" = 1",
          "UniqueValueRatio \"test_score\" between 0 and 0.5",
          "UniqueValueRatio \"Customer_ID\" between 0 and 0.9 where \"Customer_ID < 10\"",
          "ColumnValues \"Country\" in [ \"US\", \"CA\", \"UK\", NULL, EMPTY, WHITESPACES_ONLY ]",
          "ColumnValues \"gender\" in [\"F\", \"M\"] where \"weightinkgs < 10\"",
          "ColumnValues \"First_Name\" matches \"[a-zA-Z]*\"",
          "ColumnValues \"Load_Date\" > (now() - 3 days)",
          "ColumnValues \"Customer_ID\" between 1 and 2000",
          "(ColumnValues \"Age\" > 21) OR (ColumnValues \"Age\" = NULL)",
          "ColumnValues \"Age\" != 21",
          "ColumnValues \"Age\" not in [21, 22, 23]",
          "(ColumnValues \"Age\" != 21) AND (ColumnValues \"Age\" != NULL)",
          "ColumnValues \"Age\" not in [21, 22, 23, NULL]",
          "ColumnLength \"Postal_Code\" = 5",
          "ColumnLength \"weightinkgs\" = 2 where \"weightinkgs > 10\"",
          "(ColumnLength \"Postal_Code\" > 4) AND (ColumnValues \"Postal_Code\" != NULL)",
          "ColumnDataType \"colA\" = \"INTEGER\"",
          "ColumnDataType \"colA\" = \"INTEGER\" with threshold > 0.9",
          "ColumnExists \"Middle_Name\"",
          "ColumnNamesMatchPattern \"aws_.*\"",
          "ColumnNamesMatchPattern \"aws_.*\" where \"weightinkgs > 10\"",
          "Entropy \"Star_Rating\" > 1",
          "Entropy \"First_Name\" > 1  where \"Customer_ID < 10\"",
          "ColumnCorrelation \"height\" \"weight\" > 0.8",
          "ColumnCorrelation \"weightinkgs\" \"Salary\" > 0.8 where \"weightinkgs > 40\"",
          "CustomSql \"select count(*) from primary\" between 10 and 20",
          "CustomSql \"select Name from primary where Age  > 18\"",
          "CustomSql \"select Name from primary where Age > 18\" with threshold > 3",
          "DataFreshness \"Order_Date\" <= 24 hours",
          "DataFreshness \"Order_Date\" between 2 days and 5 days",
          "(DataFreshness \"Order_Date\" <= 24 hours) OR (ColumnValues \"Order_Date\" = NULL)",
          "RowCountMatch \"reference\" >= 0.9",
          "Mean \"Star_Rating\" > 3",
          "Mean \"Salary\" < 6200 where \"Customer_ID < 10\"",
          "Mean \"colA\" > avg(last(10)) + std(last(2))",
          "IsPrimaryKey \"Customer_ID\"",
          "IsPrimaryKey \"Customer_ID\" where \"Customer_ID < 10\"",
          "IsPrimaryKey \"colA\" \"colB\"",
          "IsPrimaryKey \"colA\" \"colB\" \"colC\"",
          "IsPrimaryKey colA \"colB\" \"colC\"",
          "IsUnique \"email\"",
          "IsUnique \"Customer_ID\" where \"Customer_ID < 10\"",
          "IsUnique \"vendorid\" \"tpep_pickup_datetime\"",
          "DistinctValuesCount \"State\" > 3",
          "DistinctValuesCount \"Customer_ID\" < 6  where \"Customer_ID < 10\"",
          "ReferentialIntegrity \"zipcode\" \"reference.zipcode\" >= 0.9",
          "ReferentialIntegrity \"city,state\" \"reference.{ref_city,ref_state}\" = 1.0",
          "SchemaMatch \"reference\" = 1.0",
          "RowCount > avg(last(10)) *0.8",
          "ColumnCount >= avg(last(10))",
          "ColumnCount between min(last(10))-1 and max(last(10))+1",
          "UniqueValueRatio \"colA\" <= index(last(10),2) + std(last(5))");

  @Test
  void everyAwsExampleParsesAndKeepsItsTextAsTheRuleName() {
    for (String rule : AWS_EXAMPLES) {
      Ruleset r = Ruleset.parse("Rules = [ " + rule + " ]");
      assertThat(r.rules()).as(rule).containsExactly(rule.replaceAll("\\s+", " "));
    }
  }

  @Test
  void aMultiLineRulesetWithCommentsAnalyzersAndMetadata() {
    Ruleset r =
        Ruleset.parse(
            """
            Metadata = { "Version": "1.0", "Owner": ["a", "b"] }
            # orders must be complete
            Rules = [
              RowCount > 0,     # at least one
              IsComplete "id",
              (ColumnValues "qty" > 0) and (ColumnValues "qty" <= 100)
            ]
            Analyzers = [ RowCount, Completeness "id", ColumnLength "name" ]
            """);
    assertThat(r.rules())
        .containsExactly(
            "RowCount > 0",
            "IsComplete \"id\"",
            "(ColumnValues \"qty\" > 0) and (ColumnValues \"qty\" <= 100)");
    assertThat(r.analyzers())
        .containsExactly("RowCount", "Completeness \"id\"", "ColumnLength \"name\"");
  }

  @Test
  void anEmptyRuleListParses() {
    assertThat(Ruleset.parse("Rules = [ ]").rules()).isEmpty();
  }

  /**
   * Asserts that {@code dqdl} does not parse, naming this line, column and token, with this text in
   * its message; shared by the DQDL test classes.
   */
  static void fails(String dqdl, int line, int column, String token, String message) {
    assertThatThrownBy(() -> Ruleset.parse(dqdl))
        .isInstanceOfSatisfying(
            DqdlParseException.class,
            e -> {
              assertThat(e.line()).as("line").isEqualTo(line);
              assertThat(e.column()).as("column").isEqualTo(column);
              assertThat(e.token()).as("token").isEqualTo(token);
              assertThat(e.getMessage())
                  .startsWith(
                      "DQDL ruleset, line " + line + ", column " + column + ", at '" + token + "'")
                  .contains(message);
            });
  }

  @Test
  void anUnknownRuleTypeNamesItsPositionAndTheClosestType() {
    fails(
        "Rules = [\n  RowCount > 0,\n  IsComplet \"id\"\n]",
        3,
        3,
        "IsComplet",
        "unknown rule type 'IsComplet' (did you mean 'IsComplete'?)");
  }

  @Test
  void ruleTypesAndSectionsAreCaseSensitive() {
    fails("Rules = [ rowcount > 0 ]", 1, 11, "rowcount", "did you mean 'RowCount'?");
    fails("rules = [ RowCount > 0 ]", 1, 1, "rules", "section names are case sensitive");
  }

  @Test
  void aMissingConditionOrCommaOrBracket() {
    fails("Rules = [ RowCount ]", 1, 20, "]", "expected a condition for RowCount");
    fails(
        "Rules = [ RowCount > 0 IsComplete \"id\" ]",
        1,
        24,
        "IsComplete",
        "expected ',' between rules or ']'");
    fails("Rules = [ RowCount > 0", 1, 23, "<end of ruleset>", "expected ',' between rules");
    fails("Rules = [ RowCount > ]", 1, 22, "]", "expected a value");
  }

  @Test
  void compositeRulesNeedParenthesesAndOneOperatorPerLevel() {
    fails(
        "Rules = [ IsComplete \"a\" and IsComplete \"b\" ]",
        1,
        26,
        "and",
        "each rule in parentheses");
    fails(
        "Rules = [ (IsComplete \"a\") and (IsComplete \"b\") or (IsComplete \"c\") ]",
        1,
        49,
        "or",
        "'and' and 'or' are mixed");
    fails("Rules = [ (IsComplete \"a\" ]", 1, 27, "]", "expected ')'");
  }

  @Test
  void parametersAndConditionsAreCheckedPerRuleType() {
    fails("Rules = [ IsComplete ]", 1, 22, "]", "IsComplete takes a quoted column name");
    fails("Rules = [ IsComplete \"a\" > 0.5 ]", 1, 26, ">", "IsComplete takes no condition");
    fails(
        "Rules = [ ColumnCorrelation \"a\" > 0.5 ]",
        1,
        33,
        ">",
        "ColumnCorrelation takes 2 quoted parameters, found 1");
    fails("Rules = [ ColumnValues \"a\" in [ ] ]", 1, 33, "]", "the list of values is empty");
    fails(
        "Rules = [ ColumnValues \"a\" matches \"[a-z\" ]",
        1,
        36,
        "\"[a-z\"",
        "not a regular expression");
    fails(
        "Rules = [ ColumnValues \"a\" between 1 or 2 ]",
        1,
        38,
        "or",
        "expected 'and' between the two ends of 'between'");
    fails(
        "Rules = [ ColumnValues \"a\" in [1] where 12 ]",
        1,
        41,
        "12",
        "expected a quoted SQL condition after 'where'");
  }

  @Test
  void unclosedStringsAndStrayCharacters() {
    fails("Rules = [\n IsComplete \"id ]", 2, 13, "\"id ]", "this string is not closed");
    fails("Rules = [ RowCount > 0 ; ]", 1, 24, ";", "this character has no meaning in DQDL");
    fails("", 1, 1, "<end of ruleset>", "a ruleset is needed");
    fails("Rules = [ RowCount > 0 ] Rules = [ ]", 1, 26, "Rules", "a second Rules section");
  }
}
