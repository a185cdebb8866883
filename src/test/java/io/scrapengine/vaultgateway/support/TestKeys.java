package io.scrapengine.vaultgateway.support;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AesGcmKey;
import io.scrapengine.vaultgateway.crypto.DataKeyset;
import io.scrapengine.vaultgateway.crypto.KekSource;
import io.scrapengine.vaultgateway.crypto.KekSources;
import io.scrapengine.vaultgateway.crypto.SecretCipher;
import io.scrapengine.vaultgateway.crypto.TinkSecretCipher;
import io.scrapengine.vaultgateway.model.keys.StoredKeyset;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.security.GeneralSecurityException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/** The key material a test gateway stored, read back the way an operator could: from its database, with its KEK. */
public final class TestKeys {

  private TestKeys() {
  }

  /** The newest data keyset version in {@code database}, as stored (still encrypted). */
  public static StoredKeyset latestStored(TestDatabase database) {
    try (Connection connection = database.connect(); Statement statement = connection.createStatement();
         ResultSet rows = statement.executeQuery("SELECT version, encrypted_keyset, kek, primary_key_id, key_ids,"
           + " change, changed_key_id, created_at FROM data_keysets ORDER BY version DESC LIMIT 1")) {
      if (!rows.next()) {
        throw new AssertionError("the database holds no data keyset");
      }
      Array ids = rows.getArray("key_ids");
      List<Long> keyIds = Arrays.asList((Long[]) ids.getArray());
      return new StoredKeyset(rows.getLong("version"), rows.getBytes("encrypted_keyset"), rows.getString("kek"),
        rows.getLong("primary_key_id"), keyIds, rows.getString("change"), rows.getLong("changed_key_id"),
        rows.getTimestamp("created_at").toInstant());
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the data keyset", e);
    }
  }

  /** The gateway's newest data keyset, decrypted with the KEK its configuration names. */
  public static DataKeyset dataKeyset(Vertx vertx, TestGateway gateway, TestDatabase database)
    throws GeneralSecurityException {
    KekSource kek = KekSources.create(vertx, gateway.config().profile(), gateway.config().crypto(),
      gateway.dataDir()).await();
    try {
      return DataKeyset.open(latestStored(database), kek);
    } finally {
      kek.close().await();
    }
  }

  /**
   * Every form key material of {@code keyset} could take in a log line or a message: each key's raw bytes in
   * base64 and hex, and the keyset's own JSON values.
   */
  public static List<String> material(KeysetHandle keyset) throws GeneralSecurityException {
    List<String> forms = new ArrayList<>();
    for (int i = 0; i < keyset.size(); i++) {
      byte[] raw = ((AesGcmKey) keyset.getAt(i).getKey()).getKeyBytes().toByteArray(InsecureSecretKeyAccess.get());
      forms.add(Base64.getEncoder().encodeToString(raw));
      forms.add(Base64.getUrlEncoder().withoutPadding().encodeToString(raw));
      forms.add(HexFormat.of().formatHex(raw));
    }
    JsonObject json = new JsonObject(TinkJsonProtoKeysetFormat.serializeKeyset(keyset, InsecureSecretKeyAccess.get()));
    json.getJsonArray("key").forEach(key -> forms.add(((JsonObject) key).getJsonObject("keyData").getString("value")));
    return forms;
  }

  /** A cipher over the gateway's newest data keyset: decrypts what it stored, in the same contexts. */
  public static SecretCipher cipher(Vertx vertx, TestGateway gateway, TestDatabase database)
    throws GeneralSecurityException {
    return TinkSecretCipher.create(dataKeyset(vertx, gateway, database).keyset());
  }
}
