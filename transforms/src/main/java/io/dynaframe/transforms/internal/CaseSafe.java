package io.dynaframe.transforms.internal;

import io.dynaframe.DynamicFrame;
import io.dynaframe.types.ArrayType;
import io.dynaframe.types.ChoiceType;
import io.dynaframe.types.DataType;
import io.dynaframe.types.Field;
import io.dynaframe.types.MapType;
import io.dynaframe.types.StructType;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.spark.sql.RuntimeConfig;

/**
 * Lets transforms work on frames whose records have fields that differ only in case ({@code Name}
 * and {@code name}), which Glue's records allow and Spark's default analysis finds ambiguous. When
 * a frame has such fields, the transform builds its Datasets with {@code spark.sql.caseSensitive}
 * on (Spark resolves names when a Dataset is built, so the setting is needed only then) and puts
 * the setting back. Frames without such fields are left to the session's setting. The switch is
 * serialised in this JVM; a query analysed at that very moment on another thread of the same
 * session would see the setting on.
 */
public final class CaseSafe {
  private CaseSafe() {}

  private static final String KEY = "spark.sql.caseSensitive";

  /** Runs {@code body}, with case-sensitive analysis when any of the frames needs it. */
  public static <T> T run(Supplier<T> body, DynamicFrame... frames) {
    boolean needed = false;
    for (DynamicFrame f : frames) {
      needed |= f != null && hasCaseVariants(f.schema());
    }
    if (!needed) {
      return body.get();
    }
    RuntimeConfig conf = frames[0].context().spark().conf();
    synchronized (CaseSafe.class) {
      String before = conf.get(KEY, "false");
      conf.set(KEY, "true");
      try {
        return body.get();
      } finally {
        conf.set(KEY, before);
      }
    }
  }

  /** True when some struct in the type has two fields whose names differ only in case. */
  public static boolean hasCaseVariants(DataType t) {
    if (t instanceof StructType st) {
      Set<String> seen = new HashSet<>();
      for (Field f : st.fields()) {
        if (!seen.add(f.name().toLowerCase(Locale.ROOT)) || hasCaseVariants(f.type())) {
          return true;
        }
      }
      return false;
    }
    if (t instanceof ArrayType a) {
      return hasCaseVariants(a.elementType());
    }
    if (t instanceof MapType m) {
      return hasCaseVariants(m.valueType());
    }
    if (t instanceof ChoiceType c) {
      return c.types().stream().anyMatch(CaseSafe::hasCaseVariants);
    }
    return false;
  }
}
