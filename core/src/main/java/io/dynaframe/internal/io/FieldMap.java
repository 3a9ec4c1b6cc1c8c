package io.dynaframe.internal.io;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The fields of one CSV row as a read-only map in column order: the row's values in an array, the
 * column names and their positions shared by every row of the file. A hash map per row costs more
 * than parsing the row.
 */
final class FieldMap extends AbstractMap<String, Object> {
  private final Columns columns;
  private final Object[] values;

  FieldMap(Columns columns, Object[] values) {
    if (values.length != columns.names.size()) {
      throw new IllegalArgumentException(
          values.length + " values for " + columns.names.size() + " columns");
    }
    this.columns = columns;
    this.values = values;
  }

  /** Column names and the position of each, made once for the rows of a file. */
  static final class Columns {
    private final List<String> names;
    private final Map<String, Integer> positions;

    Columns(List<String> names) {
      this.names = List.copyOf(names);
      this.positions = new HashMap<>(names.size() * 2);
      for (int i = 0; i < names.size(); i++) {
        // a repeated name keeps its first position, as the first put into a map would
        positions.putIfAbsent(names.get(i), i);
      }
    }
  }

  @Override
  public Object get(Object key) {
    Integer i = columns.positions.get(key);
    return i == null ? null : values[i];
  }

  @Override
  public boolean containsKey(Object key) {
    return columns.positions.containsKey(key);
  }

  @Override
  public int size() {
    return columns.positions.size();
  }

  @Override
  public Set<Entry<String, Object>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public int size() {
        return FieldMap.this.size();
      }

      @Override
      public Iterator<Entry<String, Object>> iterator() {
        return new Iterator<>() {
          private int i = nextFirst(0);

          /** The next position from {@code from} that holds a name's first occurrence. */
          private int nextFirst(int from) {
            int j = from;
            while (j < values.length && columns.positions.get(columns.names.get(j)) != j) {
              j++;
            }
            return j;
          }

          @Override
          public boolean hasNext() {
            return i < values.length;
          }

          @Override
          public Entry<String, Object> next() {
            if (!hasNext()) {
              throw new NoSuchElementException();
            }
            Entry<String, Object> e = new SimpleImmutableEntry<>(columns.names.get(i), values[i]);
            i = nextFirst(i + 1);
            return e;
          }
        };
      }
    };
  }
}
