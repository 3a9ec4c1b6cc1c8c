package io.dynaframe.transforms.internal

import org.apache.spark.rdd.RDD
import org.apache.spark.sql.SparkSession
import org.apache.spark.sql.catalyst.InternalRow
import org.apache.spark.sql.catalyst.expressions.{Attribute, AttributeSet, BindReferences, CreateNamedStruct, Expression, ScalaUDF, SortOrder, UnsafeProjection}
import org.apache.spark.sql.catalyst.expressions.codegen.{CodeGenerator, CodegenContext, ExprCode, GenerateUnsafeProjection, JavaCode, LiteralValue}
import org.apache.spark.sql.catalyst.optimizer.ColumnPruning
import org.apache.spark.sql.catalyst.plans.logical.{Filter, LogicalPlan, UnaryNode}
import org.apache.spark.sql.catalyst.plans.physical.Partitioning
import org.apache.spark.sql.catalyst.rules.Rule
import org.apache.spark.sql.execution.{CodegenSupport, SparkPlan, SparkStrategy, UnaryExecNode}
import org.apache.spark.sql.types.StructType

import java.lang.ref.WeakReference
import java.util.concurrent.ConcurrentHashMap

import scala.collection.mutable.ArrayBuffer

/**
 * What a [[SpigotExec]] asks of a sample (implemented by the Java `SpigotSampler`): a task calls
 * [[draw]] for each of the first [[window]] rows of each partition of the frame it computes, in
 * order, and [[write]]s the rows drawn. The partition is the frame's (the index of the Spigot's
 * input partition), not the task's: a task of a union or a coalesce computes a partition of the
 * frame under another number, or several partitions of it.
 */
trait RowSampler extends Serializable {

  /** How many rows at the start of each partition are candidates. */
  def window(): Long

  /** Whether to take the next candidate of this partition of the frame. */
  def draw(partition: Int): Boolean

  /** Writes the record of a row drawn from this partition of the frame, in Spark's internal form. */
  def write(partition: Int, row: InternalRow): Unit

  /** The columns of the rows sampled. */
  def schema(): StructType
}

/**
 * A Spigot in Spark's physical plan: passes its child's rows on as they are and hands the
 * sampler a record of `values` for the rows it draws. In generated code a row past the
 * sampler's window costs one comparison of a counter, and a row's columns are read for the
 * record only when the row is drawn, by code of their own: the operators above still read the
 * columns they need, and only those.
 */
case class SpigotExec(values: Seq[Expression], sampler: RowSampler, child: SparkPlan)
  extends UnaryExecNode with CodegenSupport {

  override def output: Seq[Attribute] = child.output

  override def outputPartitioning: Partitioning = child.outputPartitioning

  override def outputOrdering: Seq[SortOrder] = child.outputOrdering

  /** No column is read for every row, so the child leaves its columns unread until a parent asks. */
  override def usedInputs: AttributeSet = AttributeSet.empty

  override def inputRDDs(): Seq[RDD[InternalRow]] = child.asInstanceOf[CodegenSupport].inputRDDs()

  override protected def doProduce(ctx: CodegenContext): String =
    child.asInstanceOf[CodegenSupport].produce(ctx, this)

  override def doConsume(ctx: CodegenContext, input: Seq[ExprCode], row: ExprCode): String = {
    val spigot = ctx.addReferenceObj("spigot", sampler)
    val seen = ctx.addMutableState(CodeGenerator.JAVA_LONG, "spigotSeen")
    val part = ctx.addMutableState(CodeGenerator.JAVA_INT, "spigotPartition")
    ctx.addPartitionInitializationStatement(s"$seen = 0L;")
    ctx.addPartitionInitializationStatement(s"$part = partitionIndex;")
    s"""
       |if ($seen < ${sampler.window()}L) {
       |  $seen++;
       |  if ($spigot.draw($part)) {
       |    ${take(ctx, input, spigot, part)}
       |  }
       |}
       |${consume(ctx, input)}
     """.stripMargin
  }

  /**
   * The code that writes the record of the current row: it reads the columns the record needs
   * from copies of the inputs' code (`input` keeps its own, for the parent), then builds and
   * writes the record in a method of its own, so the stage's loop grows by a call, not by the
   * record's code. A record of too many columns for a method's parameters is built in place.
   */
  private def take(ctx: CodegenContext, input: Seq[ExprCode], spigot: String, part: String): String = {
    val bound = BindReferences.bindReferences(values, child.output)
    val used = AttributeSet(values.flatMap(_.references))
    val needed = child.output.indices.filter(i => used.contains(child.output(i)))
    val copies = input.map(_.copy())
    val readColumns = evaluateVariables(needed.map(copies))
    val params = ArrayBuffer[String]()
    val args = ArrayBuffer[String]()
    var slots = 0
    val inMethod: Seq[ExprCode] = child.output.indices.map { i =>
      if (!needed.contains(i)) {
        null
      } else {
        val ev = copies(i)
        val javaType = CodeGenerator.javaType(child.output(i).dataType)
        val value = ctx.freshName("spigotValue")
        params += s"$javaType $value"
        args += ev.value.toString
        slots += (if (javaType == CodeGenerator.JAVA_LONG || javaType == CodeGenerator.JAVA_DOUBLE) 2 else 1)
        val isNull = ev.isNull match {
          case known: LiteralValue => known
          case variable =>
            val name = ctx.freshName("spigotIsNull")
            params += s"boolean $name"
            args += variable.toString
            slots += 1
            JavaCode.isNullVariable(name)
        }
        ExprCode(isNull, JavaCode.variable(value, child.output(i).dataType))
      }
    }
    ctx.INPUT_ROW = null
    if (CodeGenerator.isValidParamLength(slots + 1)) {
      ctx.currentVars = inMethod
      val record = GenerateUnsafeProjection.createCode(ctx, bound)
      val name = ctx.freshName("spigotTake")
      val method = ctx.addNewFunction(name,
        s"""
           |private void $name(${params.mkString(", ")}) {
           |  ${record.code}
           |  $spigot.write($part, ${record.value});
           |}
         """.stripMargin)
      s"$readColumns\n$method(${args.mkString(", ")});"
    } else {
      ctx.currentVars = copies
      val record = GenerateUnsafeProjection.createCode(ctx, bound)
      s"$readColumns\n${record.code}\n$spigot.write($part, ${record.value});"
    }
  }

  override protected def doExecute(): RDD[InternalRow] = {
    val s = sampler
    val window = s.window()
    val record = values
    val columns = child.output
    child.execute().mapPartitionsWithIndex({ (partition, rows) =>
      val project = UnsafeProjection.create(record, columns)
      var seen = 0L
      rows.map { r =>
        if (seen < window) {
          seen += 1
          if (s.draw(partition)) {
            s.write(partition, project(r))
          }
        }
        r
      }
    }, preservesPartitioning = true)
  }

  override protected def withNewChildInternal(newChild: SparkPlan): SpigotExec = copy(child = newChild)
}

/**
 * A Spigot in Spark's logical plan, put in place of its filter by [[SpigotStrategy.rule]]: a
 * node of its own, so that no planning of the operators around it (a file scan's filters, say)
 * takes it in. Its record is `values`, the filter's (the frame's columns at the step, which
 * the optimiser may have rewritten over the columns below).
 */
case class SpigotNode(values: Seq[Expression], sampler: RowSampler, child: LogicalPlan) extends UnaryNode {

  override def output: Seq[Attribute] = child.output

  override def maxRows: Option[Long] = child.maxRows

  override protected def withNewChildInternal(newChild: LogicalPlan): SpigotNode = copy(child = newChild)
}

/**
 * Turns a Spigot's always-true filter into a [[SpigotNode]] at the end of optimisation, and
 * plans that node as a [[SpigotExec]]. A filter it does not recognise, or whose record no
 * longer has the sampler's columns, stays a filter, and then the filter itself samples.
 */
object SpigotStrategy extends SparkStrategy {

  override def apply(plan: LogicalPlan): Seq[SparkPlan] = plan match {
    case SpigotNode(values, s, child) => SpigotExec(values, s, planLater(child)) :: Nil
    case _ => Nil
  }

  /** The optimiser rule that puts a [[SpigotNode]] in place of a Spigot's filter. */
  object rule extends Rule[LogicalPlan] {
    override def apply(plan: LogicalPlan): LogicalPlan = plan.transformUp {
      case f @ Filter(condition, child) =>
        spigotOf(condition) match {
          case Some((s, values)) => SpigotNode(values, s, child)
          case _ => f
        }
    }
  }

  /** Adds the rule and this strategy to the session's optimiser and planner, once. */
  def register(spark: SparkSession): Unit = {
    val methods = spark.experimental
    methods.synchronized {
      if (!methods.extraStrategies.contains(this)) {
        methods.extraStrategies = methods.extraStrategies :+ this
      }
      if (!methods.extraOptimizations.contains(rule)) {
        // pruning again: a node Spark does not know hides from a scan the columns read above it
        methods.extraOptimizations = methods.extraOptimizations :+ rule :+ ColumnPruning
      }
    }
  }

  /**
   * Remembers the sampler whose filter calls a UDF of this name, while the filter's plan (which
   * holds the sampler) is in use.
   */
  def remember(udfName: String, sampler: RowSampler): Unit = {
    made.values().removeIf(_.get() == null)
    made.put(udfName, new WeakReference(sampler))
  }

  private val made = new ConcurrentHashMap[String, WeakReference[RowSampler]]()

  /**
   * The sampler and record of a condition that is a Spigot's and nothing else: one UDF of a
   * sampler's, reading the partition and a struct of the sampler's columns, through which all
   * columns are read.
   */
  private def spigotOf(condition: Expression): Option[(RowSampler, Seq[Expression])] = {
    condition.collect { case u: ScalaUDF => u } match {
      case Seq(u) if u.references == condition.references =>
        val sampler = u.udfName.flatMap(name => Option(made.get(name))).flatMap(ref => Option(ref.get()))
        (sampler, u.children) match {
          case (Some(s), Seq(_, struct: CreateNamedStruct)) if matches(s.schema(), struct) => Some((s, struct.valExprs))
          case _ => None
        }
      case _ => None
    }
  }

  private def matches(schema: StructType, struct: CreateNamedStruct): Boolean = {
    val fields = schema.fields
    fields.length == struct.valExprs.length && struct.valExprs.forall(_.deterministic) &&
      fields.zip(struct.names.zip(struct.valExprs)).forall { case (f, (name, value)) =>
        f.name == String.valueOf(name) && f.dataType == value.dataType
      }
  }
}
