package io.dynaframe.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One version of a job's code in the lake's CODE area, as {@link Deployer#deploy} left it: the
 * folder, the files in it, and the AWS Glue job settings that run exactly this version.
 *
 * @param job the job's name
 * @param version the version folder's name, {@code v-<UTC time>-<content hash>}
 * @param location the version folder, e.g. {@code
 *     s3://my-lake/code/orders-daily/v-20261129T101500Z-3f9a2c1b}
 * @param mainClass the class whose {@code main(String[])} the job runs
 * @param scriptLocation the launcher script Glue compiles and runs
 * @param jars the deployed jars, in classpath order
 * @param glueVersion the Glue version the settings are for ({@code 5.0}, {@code 6.0})
 */
public record Deployment(
    String job,
    String version,
    String location,
    String mainClass,
    String scriptLocation,
    List<String> jars,
    String glueVersion) {

  private static final ObjectWriter JSON = new ObjectMapper().writerWithDefaultPrettyPrinter();

  /** The launcher's class name: the Scala object Glue runs with {@code --class}. */
  public static final String LAUNCHER_CLASS = "DynaframeGlueLauncher";

  /** Checks the values and copies the list. */
  public Deployment {
    Objects.requireNonNull(job, "job");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(mainClass, "mainClass");
    Objects.requireNonNull(scriptLocation, "scriptLocation");
    jars = List.copyOf(jars);
    Objects.requireNonNull(glueVersion, "glueVersion");
  }

  /**
   * The job's default arguments for Glue ({@code DefaultArguments} of {@code CreateJob}): the
   * launcher class, the jars of this version, the Data Catalog as the metastore.
   */
  public Map<String, String> defaultArguments() {
    Map<String, String> args = new LinkedHashMap<>();
    args.put("--job-language", "scala");
    args.put("--class", LAUNCHER_CLASS);
    args.put("--extra-jars", String.join(",", jars));
    args.put("--enable-glue-datacatalog", "true");
    args.put("--job-bookmark-option", "job-bookmark-disable");
    return args;
  }

  /**
   * The settings as the JSON that {@code aws glue create-job --cli-input-json} and {@code
   * update-job} take (without the role, which is the account's).
   */
  public String toGlueJobJson() {
    return json(glueJob());
  }

  /** The fields of {@link #toGlueJobJson()}, in order. */
  Map<String, Object> glueJob() {
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("Name", job);
    settings.put("GlueVersion", glueVersion);
    Map<String, String> command = new LinkedHashMap<>();
    command.put("Name", "glueetl");
    command.put("ScriptLocation", scriptLocation);
    settings.put("Command", command);
    settings.put("DefaultArguments", defaultArguments());
    return settings;
  }

  /** What was deployed and the Glue settings that run it, for a person to read or paste. */
  public String describe() {
    StringBuilder b = new StringBuilder();
    b.append("deployed job ")
        .append(job)
        .append(" version ")
        .append(version)
        .append(" to ")
        .append(location)
        .append('\n');
    for (String jar : jars) {
      b.append("  jar     ").append(jar).append('\n');
    }
    b.append("  script  ")
        .append(scriptLocation)
        .append(" (runs ")
        .append(mainClass)
        .append(".main)\n");
    b.append("AWS Glue job settings (Spark job, Glue ").append(glueVersion).append("):\n");
    b.append("  Type: Spark (glueetl), language Scala, script path ")
        .append(scriptLocation)
        .append('\n');
    defaultArguments()
        .forEach((k, v) -> b.append("  ").append(k).append(' ').append(v).append('\n'));
    b.append("as JSON for aws glue create-job / update-job --cli-input-json (add \"Role\"):\n");
    b.append(toGlueJobJson()).append('\n');
    return b.toString();
  }

  /** A value as indented JSON. */
  static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value + " as JSON", e);
    }
  }
}
