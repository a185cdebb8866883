package io.scrapengine.vaultgateway.vault.session;

/**
 * Where a credential's secret is: a logical path ({@code <mount>/<key>}), optionally pinned to a KV version and,
 * for KV v2, to a version of the secret.
 */
public record SecretLocation(String path, Integer kvVersion, Integer secretVersion) {
}
