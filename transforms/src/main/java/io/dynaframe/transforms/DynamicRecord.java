package io.dynaframe.transforms;

import io.dynaframe.transforms.internal.FieldPath;
import io.dynaframe.transforms.internal.RecordValues;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One record of a frame as Glue's {@code DynamicRecord} shows it to a map, flatMap or filter
 * function: fields read, written and removed by path, with no schema to declare. The output frame's
 * schema is learnt from the records the function returns, with Glue's rules (a field whose values
 * differ in type becomes a choice).
 *
 * <p>A path is field names joined by dots; a name that holds a dot is quoted with backticks: {@code
 * Address.`Zip.Code`}. Values are Java values: {@code String}, {@code Integer}, {@code Long},
 * {@code Double}, {@code Float}, {@code Short}, {@code Byte}, {@code Boolean}, {@code BigDecimal},
 * {@code java.sql.Date}, {@code java.sql.Timestamp}, {@code byte[]}, a {@code java.util.Map} with
 * string keys (a struct; its entries in order), a {@code List} or Java array (an array), or null. A
 * struct read with {@link #getField} is a live {@code Map}: changing it changes the record.
 *
 * <pre>{@code
 * frame.apply(Map.onRecords(rec -> {
 *   rec.setField("Address.Street", rec.getField("Provider Street Address").orElse(null));
 *   rec.dropField("Provider Street Address");
 *   return rec;
 * }));
 * }</pre>
 *
 * <p>A record is not thread-safe; each call of the function gets its own.
 */
public final class DynamicRecord implements Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * Glue's map function over records: the record to keep (changed or new), or null for an error.
   */
  @FunctionalInterface
  public interface MapFunction extends Serializable {
    /** The record the input becomes. */
    DynamicRecord call(DynamicRecord record) throws Exception;
  }

  /** Glue's flatMap function over records: any number of records for each input record. */
  @FunctionalInterface
  public interface FlatMapFunction extends Serializable {
    /** The records the input becomes (none to drop it). */
    Iterable<DynamicRecord> call(DynamicRecord record) throws Exception;
  }

  /** Glue's filter function over records. */
  @FunctionalInterface
  public interface Predicate extends Serializable {
    /** Whether to keep the record. */
    boolean call(DynamicRecord record) throws Exception;
  }

  private final LinkedHashMap<String, Object> fields;

  private DynamicRecord(LinkedHashMap<String, Object> fields) {
    this.fields = fields;
  }

  /** A new record without fields. */
  public static DynamicRecord empty() {
    return new DynamicRecord(new LinkedHashMap<>());
  }

  /** A new record holding a copy of these fields (a nested {@code Map} is a struct). */
  public static DynamicRecord of(Map<String, ?> values) {
    DynamicRecord r = empty();
    Objects.requireNonNull(values, "values").forEach((k, v) -> r.setField(quote(k), v));
    return r;
  }

  /** A record over the fields of a frame's row (internal: the transforms make it). */
  static DynamicRecord wrap(LinkedHashMap<String, Object> fields) {
    return new DynamicRecord(fields);
  }

  /** The fields, as the transforms read them back. */
  LinkedHashMap<String, Object> fields() {
    return fields;
  }

  /**
   * The value at the path, or empty when the record has no such field (a field that is present and
   * null gives empty too, as Glue's {@code getField}). The path does not look into arrays.
   */
  public Optional<Object> getField(String path) {
    Object at = fields;
    for (String part : parts(path)) {
      Map<String, Object> m = RecordValues.struct(at);
      if (m == null || !m.containsKey(part)) {
        return Optional.empty();
      }
      at = m.get(part);
    }
    return Optional.ofNullable(RecordValues.plain(at));
  }

  /** Whether the record has a field at the path (its value may be null). */
  public boolean hasField(String path) {
    Object at = fields;
    for (String part : parts(path)) {
      Map<String, Object> m = RecordValues.struct(at);
      if (m == null || !m.containsKey(part)) {
        return false;
      }
      at = m.get(part);
    }
    return true;
  }

  /**
   * Sets the value at the path, replacing what was there, and returns this record. Structs on the
   * way that do not exist yet are made (Glue's {@code addField}); a new field goes after the
   * struct's other fields.
   *
   * @throws IllegalArgumentException when a field on the way is not a struct, or the value is of a
   *     type a frame cannot hold, naming the path
   */
  public DynamicRecord setField(String path, Object value) {
    List<String> parts = parts(path);
    Map<String, Object> at = fields;
    for (int i = 0; i < parts.size() - 1; i++) {
      Object next = at.get(parts.get(i));
      if (next == null) {
        LinkedHashMap<String, Object> made = new LinkedHashMap<>();
        at.put(parts.get(i), made);
        at = made;
        continue;
      }
      Map<String, Object> m = RecordValues.struct(next);
      if (m == null) {
        throw new IllegalArgumentException(
            "cannot set field '"
                + path
                + "': '"
                + String.join(".", parts.subList(0, i + 1))
                + "' holds a "
                + RecordValues.kind(next)
                + ", not a struct");
      }
      at = m;
    }
    Object v = value instanceof DynamicRecord r ? r.fields : value;
    at.put(parts.get(parts.size() - 1), RecordValues.of(v, path));
    return this;
  }

  /** Glue's name for {@link #setField}. */
  public DynamicRecord addField(String path, Object value) {
    return setField(path, value);
  }

  /**
   * Removes the field at the path and returns its value, as Glue's {@code dropField}: empty when
   * there is no such field, and empty when the path goes through an array, where the field is
   * removed from every element of the array.
   */
  public Optional<Object> dropField(String path) {
    List<String> parts = parts(path);
    boolean[] throughArray = {false};
    Object dropped = drop(fields, parts, 0, throughArray);
    return throughArray[0] ? Optional.empty() : Optional.ofNullable(RecordValues.plain(dropped));
  }

  private static Object drop(Object at, List<String> parts, int i, boolean[] throughArray) {
    List<?> list = RecordValues.list(at);
    if (list != null) {
      throughArray[0] = true;
      for (Object e : list) {
        drop(e, parts, i, throughArray);
      }
      return null;
    }
    Map<String, Object> m = RecordValues.struct(at);
    if (m == null || !m.containsKey(parts.get(i))) {
      return null;
    }
    if (i == parts.size() - 1) {
      return m.remove(parts.get(i));
    }
    return drop(m.get(parts.get(i)), parts, i + 1, throughArray);
  }

  /** The names of the top-level fields, in order. */
  public List<String> fieldNames() {
    return List.copyOf(fields.keySet());
  }

  /** A copy of this record: changing one does not change the other. */
  public DynamicRecord copy() {
    @SuppressWarnings("unchecked")
    LinkedHashMap<String, Object> c = (LinkedHashMap<String, Object>) RecordValues.deepCopy(fields);
    return new DynamicRecord(c);
  }

  /** The record as JSON, fields in order, as Glue's {@code toJson}. */
  public String toJson() {
    return RecordValues.toJson(fields);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DynamicRecord r && RecordValues.sameValues(fields, r.fields);
  }

  @Override
  public int hashCode() {
    return fields.keySet().hashCode();
  }

  @Override
  public String toString() {
    return toJson();
  }

  private static List<String> parts(String path) {
    Objects.requireNonNull(path, "path");
    FieldPath parsed;
    try {
      parsed = FieldPath.parse(path);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("bad field path '" + path + "': " + e.getMessage(), e);
    }
    List<String> out = new ArrayList<>(parsed.segments().size());
    for (FieldPath.Segment segment : parsed.segments()) {
      if (segment.array()) {
        throw new IllegalArgumentException(
            "field path '"
                + path
                + "' steps into an array ('"
                + segment.name()
                + "[]'); a record's fields are read and set by struct paths only");
      }
      out.add(segment.name());
    }
    return out;
  }

  private static String quote(String name) {
    return "`" + name.replace("`", "``") + "`";
  }
}
