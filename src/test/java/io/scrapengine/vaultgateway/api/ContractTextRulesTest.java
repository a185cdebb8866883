package io.scrapengine.vaultgateway.api;

import io.scrapengine.vaultgateway.domain.TextRules;
import io.vertx.core.json.JsonObject;
import io.vertx.core.Vertx;
import io.vertx.openapi.impl.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The contract's patterns are {@link TextRules}' patterns, and every string a client can send is held to one: so
 * the contract and the domain rules refuse the same characters, C0 and C1 controls and U+0000 everywhere, line
 * breaks too except in a PEM bundle, and a trailing newline is no loophole.
 */
class ContractTextRulesTest {

  private static final Set<String> RULES = Set.of(TextRules.SINGLE_LINE, TextRules.MULTI_LINE, TextRules.WORD,
    TextRules.PRINTABLE_ASCII_TOKEN, TextRules.PRINTABLE_ASCII, TextRules.MOUNT_PATH, TextRules.UUID);
  /** Free-text schemas whose values are limited by an enum instead. */
  private static final Set<String> ENUMERATED = Set.of("BackendType", "AuthMethod");
  private static final Map<String, String> EXPECTED = Map.ofEntries(
    Map.entry("IntegrationName", TextRules.SINGLE_LINE),
    Map.entry("VaultAddress", TextRules.SINGLE_LINE),
    Map.entry("VaultNamespace", TextRules.WORD),
    Map.entry("RoleId", TextRules.SINGLE_LINE),
    Map.entry("SecretId", TextRules.SINGLE_LINE),
    Map.entry("AuthMount", TextRules.MOUNT_PATH),
    Map.entry("CaCertificate", TextRules.MULTI_LINE),
    Map.entry("TlsServerName", TextRules.SINGLE_LINE),
    Map.entry("SecretPath", TextRules.SINGLE_LINE),
    Map.entry("SecretIdWrapToken", TextRules.PRINTABLE_ASCII));

  private static Vertx vertx;
  private static JsonObject contract;

  @BeforeAll
  static void load() {
    vertx = Vertx.vertx();
    contract = Utils.readYamlOrJson(vertx, "schemas/openapi.yaml").await();
  }

  @AfterAll
  static void close() {
    vertx.close().await();
  }

  @Test
  void requestSchemasUseTheSharedPatterns() {
    JsonObject schemas = contract.getJsonObject("components").getJsonObject("schemas");
    EXPECTED.forEach((name, pattern) ->
      assertEquals(pattern, schemas.getJsonObject(name).getString("pattern"), name));
  }

  @Test
  void everyStringParameterHasASharedPattern() {
    JsonObject parameters = contract.getJsonObject("components").getJsonObject("parameters");
    for (String name : parameters.fieldNames()) {
      JsonObject schema = parameters.getJsonObject(name).getJsonObject("schema");
      if (schema.containsKey("$ref")) {
        schema = contract.getJsonObject("components").getJsonObject("schemas")
          .getJsonObject(schema.getString("$ref").substring("#/components/schemas/".length()));
      }
      if ("string".equals(schema.getValue("type")) && !schema.containsKey("enum")) {
        assertTrue(shared(schema.getString("pattern")), name + " has pattern " + schema.getString("pattern"));
      }
    }
  }

  @Test
  void everyRequestStringSchemaHasASharedPattern() {
    JsonObject schemas = contract.getJsonObject("components").getJsonObject("schemas");
    for (String name : List.of("CreateVaultIntegrationRequest", "UpdateVaultIntegrationRequest",
      "ConnectionTestRequest", "CreateCredentialRequest", "UpdateCredentialRequest")) {
      for (JsonObject property : properties(schemas, schemas.getJsonObject(name))) {
        String type = String.valueOf(property.getValue("type"));
        if (type.contains("string") && !property.containsKey("enum")) {
          assertTrue(shared(property.getString("pattern")), name + ": " + property.encode());
        }
        if (property.getValue("additionalProperties") instanceof JsonObject values
          && "string".equals(values.getValue("type"))) {
          assertTrue(shared(values.getString("pattern")), name + " map values: " + property.encode());
        }
      }
    }
    ENUMERATED.forEach(name -> assertTrue(schemas.getJsonObject(name).containsKey("enum"), name));
  }

  @Test
  void theSharedPatternsRefuseEveryControlCharacterWhereverItStands() {
    for (String rule : List.of(TextRules.SINGLE_LINE, TextRules.WORD, TextRules.MULTI_LINE)) {
      Pattern pattern = Pattern.compile(rule);
      assertTrue(pattern.matcher("abc").find(), rule);
      for (char c = 0; c <= 0x9F; c++) {
        boolean control = c < 0x20 || c >= 0x7F;
        if (!control || rule.equals(TextRules.MULTI_LINE) && (c == '\t' || c == '\n' || c == '\r')) {
          continue;
        }
        for (String value : List.of(c + "abc", "ab" + c + "c", "abc" + c)) {
          assertFalse(pattern.matcher(value).find(), rule + " accepted U+" + Integer.toHexString(c));
        }
      }
    }
    assertTrue(TextRules.isMultiLine("-----BEGIN CERTIFICATE-----\r\nMIIB\tx\n-----END CERTIFICATE-----\n"));
    assertFalse(Pattern.compile(TextRules.PRINTABLE_ASCII_TOKEN).matcher("key\n").find());
    assertFalse(Pattern.compile(TextRules.MOUNT_PATH).matcher("approle\n").find());
    assertFalse(Pattern.compile(TextRules.PRINTABLE_ASCII).matcher("hvs.token\n").find());
    assertFalse(Pattern.compile(TextRules.UUID).matcher("5f8c6a74-5f2e-4f5a-9e58-5b9c3c7d2a11\n").find());
  }

  @Test
  void theDomainRulesAgreeWithThePatterns() {
    for (char c = 0; c < 0x3000; c++) {
      String value = "a" + c + "b";
      assertEquals(Pattern.compile(TextRules.SINGLE_LINE).matcher(value).find(), TextRules.isSingleLine(value));
      assertEquals(!(c < 0x20 || c >= 0x7F && c <= 0x9F), TextRules.isSingleLine(value),
        "U+" + Integer.toHexString(c));
    }
  }

  private static boolean shared(String pattern) {
    return pattern != null && RULES.contains(pattern);
  }

  private static List<JsonObject> properties(JsonObject schemas, JsonObject schema) {
    List<JsonObject> found = new ArrayList<>();
    JsonObject properties = schema.getJsonObject("properties", new JsonObject());
    for (String name : properties.fieldNames()) {
      JsonObject property = properties.getJsonObject(name);
      if (property.containsKey("$ref")) {
        property = schemas.getJsonObject(property.getString("$ref").substring("#/components/schemas/".length()));
      }
      if (property.containsKey("properties")) {
        found.addAll(properties(schemas, property));
      } else {
        found.add(property);
      }
    }
    return found;
  }
}
