package io.dynaframe.jdbc.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.function.Function;
import org.apache.spark.sql.SparkSession;

/**
 * Resolves a secret id (Glue's {@code SECRET_ID} of a connection, or the {@code secretId}
 * connection option) to a user name and password: from the local secrets file named by the Spark
 * setting {@value #FILE} when it is set (a JSON object of secret id to {@code {"username": ...,
 * "password": ...}}), else from AWS Secrets Manager ({@code GetSecretValue}, the secret string a
 * JSON object with {@code username} and {@code password}, as RDS secrets are).
 *
 * <p>No secret value is ever part of a message: errors name the secret id, the file, the line and
 * column, never the text.
 */
public final class Secrets {
  private Secrets() {}

  /** The Spark setting naming a local secrets file (used instead of Secrets Manager). */
  public static final String FILE = "spark.dynaframe.secrets.file";

  /** The Spark setting naming the region of Secrets Manager (default: the SDK's region chain). */
  public static final String REGION = "spark.dynaframe.secretsmanager.region";

  /** The Spark setting naming another endpoint of Secrets Manager (a VPC endpoint, a stub). */
  public static final String ENDPOINT = "spark.dynaframe.secretsmanager.endpoint";

  /** The artifact that holds the Secrets Manager client. */
  static final String SDK_ARTIFACT = "software.amazon.awssdk:secretsmanager";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A user name and password; {@link #toString()} hides the password. */
  public record Credentials(String username, String password) {
    @Override
    public String toString() {
      return "Credentials[" + username + ", *****]";
    }
  }

  /** The credentials of a secret, the settings read from the session's configuration. */
  public static Credentials resolve(
      SparkSession spark, String secretId, Function<String, RuntimeException> error) {
    return resolve(k -> spark.conf().get(k, ""), secretId, error);
  }

  /** The credentials of a secret; {@code conf} gives a setting's value, "" when it is not set. */
  public static Credentials resolve(
      java.util.function.UnaryOperator<String> conf,
      String secretId,
      Function<String, RuntimeException> error) {
    if (secretId == null || secretId.isBlank()) {
      throw error.apply("the secret id is empty");
    }
    String file = conf.apply(FILE);
    if (!file.isBlank()) {
      return fromFile(Paths.get(file.strip()), secretId, error);
    }
    if (!sdkPresent()) {
      throw error.apply(
          "secret '"
              + secretId
              + "' is read from AWS Secrets Manager, whose client is not on the class path (no"
              + " class software.amazon.awssdk.services.secretsmanager.SecretsManagerClient): add "
              + SDK_ARTIFACT
              + " (version 2.x) to the job's dependencies, or set "
              + FILE
              + " to a local secrets file");
    }
    String secretString =
        SecretsManagerSecrets.secretString(
            secretId, conf.apply(REGION), conf.apply(ENDPOINT), error);
    return parse(secretString, "secret '" + secretId + "' of AWS Secrets Manager", error);
  }

  private static Credentials fromFile(
      Path file, String secretId, Function<String, RuntimeException> error) {
    String where = "the secrets file " + file + " (" + FILE + ")";
    JsonNode all;
    try {
      all = JSON.readTree(Files.readString(file));
    } catch (JsonProcessingException e) {
      // the parser's message quotes the text around the error: only its place is told
      throw error.apply(
          where
              + " is not valid JSON at line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr());
    } catch (IOException e) {
      throw error.apply("cannot read " + where + ": " + e.getClass().getSimpleName());
    }
    if (all == null || !all.isObject()) {
      throw error.apply(where + " must hold a JSON object of secret id to secret");
    }
    JsonNode secret = all.get(secretId);
    if (secret == null) {
      throw error.apply("secret '" + secretId + "' is not in " + where);
    }
    String what = "secret '" + secretId + "' in " + where;
    if (secret.isTextual()) {
      return parse(secret.asText(), what, error);
    }
    return credentials(secret, what, error);
  }

  /** The credentials in a secret string: a JSON object with username and password. */
  static Credentials parse(String secretString, String what, Function<String, RuntimeException> e) {
    JsonNode node;
    try {
      node = JSON.readTree(secretString == null ? "" : secretString);
    } catch (JsonProcessingException bad) {
      throw e.apply(what + " is not a JSON object with 'username' and 'password' (it is not JSON)");
    }
    return credentials(node, what, e);
  }

  private static Credentials credentials(
      JsonNode node, String what, Function<String, RuntimeException> error) {
    if (node == null || !node.isObject()) {
      throw error.apply(what + " is not a JSON object with 'username' and 'password'");
    }
    JsonNode user = node.get("username");
    JsonNode password = node.get("password");
    if (password == null || !password.isValueNode() || password.isNull()) {
      throw error.apply(
          what
              + " has no 'password' key; its keys are "
              + com.google.common.collect.ImmutableList.copyOf(node.fieldNames()));
    }
    return new Credentials(user == null || user.isNull() ? null : user.asText(), password.asText());
  }

  /** Whether the Secrets Manager client can be loaded. */
  private static boolean sdkPresent() {
    try {
      Class.forName(
          "software.amazon.awssdk.services.secretsmanager.SecretsManagerClient",
          false,
          Secrets.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}
