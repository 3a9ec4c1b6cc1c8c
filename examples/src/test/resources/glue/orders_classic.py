import sys
from awsglue.transforms import *
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext
from awsglue.context import GlueContext
from awsglue.job import Job

## @params: [JOB_NAME, input_path, output_path]
args = getResolvedOptions(sys.argv, ['JOB_NAME', 'input_path', 'output_path'])

sc = SparkContext()
glueContext = GlueContext(sc)
spark = glueContext.spark_session
job = Job(glueContext)
job.init(args['JOB_NAME'], args)
## @type: DataSource
## @args: [connection_type = "s3", format = "json", transformation_ctx = "datasource0"]
## @return: datasource0
## @inputs: []
datasource0 = glueContext.create_dynamic_frame.from_options(connection_type = "s3", connection_options = {"paths": [args['input_path']], "recurse": True}, format = "json", transformation_ctx = "datasource0")
## @type: ResolveChoice
## @args: [specs = [("amount", "cast:double")], transformation_ctx = "resolvechoice1"]
## @return: resolvechoice1
## @inputs: [frame = datasource0]
resolvechoice1 = ResolveChoice.apply(frame = datasource0, specs = [("amount", "cast:double")], transformation_ctx = "resolvechoice1")
## @type: ApplyMapping
## @args: [mapping = [("order_id", "long", "order_id", "long"), ("customer.name", "string", "customer", "string"), ("amount", "double", "amount", "double"), ("country", "string", "country", "string"), ("note", "string", "note", "string")], transformation_ctx = "applymapping2"]
## @return: applymapping2
## @inputs: [frame = resolvechoice1]
applymapping2 = ApplyMapping.apply(frame = resolvechoice1, mappings = [("order_id", "long", "order_id", "long"), ("customer.name", "string", "customer", "string"), ("amount", "double", "amount", "double"), ("country", "string", "country", "string"), ("note", "string", "note", "string")], transformation_ctx = "applymapping2")
## @type: Filter
## @args: [f = lambda row : (row["amount"] > 0 and row["country"] in ["NO", "SE"]), transformation_ctx = "filter3"]
## @return: filter3
## @inputs: [frame = applymapping2]
filter3 = Filter.apply(frame = applymapping2, f = lambda row : (row["amount"] > 0 and row["country"] in ["NO", "SE"]), transformation_ctx = "filter3")
## @type: RenameField
## @args: [old_name = "country", new_name = "country_code", transformation_ctx = "renamefield4"]
## @return: renamefield4
## @inputs: [frame = filter3]
renamefield4 = RenameField.apply(frame = filter3, old_name = "country", new_name = "country_code", transformation_ctx = "renamefield4")
## @type: DropNullFields
## @args: [transformation_ctx = "dropnullfields5"]
## @return: dropnullfields5
## @inputs: [frame = renamefield4]
dropnullfields5 = DropNullFields.apply(frame = renamefield4, transformation_ctx = "dropnullfields5")
## @type: DataSink
## @args: [connection_type = "s3", connection_options = {"path": args['output_path']}, format = "parquet", transformation_ctx = "datasink6"]
## @return: datasink6
## @inputs: [frame = dropnullfields5]
datasink6 = glueContext.write_dynamic_frame.from_options(frame = dropnullfields5, connection_type = "s3", connection_options = {"path": args['output_path']}, format = "parquet", transformation_ctx = "datasink6")
job.commit()
