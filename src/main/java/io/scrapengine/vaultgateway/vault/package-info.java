/**
 * Talking to a customer's Vault (HashiCorp Vault or OpenBao, HTTP API v1).
 *
 * <ul>
 *   <li>Input rules, each answering {@code Optional<String>} (why a value is wrong):
 *       {@link io.scrapengine.vaultgateway.vault.VaultAddressRule}, {@link io.scrapengine.vaultgateway.vault.AuthMountRule},
 *       {@link io.scrapengine.vaultgateway.vault.CaCertificateRule}, {@link io.scrapengine.vaultgateway.vault.TlsServerNameRule},
 *       {@link io.scrapengine.vaultgateway.vault.SecretPathRule}; {@link io.scrapengine.vaultgateway.vault.VaultSettingsRules}
 *       applies them to an integration's settings at once.</li>
 *   <li>{@link io.scrapengine.vaultgateway.vault.VaultClient}: one per process, the raw calls; every call passes the
 *       outbound address guard ({@code vault.egress}) first and connects to the vetted address only.</li>
 *   <li>{@link io.scrapengine.vaultgateway.vault.ConnectionTest}: health, login, lookup, optional read, revoke;
 *       answers a {@link io.scrapengine.vaultgateway.vault.ConnectionTestResult}, with
 *       {@link io.scrapengine.vaultgateway.vault.VaultAnswers} saying what each of Vault's answers means.</li>
 * </ul>
 *
 * <p>Nothing in this package logs or returns a secret_id or a Vault token.
 */
package io.scrapengine.vaultgateway.vault;
