package io.dynaframe.examples;

import io.dynaframe.DynaContext;
import io.dynaframe.DynamicFrame;
import io.dynaframe.Options;
import io.dynaframe.transforms.ApplyMapping;
import io.dynaframe.transforms.DropNullFields;
import io.dynaframe.transforms.Filter;
import io.dynaframe.transforms.Join;
import io.dynaframe.transforms.MappingSpec;
import io.dynaframe.transforms.RenameField;
import io.dynaframe.transforms.ResolveChoice;
import io.dynaframe.transforms.SelectFields;
import io.dynaframe.transforms.Spigot;
import io.dynaframe.transforms.SplitFields;
import io.dynaframe.transforms.SplitRows;
import io.dynaframe.transforms.Union;
import io.dynaframe.transforms.studio.Aggregate;
import io.dynaframe.transforms.studio.ConcatenateColumns;
import io.dynaframe.transforms.studio.DerivedColumn;
import io.dynaframe.transforms.studio.DropDuplicates;
import io.dynaframe.transforms.studio.Unpivot;
import java.util.List;

/**
 * The Glue scripts of {@code GlueScriptPorterRunTest} ({@code glue/orders_classic.py}, {@code
 * glue/orders_studio.py} and {@code glue/sales_studio.py}), ported by hand the way a dynaframe
 * author writes them: the porter's output must give the same frames.
 */
final class HandPortedOrders {
  private HandPortedOrders() {}

  /** {@code orders_classic.py}: resolve, map, filter, rename, drop null fields, write Parquet. */
  static DynamicFrame classic(DynaContext ctx, String input, String output) {
    DynamicFrame orders =
        ctx.createDynamicFrameFromOptions(
            "s3",
            Options.of("paths", List.of(input), "recurse", true),
            "json",
            Options.empty(),
            "orders");
    DynamicFrame result =
        orders
            .apply("resolve", ResolveChoice.spec("amount", "cast:double"))
            .apply(
                "map",
                ApplyMapping.of(
                    MappingSpec.of("order_id", "long", "order_id", "long"),
                    MappingSpec.of("customer.name", "string", "customer", "string"),
                    MappingSpec.of("amount", "double", "amount", "double"),
                    MappingSpec.of("country", "string", "country", "string"),
                    MappingSpec.of("note", "string", "note", "string")))
            .apply("nordic_sales", Filter.where("amount > 0 AND country IN ('NO', 'SE')"))
            .apply("rename", RenameField.of("country", "country_code"))
            .apply("drop_nulls", DropNullFields.create());
    ctx.writeDynamicFrameFromOptions(
        result, "s3", Options.of("path", output), "parquet", Options.empty(), "write");
    return result;
  }

  /**
   * {@code orders_studio.py}: map, drop duplicate orders, filter, derive, concatenate, join the
   * countries, select, aggregate per region, write JSON.
   */
  static DynamicFrame studio(
      DynaContext ctx, String ordersPath, String countriesPath, String output) {
    DynamicFrame orders =
        ctx.createDynamicFrameFromOptions(
            "s3",
            Options.of("paths", List.of(ordersPath), "recurse", true),
            "json",
            Options.of("multiLine", false),
            "orders");
    DynamicFrame countries =
        ctx.createDynamicFrameFromOptions(
            "s3",
            Options.of("paths", List.of(countriesPath), "recurse", true),
            "csv",
            Options.of("withHeader", true),
            "countries");
    DynamicFrame labelled =
        orders
            .apply(
                "change_schema",
                ApplyMapping.of(
                    MappingSpec.of("order_id", "long", "order_id", "long"),
                    MappingSpec.of("customer.name", "string", "customer", "string"),
                    MappingSpec.of("customer.city", "string", "city", "string"),
                    MappingSpec.of("amount", "double", "amount", "double"),
                    MappingSpec.of("qty", "int", "qty", "int"),
                    MappingSpec.of("country", "string", "country", "string")))
            .apply("dedup", DropDuplicates.onColumns("order_id"))
            .apply("filter", Filter.where("amount >= 10 AND city <> 'Test'"))
            .apply("total", DerivedColumn.of("total", "amount * qty"))
            .apply("label", ConcatenateColumns.of("label", "customer", "city").withSpacer("@"));
    DynamicFrame result =
        labelled
            .apply("join_countries", Join.with(countries, "country", "code"))
            .apply("select", SelectFields.of("region", "total", "label"))
            .apply(
                "per_region",
                Aggregate.by("region").with("total", "sum").with("label", "countDistinct"));
    ctx.writeDynamicFrameFromOptions(
        result, "s3", Options.of("path", output), "json", Options.empty(), "write");
    return result;
  }

  /**
   * {@code sales_studio.py}: unpivot the months, add the late sales, sample two records, keep the
   * sales over 10 and their id, info and value: the frame the script writes.
   */
  static DynamicFrame sales(DynaContext ctx, String salesPath, String latePath, String samples) {
    DynamicFrame sales =
        ctx.createDynamicFrameFromOptions(
            "s3",
            Options.of("paths", List.of(salesPath), "recurse", true),
            "json",
            Options.of("multiLine", false),
            "sales");
    DynamicFrame late =
        ctx.createDynamicFrameFromOptions(
            "s3", Options.of("paths", List.of(latePath)), "json", Options.empty(), "late");
    return sales
        .apply("unpivot", Unpivot.of("month", "value", "jan", "feb"))
        .apply("with_late", Union.with(late))
        .apply("sample", Spigot.to(samples).withTopk(2))
        .apply("split", SplitRows.where("value", ">", 10).withNames("big", "small"))
        .select("big")
        .apply("fields", SplitFields.of("id", "info", "value").withNames("kept", "month"))
        .select("kept");
  }
}
