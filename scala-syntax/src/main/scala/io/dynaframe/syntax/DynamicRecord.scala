package io.dynaframe.syntax

import io.dynaframe.transforms.{DynamicRecord => JDynamicRecord}
import io.dynaframe.transforms.internal.RecordValues
import io.dynaframe.types.{SparkTypes, StructType}
import org.apache.spark.sql.Row

/**
 * Glue's Scala `DynamicRecord` over dynaframe's record view ([[io.dynaframe.transforms.DynamicRecord]]):
 * what a `map` or `filter` function gets. Fields are read, added and dropped by path
 * (`"address.state"`; a name holding a dot is quoted with backticks), with no schema to declare.
 * Values are Java values (`String`, `Integer`, `Long`, `Double`, `java.util.Map` for a struct,
 * `java.util.List` for an array, ...); [[DynamicNode]]s carry them where Glue's signatures want a
 * node.
 */
final class DynamicRecord private[syntax] (private[syntax] val record: JDynamicRecord)
    extends Serializable
    with Cloneable {

  /** Glue's `getField`: the value at the path, `None` when the field is missing or null. */
  def getField(path: String): Option[Any] = {
    val v = record.getField(path)
    if (v.isPresent) Some(v.get) else None
  }

  /** Glue's `getFieldNode`: the value at the path as a [[DynamicNode]], `None` as [[getField]]. */
  def getFieldNode(path: String): Option[DynamicNode] = getField(path).map(DynamicNode.of)

  /**
   * Glue's `addField`: sets the node's value at the path, replacing what was there; structs on the
   * way that do not exist yet are made.
   */
  def addField(path: String, dynamicNode: DynamicNode): Unit = {
    record.setField(path, dynamicNode.javaValue)
    ()
  }

  /**
   * Glue's `dropField`: removes the field at the path and returns it, or `None` when there is none
   * or the path goes through an array (where the field is removed from every element).
   * `underRename` is accepted for Glue's signature and not used.
   */
  def dropField(path: String, underRename: Boolean = false): Option[DynamicNode] = {
    val v = record.dropField(path)
    if (v.isPresent) Some(DynamicNode.of(v.get)) else None
  }

  /** Glue's `clone`: a copy; changing one does not change the other. */
  override def clone(): DynamicRecord = new DynamicRecord(record.copy())

  /** Glue's `schema`: the record's own types (a null field is of type `null`). */
  def schema: StructType = {
    val m = new java.util.LinkedHashMap[String, Object]()
    record.fieldNames().forEach { n =>
      m.put(n, record.getField(DynamicNode.quote(n, useQuotes = true)).orElse(null))
    }
    RecordValues.typeOf(m).asInstanceOf[StructType]
  }

  /** Glue's `toJson`: the record as JSON, fields in order. */
  def toJson: String = record.toJson

  /** Sets a plain value at the path (dynaframe's name; Scala sequences and maps become arrays and structs). */
  def setField(path: String, value: Any): DynamicRecord = {
    record.setField(path, DynamicNode.toJava(value))
    this
  }

  /** Whether the record has a field at the path (its value may be null). */
  def hasField(path: String): Boolean = record.hasField(path)

  /** The names of the top-level fields, in order. */
  def fieldNames: Seq[String] = {
    val b = Seq.newBuilder[String]
    record.fieldNames().forEach(n => b += n)
    b.result()
  }

  /** The record as dynaframe's Java record view. */
  def toJava: JDynamicRecord = record

  override def equals(other: Any): Boolean = other match {
    case r: DynamicRecord => record == r.record
    case _ => false
  }

  override def hashCode: Int = record.hashCode

  override def toString: String = record.toString
}

/** Glue's `DynamicRecord` object. */
object DynamicRecord {

  /** Glue's `DynamicRecord(row, schema)`: a record holding the values of a Spark row. */
  def apply(row: Row, schema: org.apache.spark.sql.types.StructType): DynamicRecord =
    new DynamicRecord(JDynamicRecord.of(RecordValues.fromRow(row, SparkTypes.fromSpark(schema))))

  /** A record of these fields, in order (dynaframe's). */
  def apply(fields: (String, Any)*): DynamicRecord = {
    val m = new java.util.LinkedHashMap[String, Object]()
    fields.foreach { case (k, v) => m.put(k, DynamicNode.toJava(v)) }
    new DynamicRecord(JDynamicRecord.of(m))
  }
}

/**
 * Glue's `DynamicNode` (package `com.amazonaws.services.glue.types`): one value of a record, as
 * `getFieldNode` and `dropField` return it and `addField` takes it.
 */
abstract class DynamicNode extends Serializable {

  /** Glue's `getValue`: the plain value. */
  def getValue: Any

  /** Glue's `typeName`: the Glue type name of the value (`string`, `int`, `struct`, ...). */
  def typeName: String

  /** Glue's `toJson`. */
  def toJson: String = RecordValues.toJson(javaValue)

  private[syntax] def javaValue: Object

  override def toString: String = toJson
}

/** A string value. */
final case class StringNode(value: String) extends DynamicNode {
  def getValue: Any = value
  def typeName: String = "string"
  private[syntax] def javaValue: Object = value
}

/** An int value. */
final case class IntegerNode(value: Int) extends DynamicNode {
  def getValue: Any = value
  def typeName: String = "int"
  private[syntax] def javaValue: Object = Int.box(value)
}

/** A long value. */
final case class LongNode(value: Long) extends DynamicNode {
  def getValue: Any = value
  def typeName: String = "long"
  private[syntax] def javaValue: Object = Long.box(value)
}

/** A short value. */
final case class ShortNode(value: Short) extends DynamicNode {
  def getValue: Any = value
  def typeName: String = "short"
  private[syntax] def javaValue: Object = Short.box(value)
}

/** A byte value. */
final case class ByteNode(value: Byte) extends DynamicNode {
  def getValue: Any = value
  def typeName: String = "byte"
  private[syntax] def javaValue: Object = Byte.box(value)
}

/** A float value. */
final case class FloatNode(value: Float) extends DynamicNode {
  def getValue: Any = value
  def typeName: String = "float"
  private[syntax] def javaValue: Object = Float.box(value)
}

/** A double value. */
final case class DoubleNode(value: Double) extends DynamicNode {
  def getValue: Any = value
  def typeName: String = "double"
  private[syntax] def javaValue: Object = Double.box(value)
}

/** A boolean value. */
final case class BooleanNode(value: Boolean) extends DynamicNode {
  def getValue: Any = value
  def typeName: String = "boolean"
  private[syntax] def javaValue: Object = Boolean.box(value)
}

/** A decimal value. */
final case class DecimalNode(value: BigDecimal) extends DynamicNode {
  def getValue: Any = value
  def typeName: String = "decimal"
  private[syntax] def javaValue: Object = value.bigDecimal
}

/** A date value. */
final case class DateNode(value: java.sql.Date) extends DynamicNode {
  def getValue: Any = value
  def typeName: String = "date"
  private[syntax] def javaValue: Object = value
}

/** A timestamp value. */
final case class TimestampNode(value: java.sql.Timestamp) extends DynamicNode {
  def getValue: Any = value
  def typeName: String = "timestamp"
  private[syntax] def javaValue: Object = value
}

/** A binary value. */
final case class BinaryNode(value: Array[Byte]) extends DynamicNode {
  def getValue: Any = value
  def typeName: String = "binary"
  private[syntax] def javaValue: Object = value
}

/** The null value. */
case object NullNode extends DynamicNode {
  def getValue: Any = null
  def typeName: String = "null"
  private[syntax] def javaValue: Object = null
}

/** An array of nodes. */
final case class ArrayNode(values: Seq[DynamicNode]) extends DynamicNode {
  def getValue: Any = values.map(_.getValue)
  def typeName: String = "array"
  private[syntax] def javaValue: Object = {
    val l = new java.util.ArrayList[Object]()
    values.foreach(v => l.add(v.javaValue))
    l
  }
}

/** A struct: named nodes, in order. */
final case class ObjectNode(fields: Seq[(String, DynamicNode)]) extends DynamicNode {
  def getValue: Any = fields.map { case (k, v) => k -> v.getValue }
  def typeName: String = "struct"
  private[syntax] def javaValue: Object = {
    val m = new java.util.LinkedHashMap[String, Object]()
    fields.foreach { case (k, v) => m.put(k, v.javaValue) }
    m
  }
}

/** Glue's `DynamicNode` object. */
object DynamicNode {

  /** Glue's `quote`: the field name in backticks when it holds a dot (or always, with `useQuotes`). */
  def quote(field: String, useQuotes: Boolean): String =
    if (useQuotes || field.contains(".")) "`" + field.replace("`", "``") + "`" else field

  /** Glue's `quote` of a node: its JSON text. */
  def quote(node: DynamicNode, useQuotes: Boolean): String = node.toJson

  /** The node of a record value. */
  def of(value: Any): DynamicNode = RecordValues.plain(value.asInstanceOf[Object]) match {
    case null => NullNode
    case n: DynamicNode => n
    case s: String => StringNode(s)
    case i: java.lang.Integer => IntegerNode(i)
    case l: java.lang.Long => LongNode(l)
    case s: java.lang.Short => ShortNode(s)
    case b: java.lang.Byte => ByteNode(b)
    case f: java.lang.Float => FloatNode(f)
    case d: java.lang.Double => DoubleNode(d)
    case b: java.lang.Boolean => BooleanNode(b)
    case d: java.math.BigDecimal => DecimalNode(BigDecimal(d))
    case d: BigDecimal => DecimalNode(d)
    case d: java.sql.Date => DateNode(d)
    case t: java.sql.Timestamp => TimestampNode(t)
    case b: Array[Byte] => BinaryNode(b)
    case m: java.util.Map[_, _] =>
      val b = Seq.newBuilder[(String, DynamicNode)]
      val it = m.asInstanceOf[java.util.Map[Object, Object]].entrySet().iterator()
      while (it.hasNext) {
        val e = it.next()
        b += (String.valueOf(e.getKey) -> of(e.getValue))
      }
      ObjectNode(b.result())
    case l: java.util.List[_] =>
      val b = Seq.newBuilder[DynamicNode]
      val it = l.asInstanceOf[java.util.List[Object]].iterator()
      while (it.hasNext) b += of(it.next())
      ArrayNode(b.result())
    case a: Array[_] => ArrayNode(a.toSeq.map(of))
    case s: Seq[_] => ArrayNode(s.map(of))
    case other =>
      throw new IllegalArgumentException(
        "a record cannot hold a value of class " + other.getClass.getName + ": " + other)
  }

  /** The Java value a record holds for a Scala value: sequences become lists, maps structs. */
  private[syntax] def toJava(value: Any): Object = value match {
    case null => null
    case n: DynamicNode => n.javaValue
    case r: DynamicRecord => r.record
    case d: BigDecimal => d.bigDecimal
    case b: Array[Byte] => b
    case m: scala.collection.Map[_, _] =>
      val out = new java.util.LinkedHashMap[String, Object]()
      m.foreach { case (k, v) => out.put(String.valueOf(k), toJava(v)) }
      out
    case s: scala.collection.Seq[_] =>
      val out = new java.util.ArrayList[Object]()
      s.foreach(v => out.add(toJava(v)))
      out
    case other => other.asInstanceOf[Object]
  }
}
