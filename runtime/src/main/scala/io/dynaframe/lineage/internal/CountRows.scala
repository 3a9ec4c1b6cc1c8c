package io.dynaframe.lineage.internal

import java.util.{Collections, WeakHashMap}

import org.apache.spark.TaskContext
import org.apache.spark.sql.SparkSession
import org.apache.spark.sql.catalyst.InternalRow
import org.apache.spark.sql.catalyst.expressions.{Expression, Literal, Nondeterministic, ScalaUDF, UnaryExpression}
import org.apache.spark.sql.catalyst.expressions.codegen.{CodegenContext, ExprCode, FalseLiteral}
import org.apache.spark.sql.catalyst.expressions.codegen.Block._
import org.apache.spark.sql.catalyst.plans.logical.{Filter, LogicalPlan}
import org.apache.spark.sql.catalyst.rules.Rule
import org.apache.spark.sql.types.{BooleanType, DataType}

/**
 * Where the row counts of the partitions at one point of a plan go (RowCounter implements it).
 * Called once per evaluation of a partition in a task, and per row on the driver.
 */
trait RowTally extends Serializable {
  def report(stage: Int, partition: Int, rows: Long, flagged: Long): Unit
}

/**
 * The rows of one evaluation of one partition at a counting point: a field incremented per row,
 * reported to the tally when the task ends (on the driver, with each row, there being no task).
 */
final class PartitionRows(tally: RowTally, partition: Int) {
  private[this] var rows = 0L
  private[this] var flagged = 0L
  private[this] val task = TaskContext.get()

  if (task != null) {
    task.addTaskCompletionListener[Unit] { _ => tally.report(task.stageId(), partition, rows, flagged) }
  }

  def add(flag: Boolean): Unit = {
    rows += 1
    if (flag) {
      flagged += 1
    }
    if (task == null) {
      tally.report(-1, partition, rows, flagged)
    }
  }
}

/**
 * A counting marker as Spark runs it: true for every row, and in the stage's generated code one
 * increment of a field per row (the marker's UDF would box the row's id and call through
 * Spark's converters). `flag` says which rows count as flagged (error records).
 */
case class CountRows(name: String, tally: RowTally, flag: Expression) extends UnaryExpression with Nondeterministic {
  @transient private[this] var partitionRows: PartitionRows = _

  override def child: Expression = flag
  override def dataType: DataType = BooleanType
  override def nullable: Boolean = false
  override def prettyName: String = name
  override def toString: String = s"$name($flag)"

  override protected def initializeInternal(partitionIndex: Int): Unit = {
    partitionRows = new PartitionRows(tally, partitionIndex)
  }

  override protected def evalInternal(input: InternalRow): Any = {
    partitionRows.add(flag.eval(input) == true)
    true
  }

  override protected def doGenCode(ctx: CodegenContext, ev: ExprCode): ExprCode = {
    val rowsClass = classOf[PartitionRows].getName
    val tallyRef = ctx.addReferenceObj("rowTally", tally, classOf[RowTally].getName)
    val rowsTerm = ctx.addMutableState(rowsClass, "partitionRows")
    ctx.addPartitionInitializationStatement(s"$rowsTerm = new $rowsClass($tallyRef, partitionIndex);")
    val f = flag.genCode(ctx)
    ev.copy(code = code"""
      ${f.code}
      $rowsTerm.add(!${f.isNull} && ${f.value});
      final boolean ${ev.value} = true;""", isNull = FalseLiteral)
  }

  override protected def withNewChildInternal(newChild: Expression): CountRows = copy(flag = newChild)
}

/**
 * Swaps, at the end of optimisation, the UDF of each counting marker for [[CountRows]]. The
 * logical plans that lineage reads keep the UDF; only the plan Spark runs changes.
 *
 * There is one rule per session, kept in the session's own extra optimisations
 * ([[CountRowsRule.of]]), so the markers it knows live as long as the session does and nothing
 * is kept JVM-wide. A session made with `newSession()` or `cloneSession()` starts with a copy of
 * its parent's optimisations and so shares its parent's rule; markers are unique functions, so
 * sharing mixes nothing up.
 */
final class CountRowsRule private () extends Rule[LogicalPlan] {
  /** The tally of each counting marker, by the identity of its UDF's function, while the plan holding it is in use. */
  private val tallies = Collections.synchronizedMap(new WeakHashMap[AnyRef, RowTally]())

  /** Remembers that the marker UDF with this function counts into this tally. */
  def remember(function: AnyRef, tally: RowTally): Unit = tallies.put(function, tally)

  // runs once per Filter node when a plan is optimised, never per row
  override def apply(plan: LogicalPlan): LogicalPlan = plan.transformUp {
    case f @ Filter(udf: ScalaUDF, _) if tallies.containsKey(udf.function) =>
      // a marker's UDF reads the row's id, and for error records whether the row is one
      val flag = if (udf.children.size > 1) udf.children(1) else Literal.TrueLiteral
      f.copy(condition = CountRows(udf.udfName.getOrElse("dynaframe_count"), tallies.get(udf.function), flag))
  }
}

object CountRowsRule {
  /** The session's rule, added to the session's optimiser the first time it is asked for. */
  def of(spark: SparkSession): CountRowsRule = {
    val methods = spark.experimental
    methods.synchronized {
      methods.extraOptimizations.collectFirst { case r: CountRowsRule => r }.getOrElse {
        val rule = new CountRowsRule
        methods.extraOptimizations = methods.extraOptimizations :+ rule
        rule
      }
    }
  }
}
