package io.scrapengine.vaultgateway.api;

import io.scrapengine.vaultgateway.model.LastTest;
import io.scrapengine.vaultgateway.model.SecretValue;
import io.scrapengine.vaultgateway.model.VaultSettings;
import io.scrapengine.vaultgateway.vault.CheckResult;
import io.scrapengine.vaultgateway.vault.ConnectionCheck;
import io.scrapengine.vaultgateway.vault.SecretPathRule;
import io.scrapengine.vaultgateway.vault.VaultTarget;
import io.vertx.core.Future;

import java.time.temporal.ChronoUnit;
import java.util.List;

/** Runs the connection test for an integration's settings and secret_id, as the API's handlers need it. */
final class VaultChecks {

  private final ConnectionCheck check;

  VaultChecks(ConnectionCheck check) {
    this.check = check;
  }

  /** @param path a secret to read too, or null; the field it came from is named when it breaks the rule */
  Future<CheckResult> run(VaultSettings settings, SecretValue secretId, String path, String pathField) {
    if (path != null) {
      var problem = SecretPathRule.violation(path);
      if (problem.isPresent()) {
        return Future.failedFuture(ApiException.validation(List.of(new FieldError(pathField, problem.get()))));
      }
    }
    VaultTarget target = new VaultTarget(settings.address(), settings.namespace(), settings.authMount(),
      settings.roleId(), secretId, settings.caCertificate(), settings.tlsServerName());
    return check.check(target, path);
  }

  static LastTest lastTest(CheckResult result) {
    // to the millisecond, as the result's JSON and the database's other timestamps
    return new LastTest(result.ok(), result.error() == null ? null : result.error().code().name(),
      result.checkedAt().truncatedTo(ChronoUnit.MILLIS));
  }
}
