package io.scrapengine.vaultgateway.support.vault;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Transit secrets engine's {@code encrypt} and {@code decrypt} for aes256-gcm96 keys, as Vault and OpenBao
 * implement them, for tests of the gateway's Transit key-encryption key:
 * <ul>
 *   <li>{@code POST <mount>/encrypt/<name>} takes a base64 {@code plaintext} and optional base64
 *       {@code associated_data} and answers {@code data.ciphertext} ({@code vault:v<version>:<base64 of nonce,
 *       ciphertext and tag>}) and {@code data.key_version} (builtin/logical/transit/path_encrypt.go; the format is
 *       sdk/helper/keysutil/policy.go, DefaultVersionTemplate and SymmetricEncryptRaw: a 12-byte nonce first);</li>
 *   <li>on a key that does not exist, encrypt is a create operation (the path's ExistenceCheck), so the ACL must
 *       grant {@code create}, and the key is made on the fly (upsert); with it, {@code update} is needed
 *       (path_encrypt.go, pathEncryptExistenceCheck);</li>
 *   <li>{@code POST <mount>/decrypt/<name>} takes {@code ciphertext} and {@code associated_data} and answers
 *       {@code data.plaintext} in base64 (builtin/logical/transit/path_decrypt.go);</li>
 *   <li>failures are 400 with Vault's texts: {@code missing plaintext to encrypt}, {@code missing ciphertext to
 *       decrypt}, {@code encryption key not found}, {@code invalid ciphertext: no prefix}, {@code invalid
 *       ciphertext: version is too new}, {@code invalid ciphertext: could not decode base64}, and Go's
 *       {@code cipher: message authentication failed} when the key or associated data differ
 *       (keysutil/policy.go, DecryptWithFactory and SymmetricDecryptRaw).</li>
 * </ul>
 * The ACL check (by the caller, as Vault's core does before any backend) comes first, then the mount's routing.
 */
public final class EmulatedTransit {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  /** mounts per namespace path, e.g. {"": {"transit/"}} */
  private final Map<String, Set<String>> mounts = new ConcurrentHashMap<>();
  /** keys by namespace path, mount and name */
  private final Map<String, List<byte[]>> keys = new ConcurrentHashMap<>();

  EmulatedTransit() {
  }

  /** Enables Transit at {@code mount} in {@code namespace} ({@code vault secrets enable -path=<mount> transit}). */
  public EmulatedTransit mount(EmulatedNamespace namespace, String mount) {
    mounts.computeIfAbsent(namespace.path(), ignored -> ConcurrentHashMap.newKeySet()).add(withSlash(mount));
    return this;
  }

  /** Creates an aes256-gcm96 key ({@code vault write -f <mount>/keys/<name>}). */
  public EmulatedTransit createKey(EmulatedNamespace namespace, String mount, String name) {
    keys.computeIfAbsent(keyName(namespace.path(), withSlash(mount), name), ignored -> newVersions());
    return this;
  }

  /** Adds a key version ({@code vault write -f <mount>/keys/<name>/rotate}); older versions still decrypt. */
  public EmulatedTransit rotateKey(EmulatedNamespace namespace, String mount, String name) {
    List<byte[]> versions = keys.get(keyName(namespace.path(), withSlash(mount), name));
    synchronized (versions) {
      versions.add(randomKey());
    }
    return this;
  }

  /** Whether {@code api} is under a Transit mount of {@code namespace}. */
  boolean serves(EmulatedNamespace namespace, String api) {
    return namespace != null && mountOf(namespace, api) != null;
  }

  /**
   * Answers a request under a Transit mount.
   *
   * @param capabilities what the caller's token may do on {@code api}, as the ACL says
   */
  EmulatedReply answer(HttpMethod method, EmulatedNamespace namespace, String api, String body,
                       Set<String> capabilities) {
    String mount = mountOf(namespace, api);
    String rest = api.substring(mount.length());
    boolean write = method == HttpMethod.POST || method == HttpMethod.PUT;
    String[] parts = rest.split("/", -1);
    if (parts.length != 2 || parts[1].isEmpty() || !(parts[0].equals("encrypt") || parts[0].equals("decrypt"))) {
      return capabilities.isEmpty() ? EmulatedReply.errors(403, "1 error occurred:\n\t* permission denied\n\n")
        : EmulatedReply.errors(404, "no handler for route \"" + api + "\". route entry not found.");
    }
    String name = keyName(namespace.path(), mount, parts[1]);
    boolean exists = keys.containsKey(name);
    // ExistenceCheck: a write to a missing key is a create operation
    String needed = parts[0].equals("encrypt") && !exists ? "create" : "update";
    if (!write) {
      return EmulatedReply.errors(405, "unsupported operation");
    }
    if (!capabilities.contains(needed)) {
      return EmulatedReply.errors(403, "1 error occurred:\n\t* permission denied\n\n");
    }
    JsonObject input;
    try {
      input = body.isBlank() ? new JsonObject() : new JsonObject(body);
    } catch (DecodeException e) {
      return EmulatedReply.errors(400, "failed to parse JSON input: " + e.getMessage());
    }
    byte[] associatedData;
    try {
      associatedData = decode(input.getString("associated_data", ""));
    } catch (IllegalArgumentException e) {
      return EmulatedReply.errors(400, "illegal base64 data in associated_data");
    }
    return parts[0].equals("encrypt") ? encrypt(name, input, associatedData) : decrypt(name, input, associatedData);
  }

  private EmulatedReply encrypt(String name, JsonObject input, byte[] associatedData) {
    if (!(input.getValue("plaintext") instanceof String plaintext)) {
      return EmulatedReply.errors(400, "missing plaintext to encrypt");
    }
    byte[] plain;
    try {
      plain = Base64.getDecoder().decode(plaintext);
    } catch (IllegalArgumentException e) {
      return EmulatedReply.errors(400, "illegal base64 data at input byte 0");
    }
    List<byte[]> versions = keys.computeIfAbsent(name, ignored -> newVersions());
    byte[] key;
    int version;
    synchronized (versions) {
      version = versions.size();
      key = versions.get(version - 1);
    }
    try {
      byte[] nonce = new byte[NONCE_BYTES];
      RANDOM.nextBytes(nonce);
      byte[] sealed = gcm(Cipher.ENCRYPT_MODE, key, nonce, associatedData).doFinal(plain);
      byte[] joined = new byte[nonce.length + sealed.length];
      System.arraycopy(nonce, 0, joined, 0, nonce.length);
      System.arraycopy(sealed, 0, joined, nonce.length, sealed.length);
      return EmulatedReply.data(new JsonObject()
        .put("ciphertext", "vault:v" + version + ":" + Base64.getEncoder().encodeToString(joined))
        .put("key_version", version));
    } catch (GeneralSecurityException e) {
      return EmulatedReply.errors(500, "internal error");
    }
  }

  private EmulatedReply decrypt(String name, JsonObject input, byte[] associatedData) {
    if (!(input.getValue("ciphertext") instanceof String ciphertext) || ciphertext.isEmpty()) {
      return EmulatedReply.errors(400, "missing ciphertext to decrypt");
    }
    List<byte[]> versions = keys.get(name);
    if (versions == null) {
      return EmulatedReply.errors(400, "encryption key not found");
    }
    if (!ciphertext.startsWith("vault:v")) {
      return EmulatedReply.errors(400, "invalid ciphertext: no prefix");
    }
    String[] fields = ciphertext.substring("vault:v".length()).split(":", 2);
    if (fields.length != 2) {
      return EmulatedReply.errors(400, "invalid ciphertext: wrong number of fields");
    }
    int version;
    try {
      version = Math.max(1, Integer.parseInt(fields[0]));
    } catch (NumberFormatException e) {
      return EmulatedReply.errors(400, "invalid ciphertext: version number could not be decoded");
    }
    byte[] key;
    synchronized (versions) {
      if (version > versions.size()) {
        return EmulatedReply.errors(400, "invalid ciphertext: version is too new");
      }
      key = versions.get(version - 1);
    }
    byte[] joined;
    try {
      joined = Base64.getDecoder().decode(fields[1]);
    } catch (IllegalArgumentException e) {
      return EmulatedReply.errors(400, "invalid ciphertext: could not decode base64");
    }
    if (joined.length < NONCE_BYTES) {
      return EmulatedReply.errors(400, "invalid ciphertext length");
    }
    byte[] nonce = java.util.Arrays.copyOf(joined, NONCE_BYTES);
    try {
      byte[] plain = gcm(Cipher.DECRYPT_MODE, key, nonce, associatedData)
        .doFinal(joined, NONCE_BYTES, joined.length - NONCE_BYTES);
      return EmulatedReply.data(new JsonObject().put("plaintext", Base64.getEncoder().encodeToString(plain)));
    } catch (GeneralSecurityException e) {
      return EmulatedReply.errors(400, "cipher: message authentication failed");
    }
  }

  private String mountOf(EmulatedNamespace namespace, String api) {
    for (String mount : mounts.getOrDefault(namespace.path(), Set.of())) {
      if ((api + "/").startsWith(mount)) {
        return mount;
      }
    }
    return null;
  }

  private static Cipher gcm(int mode, byte[] key, byte[] nonce, byte[] associatedData) throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
    if (associatedData.length > 0) {
      cipher.updateAAD(associatedData);
    }
    return cipher;
  }

  private static List<byte[]> newVersions() {
    List<byte[]> versions = new ArrayList<>();
    versions.add(randomKey());
    return versions;
  }

  private static byte[] randomKey() {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    return key;
  }

  private static byte[] decode(String base64) {
    return base64.isEmpty() ? new byte[0] : Base64.getDecoder().decode(base64.getBytes(StandardCharsets.US_ASCII));
  }

  private static String keyName(String namespace, String mount, String name) {
    return namespace + "|" + mount + "|" + name;
  }

  private static String withSlash(String mount) {
    return mount.endsWith("/") ? mount : mount + "/";
  }
}
