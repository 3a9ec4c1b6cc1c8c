package io.dynaframe.transforms;

import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableList;
import io.dynaframe.DynamicFrame;
import io.dynaframe.Transform;
import io.dynaframe.transforms.internal.CaseSafe;
import io.dynaframe.transforms.internal.Checker;
import io.dynaframe.transforms.internal.Steps;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What {@link DropFields} and {@link SelectFields} share: a list of at least one path, each of
 * which must exist in the frame (names compared exactly, arrays stepped into), all resolved before
 * the rows are rewritten.
 */
abstract class FieldPathsTransform implements Transform<DynamicFrame> {
  private static final long serialVersionUID = 1L;

  private final ImmutableList<String> paths;

  FieldPathsTransform(List<String> paths) {
    this.paths = ImmutableList.copyOf(paths);
    Preconditions.checkArgument(!this.paths.isEmpty(), "%s needs at least one path", kind());
  }

  /** The paths, as given. */
  public List<String> paths() {
    return paths;
  }

  /**
   * The rows with the fields at {@code resolved} (each path's names, outermost first) rewritten.
   */
  abstract Dataset<Row> rewrite(Dataset<Row> df, List<List<String>> resolved);

  @Override
  public final DynamicFrame expand(DynamicFrame input, String step) {
    return CaseSafe.run(
        () -> {
          Checker ck = new Checker(kind(), step, input.schema(), TransformException::new);
          List<List<String>> resolved = new ArrayList<>();
          for (String p : paths) {
            resolved.add(ck.resolve(p, true, true).names());
          }
          return Steps.finish(input.withRows(rewrite(input.toDF(), resolved)), step);
        },
        input);
  }

  @Override
  public String toString() {
    return kind() + paths;
  }
}
