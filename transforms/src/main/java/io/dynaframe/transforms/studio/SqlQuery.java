package io.dynaframe.transforms.studio;

import com.google.common.collect.ImmutableMap;
import io.dynaframe.DynamicFrame;
import io.dynaframe.Transform;
import io.dynaframe.transforms.TransformException;
import io.dynaframe.transforms.internal.Steps;
import io.dynaframe.transforms.internal.studio.StudioGroupOps;
import io.dynaframe.transforms.internal.studio.StudioOps;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Glue Studio's SQL Query: a Spark SQL query over one or more frames, each known in the query by an
 * alias. The frame the transform is applied to is {@code myDataSource} (Glue Studio's default
 * alias) unless named otherwise; further frames come with {@link #withFrame}. The query is analysed
 * when the transform is applied: an unknown table or column fails then, naming it. Nothing is left
 * registered in the session afterwards.
 *
 * <pre>{@code
 * DynamicFrame joined = orders.apply("SQLQuery_node1",
 *     SqlQuery.of("select o.id, c.name from orders o join customers c on o.cid = c.id")
 *         .as("orders").withFrame("customers", customers));
 * }</pre>
 */
public final class SqlQuery implements Transform<DynamicFrame> {
  private static final long serialVersionUID = 1L;

  private final String query;
  private final String alias;
  private final transient ImmutableMap<String, DynamicFrame> others;

  private SqlQuery(String query, String alias, Map<String, DynamicFrame> others) {
    this.query = Objects.requireNonNull(query, "query");
    this.alias = Objects.requireNonNull(alias, "alias");
    this.others = ImmutableMap.copyOf(others);
    if (query.isBlank()) {
      throw new IllegalArgumentException("SqlQuery needs a query");
    }
    if (this.others.containsKey(alias)) {
      throw new IllegalArgumentException("the alias '" + alias + "' is given to two frames");
    }
  }

  /** The query, over the frame it is applied to as {@code myDataSource}. */
  public static SqlQuery of(String query) {
    return new SqlQuery(query, "myDataSource", Map.of());
  }

  /**
   * Glue Studio's {@code sparkSqlQuery(glueContext, query, mapping, transformation_ctx)}: the query
   * over the frames of {@code mapping} by their aliases; the step is recorded on the first frame.
   */
  public static DynamicFrame apply(
      String query, Map<String, DynamicFrame> mapping, String transformationCtx) {
    if (mapping.isEmpty()) {
      throw new IllegalArgumentException("sparkSqlQuery needs at least one frame in its mapping");
    }
    Map.Entry<String, DynamicFrame> first = mapping.entrySet().iterator().next();
    Map<String, DynamicFrame> rest = new LinkedHashMap<>(mapping);
    rest.remove(first.getKey());
    return Steps.apply(
        first.getValue(), new SqlQuery(query, first.getKey(), rest), transformationCtx);
  }

  /** This query knowing the frame it is applied to as {@code name}. */
  public SqlQuery as(String name) {
    return new SqlQuery(query, name, others);
  }

  /** This query also reading {@code frame} as {@code name}. */
  public SqlQuery withFrame(String name, DynamicFrame frame) {
    Map<String, DynamicFrame> more = new LinkedHashMap<>(others);
    if (more.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(frame, "frame"))
            != null
        || name.equals(alias)) {
      throw new IllegalArgumentException("the alias '" + name + "' is given to two frames");
    }
    return new SqlQuery(query, alias, more);
  }

  @Override
  public DynamicFrame expand(DynamicFrame input, String step) {
    if (others == null) {
      throw new TransformException(
          kind(), step, "this SqlQuery was deserialized without its other frames");
    }
    Map<String, DynamicFrame> frames = new LinkedHashMap<>();
    frames.put(alias, input);
    frames.putAll(others);
    return StudioOps.run(input, step, in -> StudioGroupOps.sql(in, step, kind(), query, frames));
  }

  @Override
  public String toString() {
    return "SqlQuery[" + query + "]";
  }
}
