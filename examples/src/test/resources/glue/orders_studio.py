import sys
from awsglue.transforms import *
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.dynamicframe import DynamicFrame
from pyspark.sql import functions as SqlFuncs
import gs_concat
import gs_derived


def sparkAggregate(
    glueContext, parentFrame, groups, aggs, transformation_ctx
) -> DynamicFrame:
    aggsFuncs = []
    for column, func in aggs:
        aggsFuncs.append(getattr(SqlFuncs, func)(column))
    result = (
        parentFrame.toDF().groupBy(*groups).agg(*aggsFuncs)
        if len(groups) > 0
        else parentFrame.toDF().agg(*aggsFuncs)
    )
    return DynamicFrame.fromDF(result, glueContext, transformation_ctx)


args = getResolvedOptions(sys.argv, ["JOB_NAME", "orders_path", "countries_path", "output_path"])
sc = SparkContext()
glueContext = GlueContext(sc)
spark = glueContext.spark_session
job = Job(glueContext)
job.init(args["JOB_NAME"], args)

# Script generated for node Orders
Orders_node1701000000001 = glueContext.create_dynamic_frame.from_options(
    format_options={"multiline": False},
    connection_type="s3",
    format="json",
    connection_options={"paths": [args["orders_path"]], "recurse": True},
    transformation_ctx="Orders_node1701000000001",
)

# Script generated for node Countries
Countries_node1701000000002 = glueContext.create_dynamic_frame.from_options(
    format_options={"quoteChar": '"', "withHeader": True, "separator": ","},
    connection_type="s3",
    format="csv",
    connection_options={"paths": [args["countries_path"]], "recurse": True},
    transformation_ctx="Countries_node1701000000002",
)

# Script generated for node Change Schema
ChangeSchema_node1701000000003 = ApplyMapping.apply(
    frame=Orders_node1701000000001,
    mappings=[
        ("order_id", "long", "order_id", "long"),
        ("customer.name", "string", "customer", "string"),
        ("customer.city", "string", "city", "string"),
        ("amount", "double", "amount", "double"),
        ("qty", "int", "qty", "int"),
        ("country", "string", "country", "string"),
    ],
    transformation_ctx="ChangeSchema_node1701000000003",
)

# Script generated for node Drop Duplicates
DropDuplicates_node1701000000004 = DynamicFrame.fromDF(
    ChangeSchema_node1701000000003.toDF().dropDuplicates(["order_id"]),
    glueContext,
    "DropDuplicates_node1701000000004",
)

# Script generated for node Filter
Filter_node1701000000005 = Filter.apply(
    frame=DropDuplicates_node1701000000004,
    f=lambda row: (row["amount"] >= 10 and not (row["city"] == "Test")),
    transformation_ctx="Filter_node1701000000005",
)

# Script generated for node Derived Column
DerivedColumn_node1701000000006 = Filter_node1701000000005.gs_derived(
    colName="total", expr="amount * qty"
)

# Script generated for node Concatenate Columns
ConcatenateColumns_node1701000000007 = DerivedColumn_node1701000000006.gs_concat(
    colName="label", colList=["customer", "city"], spacer="@"
)

# Script generated for node Join
Join_node1701000000008 = Join.apply(
    frame1=ConcatenateColumns_node1701000000007,
    frame2=Countries_node1701000000002,
    keys1=["country"],
    keys2=["code"],
    transformation_ctx="Join_node1701000000008",
)

# Script generated for node Select Fields
SelectFields_node1701000000009 = SelectFields.apply(
    frame=Join_node1701000000008,
    paths=["region", "total", "label"],
    transformation_ctx="SelectFields_node1701000000009",
)

# Script generated for node Aggregate
Aggregate_node1701000000010 = sparkAggregate(
    glueContext,
    parentFrame=SelectFields_node1701000000009,
    groups=["region"],
    aggs=[["total", "sum"], ["label", "countDistinct"]],
    transformation_ctx="Aggregate_node1701000000010",
)

# Script generated for node Amazon S3
AmazonS3_node1701000000011 = glueContext.write_dynamic_frame.from_options(
    frame=Aggregate_node1701000000010,
    connection_type="s3",
    format="json",
    connection_options={"path": args["output_path"], "partitionKeys": []},
    transformation_ctx="AmazonS3_node1701000000011",
)

job.commit()
