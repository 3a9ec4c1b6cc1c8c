import sys
from awsglue.transforms import *
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from awsglue.context import GlueContext
from awsglue.job import Job

args = getResolvedOptions(sys.argv, ['JOB_NAME', 'input_path'])
sc = SparkContext()
glueContext = GlueContext(sc)
job = Job(glueContext)
job.init(args['JOB_NAME'], args)

def add_total(rec):
    rec["total"] = rec["qty"] * rec["price"]
    return rec

orders = glueContext.create_dynamic_frame.from_options(connection_type = "s3", connection_options = {"paths": [args['input_path']]}, format = "json", transformation_ctx = "orders")
totals = Map.apply(frame = orders, f = add_total, transformation_ctx = "totals")
resolved = ResolveChoice.apply(frame = totals, choice = "match_catalog", database = "sales", table_name = "orders", transformation_ctx = "resolved")
parts = SplitFields.apply(frame = resolved, paths = ["id"], transformation_ctx = "parts")
cleaned = FlatMap.apply(dfc = parts, BaseTransform = DropNullFields, frame_name = "frame", transformation_ctx = "cleaned")
glueContext.write_dynamic_frame.from_jdbc_conf(frame = resolved, catalog_connection = "warehouse", connection_options = {"dbtable": "orders"}, transformation_ctx = "to_db")
job.commit()
