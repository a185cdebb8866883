package io.scrapengine.vaultgateway.vault;

import io.scrapengine.vaultgateway.domain.DomainException;
import io.scrapengine.vaultgateway.domain.ErrorCode;
import io.scrapengine.vaultgateway.domain.VaultErrorCode;
import io.scrapengine.vaultgateway.domain.VaultProblem;
import io.scrapengine.vaultgateway.model.SecretValue;
import io.scrapengine.vaultgateway.model.VaultSettings;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns a response-wrapping token into the AppRole secret_id it holds, on the integration's own Vault (address,
 * namespace and TLS settings, through the outbound guard like every call to a customer's Vault):
 * <ol>
 *   <li>{@code sys/wrapping/lookup} (which does not use the token up) must report a {@code creation_path} of
 *       {@code auth/<the integration's mount>/role/<role>/secret-id}: the token was made by
 *       {@code vault write -wrap-ttl=... -f auth/<mount>/role/<role>/secret-id}. Any other token is refused before it
 *       is spent, so the customer keeps it;</li>
 *   <li>{@code sys/wrapping/unwrap} with the token as {@code X-Vault-Token} spends it and answers the wrapped
 *       response, whose {@code data.secret_id} is the secret.</li>
 * </ol>
 * An unknown, expired or used token is {@link ErrorCode#WRAP_TOKEN_INVALID}: Vault and OpenBao answer 400
 * {@code wrapping token is not valid or does not exist} (vault/request_handling.go, consts.ErrInvalidWrappingToken).
 * A wrong creation path or content is {@link ErrorCode#WRAP_TOKEN_UNEXPECTED}. A Vault that cannot be used fails as
 * {@link ErrorCode#VAULT_CHECK_FAILED} with the usual Vault codes. Vault's words are redacted of the token.
 *
 * <p>The role in the creation path cannot be matched against the integration's role_id without a login; the
 * login (a verify=true create, or the connection test) is what proves the secret_id belongs to the role.
 */
public final class SecretIdUnwrapper {

  private static final String INVALID_TEXT = "wrapping token is not valid or does not exist";

  private final VaultClient client;

  private SecretIdUnwrapper(VaultClient client) {
    this.client = client;
  }

  public static SecretIdUnwrapper create(VaultClient client) {
    return new SecretIdUnwrapper(client);
  }

  /** The secret_id {@code wrapToken} holds; see the class comment for the failures. */
  public Future<SecretValue> unwrap(VaultSettings settings, SecretValue wrapToken) {
    List<String> secrets = List.of(wrapToken.reveal());
    return client.lookupWrapping(settings, wrapToken)
      .recover(SecretIdUnwrapper::unreachable)
      .compose(lookup -> checkCreationPath(lookup, settings, secrets))
      .compose(ok -> client.unwrap(settings, wrapToken).recover(SecretIdUnwrapper::unreachable))
      .compose(unwrapped -> secretId(unwrapped, settings, secrets));
  }

  private static Future<Void> checkCreationPath(VaultResponse lookup, VaultSettings settings, List<String> secrets) {
    if (!lookup.succeeded()) {
      return Future.failedFuture(refused("sys/wrapping/lookup", lookup, settings, secrets));
    }
    JsonObject data = lookup.data();
    String path = data != null && data.getValue("creation_path") instanceof String text ? text : "";
    if (expectedPath(settings.authMount()).matcher(path).matches()) {
      return Future.succeededFuture();
    }
    return Future.failedFuture(DomainException.wrapTokenRefused(ErrorCode.WRAP_TOKEN_UNEXPECTED,
      new VaultProblem(VaultErrorCode.WRAP_TOKEN_UNEXPECTED, path.isEmpty()
        ? "Vault reported no creation path for the wrap token."
        : "The wrap token was made by '" + VaultMessages.truncate(VaultMessages.clean(path, secrets))
          + "', not by an AppRole secret-id request at auth/" + settings.authMount() + "/role/<role>/secret-id.",
        "Make the token with: vault write -wrap-ttl=10m -f auth/" + settings.authMount()
          + "/role/<role>/secret-id (it was not used, so you may still unwrap it yourself).")));
  }

  private static Future<SecretValue> secretId(VaultResponse unwrapped, VaultSettings settings, List<String> secrets) {
    if (!unwrapped.succeeded()) {
      return Future.failedFuture(refused("sys/wrapping/unwrap", unwrapped, settings, secrets));
    }
    JsonObject data = unwrapped.data();
    if (data != null && data.getValue("secret_id") instanceof String secretId && !secretId.isEmpty()) {
      return Future.succeededFuture(SecretValue.of(secretId));
    }
    return Future.failedFuture(DomainException.wrapTokenRefused(ErrorCode.WRAP_TOKEN_UNEXPECTED,
      new VaultProblem(VaultErrorCode.WRAP_TOKEN_UNEXPECTED, "The wrapped response held no secret_id.",
        "Make the token with: vault write -wrap-ttl=10m -f auth/" + settings.authMount() + "/role/<role>/secret-id"
          + " and send it before it expires.")));
  }

  /** What an answer other than 200 from lookup or unwrap means. */
  private static DomainException refused(String what, VaultResponse response, VaultSettings settings,
                                         List<String> secrets) {
    String said = VaultAnswers.said(response, secrets);
    int status = response.status();
    if (status == 503 && said.toLowerCase(Locale.ROOT).contains("sealed")) {
      return DomainException.unwrapFailed(VaultAnswers.sealed(said));
    }
    // 400 is Vault's answer to an unknown, expired or used token; 403 its answer when validating the token fails
    if (status == 400 || (status == 403 && said.toLowerCase(Locale.ROOT).contains("wrapping token"))
      || said.toLowerCase(Locale.ROOT).contains(INVALID_TEXT)) {
      return DomainException.wrapTokenRefused(ErrorCode.WRAP_TOKEN_INVALID,
        new VaultProblem(VaultErrorCode.WRAP_TOKEN_INVALID, "Vault refused the wrap token at " + what + " ("
          + status + (said.isEmpty() ? "" : ": " + said) + ").",
          "Wrap tokens are single use and expire after their wrap TTL: make a new one"
            + (settings.namespace() == null ? "" : " in namespace '" + settings.namespace() + "'")
            + " and send it promptly."));
    }
    if (status == 403 || status == 404) {
      return DomainException.unwrapFailed(new VaultProblem(VaultErrorCode.VAULT_ERROR,
        "Vault refused " + what + " (" + status + (said.isEmpty() ? "" : ": " + said) + ").",
        settings.namespace() == null ? "Check that the address points at the Vault that made the wrap token."
          : "Check that namespace '" + settings.namespace() + "' exists on this Vault."));
    }
    return DomainException.unwrapFailed(VaultAnswers.unexpected(what, response, secrets));
  }

  /** A call that got no answer at all: the Vault problem it carries, as an unwrap that could not run. */
  private static <T> Future<T> unreachable(Throwable failure) {
    if (failure instanceof DomainException call && call.is(ErrorCode.VAULT_FAILED)) {
      return Future.failedFuture(DomainException.unwrapFailed(call.vaultProblem()));
    }
    return Future.failedFuture(failure);
  }

  private static Pattern expectedPath(String authMount) {
    return Pattern.compile("auth/" + Pattern.quote(authMount) + "/role/[^/]+/secret-id");
  }
}
