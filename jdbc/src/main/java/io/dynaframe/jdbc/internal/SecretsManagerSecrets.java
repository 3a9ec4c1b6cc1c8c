package io.dynaframe.jdbc.internal;

import java.net.URI;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;

/**
 * Reads a secret string from AWS Secrets Manager with the SDK v2 client: the only class that names
 * SDK types, so that {@link Secrets} loads without the SDK. Credentials come from the SDK's default
 * provider chain.
 */
final class SecretsManagerSecrets {
  private SecretsManagerSecrets() {}

  static String secretString(
      String secretId, String region, String endpoint, Function<String, RuntimeException> error) {
    SecretsManagerClientBuilder b = SecretsManagerClient.builder();
    if (!region.isBlank()) {
      b.region(Region.of(region.strip()));
    }
    if (!endpoint.isBlank()) {
      b.endpointOverride(URI.create(endpoint.strip()));
    }
    try (SecretsManagerClient client = b.build()) {
      GetSecretValueResponse r = client.getSecretValue(q -> q.secretId(secretId));
      if (r.secretString() == null) {
        throw error.apply(
            "secret '"
                + secretId
                + "' of AWS Secrets Manager is binary; a JDBC secret is a JSON secret string with"
                + " 'username' and 'password'");
      }
      return r.secretString();
    } catch (ResourceNotFoundException e) {
      throw error.apply("secret '" + secretId + "' does not exist in AWS Secrets Manager");
    } catch (SecretsManagerException e) {
      String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
      String msg =
          e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
      throw error.apply(
          "cannot read secret '" + secretId + "' from AWS Secrets Manager: " + code + ": " + msg);
    } catch (SdkException e) {
      throw error.apply(
          "cannot read secret '" + secretId + "' from AWS Secrets Manager: " + e.getMessage());
    }
  }
}
