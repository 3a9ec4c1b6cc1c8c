import sys
from awsglue.transforms import *
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from awsglue.context import GlueContext
from awsglue.job import Job
from awsglue.dynamicframe import DynamicFrame
import gs_unpivot


def sparkUnion(glueContext, unionType, mapping, transformation_ctx) -> DynamicFrame:
    for alias, frame in mapping.items():
        frame.toDF().createOrReplaceTempView(alias)
    result = spark.sql(
        "(select * from source1) UNION " + unionType + " (select * from source2)"
    )
    return DynamicFrame.fromDF(result, glueContext, transformation_ctx)


args = getResolvedOptions(
    sys.argv, ["JOB_NAME", "sales_path", "late_path", "samples_path", "output_path"]
)
sc = SparkContext()
glueContext = GlueContext(sc)
spark = glueContext.spark_session
job = Job(glueContext)
job.init(args["JOB_NAME"], args)

# Script generated for node Sales
Sales_node1 = glueContext.create_dynamic_frame.from_options(
    format_options={"multiline": False},
    connection_type="s3",
    format="json",
    connection_options={"paths": [args["sales_path"]], "recurse": True},
    transformation_ctx="Sales_node1",
)

# Script generated for node Unpivot Columns To Rows
Unpivot_node2 = Sales_node1.gs_unpivot(
    unpivotColName="month", valueColName="value", colList=["jan", "feb"]
)

# Late sales, read as a DataFrame and made a DynamicFrame again
late_df = glueContext.create_data_frame.from_options(
    connection_type="s3",
    connection_options={"paths": [args["late_path"]]},
    format="json",
)
Late_node3 = DynamicFrame.fromDF(late_df, glueContext, "Late_node3")

# Script generated for node Union
Union_node4 = sparkUnion(
    glueContext,
    unionType="ALL",
    mapping={"source1": Unpivot_node2, "source2": Late_node3},
    transformation_ctx="Union_node4",
)

Sampled_node6 = Spigot.apply(
    frame=Union_node4,
    path=args["samples_path"],
    options={"topk": 2},
    transformation_ctx="Sampled_node6",
)
Split_node7 = SplitRows.apply(
    frame=Sampled_node6,
    comparison_dict={"value": {">": 10}},
    name1="big",
    name2="small",
    transformation_ctx="Split_node7",
)
Big_node8 = SelectFromCollection.apply(
    dfc=Split_node7, key="big", transformation_ctx="Big_node8"
)
Fields_node9 = SplitFields.apply(
    frame=Big_node8,
    paths=["id", "info", "value"],
    name1="kept",
    name2="month",
    transformation_ctx="Fields_node9",
)
Kept_node10 = SelectFromCollection.apply(
    dfc=Fields_node9, key="kept", transformation_ctx="Kept_node10"
)

# Script generated for node Amazon S3
AmazonS3_node11 = glueContext.write_dynamic_frame.from_options(
    frame=Kept_node10,
    connection_type="s3",
    format="glueparquet",
    connection_options={"path": args["output_path"], "partitionKeys": []},
    format_options={"compression": "snappy"},
    transformation_ctx="AmazonS3_node11",
)

job.commit()
