package io.dynaframe.internal.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynaframe.types.DataType;
import io.dynaframe.types.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TypeAccumulatorTest {

  private static DataType fold(List<Map<String, Object>> records) {
    DataType t = Types.NULL;
    for (Map<String, Object> r : records) {
      t = Types.merge(t, JsonValues.typeOf(r));
    }
    return t;
  }

  private static DataType accumulate(List<Map<String, Object>> records) {
    TypeAccumulator acc = new TypeAccumulator();
    records.forEach(acc::addFields);
    return acc.type();
  }

  private static Map<String, Object> obj(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  @Test
  void choicesNestedStructsAndArraysMergeAsTheFoldDoes() {
    List<Map<String, Object>> records =
        List.of(
            obj("id", 1L, "zip", 98101L, "tags", List.of("a"), "addr", obj("code", 7L)),
            obj(
                "id",
                2L,
                "zip",
                "98101-1234",
                "tags",
                List.of(),
                "addr",
                obj("code", "A-7", "city", "X"),
                "extra",
                null),
            obj("zip", null, "tags", Arrays.asList(1L, null, 2.5), "addr", 5L, "id", 3.0),
            obj("nested", List.of(List.of(obj("a", true)), List.of()), "id", 4L));

    DataType t = accumulate(records);

    assertThat(t).isEqualTo(fold(records));
    assertThat(t.toString()).contains("choice");
  }

  @Test
  void nothingButNullsIsNullAndNoRecordsIsNull() {
    assertThat(accumulate(List.of(obj("a", null)))).isEqualTo(fold(List.of(obj("a", null))));
    assertThat(accumulate(List.of())).isEqualTo(Types.NULL);
    assertThat(accumulate(List.of(obj()))).isEqualTo(fold(List.of(obj())));
  }

  @Test
  void randomRecordsGiveTheSameTypeAsTheFold() {
    SplittableRandom r = new SplittableRandom(42);
    for (int round = 0; round < 200; round++) {
      List<Map<String, Object>> records = new ArrayList<>();
      int n = 1 + r.nextInt(6);
      for (int i = 0; i < n; i++) {
        records.add(randomObject(r, 0));
      }
      assertThat(accumulate(records)).as("records %s", records).isEqualTo(fold(records));
    }
  }

  private static Map<String, Object> randomObject(SplittableRandom r, int depth) {
    Map<String, Object> m = new LinkedHashMap<>();
    int fields = r.nextInt(4);
    for (int i = 0; i < fields; i++) {
      m.put("f" + r.nextInt(4), randomValue(r, depth + 1));
    }
    return m;
  }

  private static Object randomValue(SplittableRandom r, int depth) {
    int kind = r.nextInt(depth > 2 ? 5 : 7);
    switch (kind) {
      case 0:
        return null;
      case 1:
        return (long) r.nextInt(10);
      case 2:
        return r.nextDouble();
      case 3:
        return "s" + r.nextInt(3);
      case 4:
        return r.nextBoolean();
      case 5:
        return randomObject(r, depth);
      default:
        {
          List<Object> l = new ArrayList<>();
          int n = r.nextInt(3);
          for (int i = 0; i < n; i++) {
            l.add(randomValue(r, depth + 1));
          }
          return l;
        }
    }
  }
}
