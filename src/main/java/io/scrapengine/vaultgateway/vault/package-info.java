/**
 * Talking to a customer's Vault (HashiCorp Vault or OpenBao, HTTP API v1).
 *
 * <p>What the HTTP layer needs:
 * <ul>
 *   <li>Validation before anything is stored or sent (each answers {@code Optional<String>} = why it is wrong):
 *       {@link io.scrapengine.vaultgateway.vault.AuthMountRule#violation(String)},
 *       {@link io.scrapengine.vaultgateway.vault.CaCertificateRule#violation(String)},
 *       {@link io.scrapengine.vaultgateway.vault.TlsServerNameRule#violation(String)},
 *       {@link io.scrapengine.vaultgateway.vault.SecretPathRule#violation(String)}; and for configuration
 *       {@link io.scrapengine.vaultgateway.vault.AllowedCidrs#parse(String)} (throws on a bad entry).</li>
 *   <li>One {@link io.scrapengine.vaultgateway.vault.VaultClient} per verticle, from
 *       {@link io.scrapengine.vaultgateway.vault.VaultClient#create} with
 *       {@link io.scrapengine.vaultgateway.vault.VaultClientOptions}; close it in {@code stop()}.</li>
 *   <li>{@link io.scrapengine.vaultgateway.vault.ConnectionCheck#check} with a
 *       {@link io.scrapengine.vaultgateway.vault.VaultTarget} and an optional secret path, answering a
 *       {@link io.scrapengine.vaultgateway.vault.CheckResult} ({@code toJson()} gives the API shape).</li>
 * </ul>
 *
 * <p>Every call goes through the {@link io.scrapengine.vaultgateway.vault.AddressGuard} first and connects to the
 * vetted address only. Nothing in this package logs or returns a secret_id or a Vault token.
 */
package io.scrapengine.vaultgateway.vault;
