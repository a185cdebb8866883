package io.scrapengine.vaultgateway.api.fuzz;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generates hostile HTTP/1.1 requests from the contract: every operation, its parameters and its body schema,
 * each filled with valid values or with the worst a client can send (wrong types, extreme lengths, controls,
 * invalid UTF-8, deep nesting, duplicate keys, odd encodings, headers, methods and versions, broken framing).
 * A request is a pure function of its {@link Random}, so a seed replays it exactly.
 *
 * <p>Every Vault address it generates stays on this machine or fails before any connection: loopback spellings
 * (refused by the outbound guard without connecting), the reserved {@code .invalid} domain (resolved locally), or
 * text that is no URL at all. No generated request can make the gateway reach any other network.
 */
final class HostileRequests {

  private static final String[] METHODS = {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE",
    "CONNECT", "FOO", "get", "PROPFIND", "M-SEARCH"};
  private static final String[] ADDRESSES = {"http://127.0.0.1:9", "https://127.0.0.1:1/v1", "http://localhost:1",
    "https://vault.invalid:8200", "http://[::1]:1", "http://0x7f.1:1", "http://2130706433:1", "http://127.1:1",
    "https://vault.invalid/ns/", "ftp://vault.invalid", "http://user:pw@vault.invalid", "http://vault.invalid?x=1",
    "http://vault.invalid#f", "http:///nohost", "https://vault.invalid:99999", "https://[fe80::1%25eth0]:1"};
  private static final String[] HOSTILE = {"", " ", "\u0000", "a\u0000b", "abc\n", "\nabc", "a\r\nb", "\t", "\u0085",
    "\u009f", "\u007f", "\u2028", "\uFEFF", "\u202Eevil", "\uD83D\uDE00", "\uD800", "\uDFFF", "\uFFFF", "\uFFFE",
    "Ａｄｍｉｎ", "e\u0301", "'; DROP TABLE vault_integrations; --", "${jndi:ldap://127.0.0.1/x}", "<script>x</script>",
    "\\", "\"", "%00", "%zz", "%", "../../etc/passwd", "null", "true", "1e400", "-0", "NaN", "{}", "[]", "\\u0000",
    "a/b/../c", "//", "/", ".", "..", "*", "?", "#", "\u00ff\u00fe", "\u0130", "ß", "x".repeat(101),
    "y".repeat(256), "z".repeat(2049)};
  private static final String[] CONTENT_TYPES = {"application/json", "application/json; charset=utf-8",
    "application/merge-patch+json", "APPLICATION/JSON", "application/json; charset=latin1", "text/plain",
    "application/x-www-form-urlencoded", "multipart/form-data; boundary=zz", "application/xml", "application/*",
    "*/*", "", ";", "application/json;;;", "application/problem+json", "application/json\u00ff"};

  private final List<Operation> operations = new ArrayList<>();
  private final JsonObject schemas;
  private final List<String> tokens;
  private final List<String> ids;

  /**
   * @param tokens bearer tokens to choose from (good, scoped, foreign, broken)
   * @param ids    integration ids that exist, to hit real rows as well as missing ones
   */
  HostileRequests(JsonObject contract, List<String> tokens, List<String> ids) {
    this.schemas = contract.getJsonObject("components").getJsonObject("schemas");
    this.tokens = tokens;
    this.ids = ids;
    String base = contract.getJsonArray("servers").getJsonObject(0).getString("url").replaceFirst("^https?://[^/]+",
      "");
    JsonObject parameters = contract.getJsonObject("components").getJsonObject("parameters");
    JsonObject paths = contract.getJsonObject("paths");
    for (String path : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(path);
      List<JsonObject> shared = resolveParameters(item.getJsonArray("parameters", new JsonArray()), parameters);
      for (String method : item.fieldNames()) {
        if (!(item.getValue(method) instanceof JsonObject operation) || method.equals("parameters")) {
          continue;
        }
        List<JsonObject> all = new ArrayList<>(shared);
        all.addAll(resolveParameters(operation.getJsonArray("parameters", new JsonArray()), parameters));
        JsonObject body = operation.getJsonObject("requestBody");
        JsonObject bodySchema = body == null ? null
          : body.getJsonObject("content").getJsonObject("application/json",
            body.getJsonObject("content").getJsonObject("application/merge-patch+json")).getJsonObject("schema");
        operations.add(new Operation(method.toUpperCase(), base + path, all, bodySchema));
      }
    }
  }

  private record Operation(String method, String path, List<JsonObject> parameters, JsonObject body) {
  }

  int operationCount() {
    return operations.size();
  }

  private static List<JsonObject> resolveParameters(JsonArray list, JsonObject components) {
    List<JsonObject> resolved = new ArrayList<>();
    for (Object entry : list) {
      JsonObject parameter = (JsonObject) entry;
      String ref = parameter.getString("$ref");
      resolved.add(ref == null ? parameter : components.getJsonObject(ref.substring(ref.lastIndexOf('/') + 1)));
    }
    return resolved;
  }

  /** Whether the request being generated keeps its values valid (a third do, so real rows get written too). */
  private final ThreadLocal<Boolean> clean = ThreadLocal.withInitial(() -> false);

  /** One request, as the bytes that go on the wire. */
  byte[] next(Random random) {
    clean.set(random.nextInt(3) == 0);
    int kind = random.nextInt(100);
    if (kind < 8) {
      return brokenMessage(random);
    }
    Operation operation = operations.get(random.nextInt(operations.size()));
    String method = random.nextInt(10) == 0 ? pick(random, METHODS) : operation.method();
    StringBuilder target = new StringBuilder(path(random, operation));
    StringBuilder headers = new StringBuilder();
    String query = query(random, operation);
    if (!query.isEmpty()) {
      target.append('?').append(query);
    }
    headerParameters(random, operation, headers);
    if (random.nextInt(8) != 0) {
      headers.append("Authorization: Bearer ").append(pick(random, tokens)).append("\r\n");
    } else if (random.nextBoolean()) {
      headers.append("Authorization: ").append(pick(random, new String[] {"Bearer", "Basic Zm9vOmJhcg==",
        "Bearer " + "A".repeat(5000), "bearer  x.y.z", "Bearer \u00ff\u00fe", ""})).append("\r\n");
    }
    oddHeaders(random, headers);
    byte[] body = operation.body() == null && random.nextInt(4) != 0 ? null : body(random, operation.body());
    String version = random.nextInt(40) == 0 ? pick(random, new String[] {"HTTP/1.0", "HTTP/1.1", "HTTP/1.2",
      "HTTP/0.9", "HTTP/2", "http/1.1"}) : "HTTP/1.1";
    return message(random, method, target.toString(), version, headers.toString(), body);
  }

  private String path(Random random, Operation operation) {
    String path = operation.path();
    if (path.contains("{id}")) {
      String id = switch (random.nextInt(6)) {
        case 0, 1 -> ids.isEmpty() ? "5f8c6a74-5f2e-4f5a-9e58-5b9c3c7d2a11" : pick(random, ids.toArray(new String[0]));
        case 2 -> "5f8c6a74-5f2e-4f5a-9e58-5b9c3c7d2a11";
        case 3 -> percentEncode(random, hostileString(random));
        case 4 -> pick(random, new String[] {"5f8c6a74-5f2e-4f5a-9e58-5b9c3c7d2a11%0A", "%zz", "%C3%28", "..", "%2e%2e",
          "5F8C6A74-5F2E-4F5A-9E58-5B9C3C7D2A11", "00000000-0000-0000-0000-000000000000", "%00", "a%2Fb", "+", ""});
        default -> Long.toString(random.nextLong());
      };
      path = path.replace("{id}", id);
    }
    if (random.nextInt(20) == 0) {
      path = pick(random, new String[] {path + "/", path + "//", "//" + path, path + "/..", path + "%2F",
        path.toUpperCase(), "/api/v1/" + percentEncode(random, hostileString(random)), "*", "/", "",
        "http://127.0.0.1" + path, path + ";x=1", path.replace("/", "%2F")});
    }
    return path;
  }

  private String query(Random random, Operation operation) {
    List<String> pairs = new ArrayList<>();
    for (JsonObject parameter : operation.parameters()) {
      if (!"query".equals(parameter.getString("in")) || random.nextInt(3) == 0) {
        continue;
      }
      String name = parameter.getString("name");
      String value = parameterValue(random, parameter);
      pairs.add(name + "=" + (random.nextInt(6) == 0 ? value : percentEncode(random, value)));
      if (random.nextInt(10) == 0) {
        pairs.add(name + "=" + percentEncode(random, hostileString(random)));
      }
    }
    if (random.nextInt(10) == 0) {
      pairs.add(pick(random, new String[] {"%zz", "a=%", "=&=", "&&&", "x=" + "y".repeat(3000), "a%00=b", "verify=true",
        "limit=0", "limit=-1", "limit=1e3", "limit=999999999999", "cursor=" + "A".repeat(40), "name", "a=b=c",
        "%E2%82"}));
    }
    return String.join("&", pairs);
  }

  private void headerParameters(Random random, Operation operation, StringBuilder headers) {
    for (JsonObject parameter : operation.parameters()) {
      if ("header".equals(parameter.getString("in")) && random.nextInt(3) != 0) {
        String value = headerSafe(parameterValue(random, parameter));
        headers.append(parameter.getString("name")).append(": ").append(value).append("\r\n");
      }
    }
  }

  private String parameterValue(Random random, JsonObject parameter) {
    JsonObject schema = resolve(parameter.getJsonObject("schema"));
    if (random.nextInt(3) == 0) {
      return hostileString(random);
    }
    return switch (String.valueOf(schema.getValue("type"))) {
      case "integer" -> pick(random, new String[] {"1", "20", "100", "101", "0", "-5", "2.5", "x", "1e2", "0x10", ""});
      case "boolean" -> pick(random, new String[] {"true", "false", "TRUE", "1", "yes", ""});
      default -> "If-Match".equals(parameter.getString("name"))
        ? pick(random, new String[] {"\"1\"", "*", "\"1\", \"2\"", "W/\"1\"", "\"50%\"", "1", "\"\"",
          "\"9999999999999999999\""})
        : validString(random, schema);
    };
  }

  private void oddHeaders(Random random, StringBuilder headers) {
    int count = random.nextInt(4) == 0 ? 1 + random.nextInt(4) : 0;
    for (int i = 0; i < count; i++) {
      headers.append(pick(random, new String[] {"Expect: 100-continue", "Expect: teapot", "Expect:",
        "Content-Encoding: gzip", "Accept: application/xml", "Accept-Charset: ebcdic", "X-Forwarded-For: 10.0.0.1",
        "Connection: keep-alive, Upgrade", "Upgrade: websocket", "Upgrade: h2c", "Cookie: a=%zz", "Range: bytes=0-1",
        "X-Long: " + "v".repeat(4000), "X-Latin: caf\u00e9\u00ff", "Idempotency-Key: ", "If-Match: ",
        "Content-Type: text/plain", "TE: trailers", "Max-Forwards: 0", "Origin: null", "Host: other",
        "Authorization: Bearer a.b.c"})).append("\r\n");
    }
  }

  private byte[] body(Random random, JsonObject schema) {
    int kind = clean.get() ? 20 : random.nextInt(20);
    if (kind == 0) {
      return pick(random, new String[] {"", "{", "}", "[]", "null", "\"text\"", "42", "{\"a\":}", "{'a':1}",
        "{\"name\":\"x\",}", "\u0000", "{\"a\":1}garbage", "{\"name\":\"\\ud800\"}", "{\"name\":\"\\u0000\"}"})
        .getBytes(StandardCharsets.UTF_8);
    }
    if (kind == 1) {
      int depth = 100 + random.nextInt(3000);
      return ("{\"name\":" + "[".repeat(depth) + "]".repeat(depth) + "}").getBytes(StandardCharsets.UTF_8);
    }
    if (kind == 2) {
      byte[] bytes = new byte[1 + random.nextInt(64)];
      random.nextBytes(bytes);
      return bytes;
    }
    if (kind == 3) {
      String json = (schema == null ? new JsonObject() : (JsonObject) value(random, schema, 0)).encode();
      int at = json.indexOf("\":\"");
      if (at > 0) {
        // invalid UTF-8 inside a string value
        byte[] head = json.substring(0, at + 3).getBytes(StandardCharsets.UTF_8);
        byte[] tail = json.substring(at + 3).getBytes(StandardCharsets.UTF_8);
        byte[] bad = {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xED, (byte) 0xA0, (byte) 0x80};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head);
        out.writeBytes(bad);
        out.writeBytes(tail);
        return out.toByteArray();
      }
    }
    if (kind == 4 && schema != null) {
      // duplicate keys: the same property twice, the second with a hostile value
      String json = ((JsonObject) value(random, schema, 0)).encode();
      return (json.substring(0, json.length() - 1) + (json.length() > 2 ? "," : "") + "\"name\":"
        + new JsonArray().add(hostileString(random)).encode().replaceAll("^\\[|]$", "") + "}")
        .getBytes(StandardCharsets.UTF_8);
    }
    if (kind == 5) {
      return ("{\"pad\":\"" + "p".repeat(70_000) + "\"}").getBytes(StandardCharsets.UTF_8);
    }
    Object value = schema == null ? new JsonObject().put("unexpected", true) : value(random, schema, 0);
    return (value instanceof JsonObject object ? object.encode() : String.valueOf(value))
      .getBytes(StandardCharsets.UTF_8);
  }

  /** A value for {@code schema}: mostly valid, sometimes hostile at any depth. */
  private Object value(Random random, JsonObject schema, int depth) {
    schema = resolve(schema);
    if (depth > 0 && !clean.get() && random.nextInt(12) == 0) {
      return hostileValue(random);
    }
    if (schema.containsKey("enum")) {
      return !clean.get() && random.nextInt(8) == 0 ? hostileString(random)
        : pick(random, schema.getJsonArray("enum").getList().toArray());
    }
    if (schema.containsKey("oneOf")) {
      JsonArray options = schema.getJsonArray("oneOf");
      return value(random, options.getJsonObject(random.nextInt(options.size())), depth + 1);
    }
    Object type = schema.getValue("type");
    String chosen = type instanceof JsonArray types ? String.valueOf(types.getValue(random.nextInt(types.size())))
      : String.valueOf(type);
    return switch (chosen) {
      case "object" -> object(random, schema, depth);
      case "string" -> !clean.get() && random.nextInt(4) == 0 ? hostileString(random) : validString(random, schema);
      case "integer" -> random.nextInt(1000);
      case "boolean" -> random.nextBoolean();
      case "null" -> null;
      case "array" -> new JsonArray().add(hostileString(random));
      default -> hostileValue(random);
    };
  }

  private JsonObject object(Random random, JsonObject schema, int depth) {
    JsonObject object = new JsonObject();
    JsonObject properties = schema.getJsonObject("properties", new JsonObject());
    JsonArray required = schema.getJsonArray("required", new JsonArray());
    for (String name : properties.fieldNames()) {
      boolean include = required.contains(name) ? clean.get() || random.nextInt(15) != 0 : random.nextInt(3) == 0;
      if (include) {
        object.put(name, value(random, properties.getJsonObject(name), depth + 1));
      }
    }
    if (clean.get()) {
      keepConditions(random, schema, properties, object, depth);
    }
    if (!clean.get() && random.nextInt(15) == 0) {
      object.put(pick(random, new String[] {"secret_id", "id", "createdAt", "\u0000", "", "__proto__", "constructor",
        "x".repeat(300)}), hostileValue(random));
    }
    return object;
  }

  /**
   * A clean object also keeps the schema's conditions: {@code not: {required: [a, b]}} (never all of them) and
   * {@code if: {not: {required: [a]}}, then: {required: [b]}} (b unless a).
   */
  private void keepConditions(Random random, JsonObject schema, JsonObject properties, JsonObject object, int depth) {
    JsonObject not = schema.getJsonObject("not");
    JsonArray exclusive = not == null ? null : not.getJsonArray("required");
    if (exclusive != null && exclusive.stream().allMatch(name -> object.containsKey((String) name))) {
      object.remove(exclusive.getString(exclusive.size() - 1));
    }
    JsonObject condition = schema.getJsonObject("if");
    JsonObject then = schema.getJsonObject("then");
    if (condition != null && then != null && condition.getJsonObject("not") != null) {
      JsonArray unless = condition.getJsonObject("not").getJsonArray("required", new JsonArray());
      if (unless.stream().noneMatch(name -> object.containsKey((String) name))) {
        for (Object name : then.getJsonArray("required", new JsonArray())) {
          if (!object.containsKey((String) name) && properties.containsKey((String) name)) {
            object.put((String) name, value(random, properties.getJsonObject((String) name), depth + 1));
          }
        }
      }
    }
  }

  private Object hostileValue(Random random) {
    return switch (random.nextInt(9)) {
      case 0 -> hostileString(random);
      case 1 -> random.nextLong();
      case 2 -> random.nextDouble() * 1e300;
      case 3 -> null;
      case 4 -> random.nextBoolean();
      case 5 -> new JsonArray().add(1).add("two").addNull();
      case 6 -> new JsonObject().put("nested", new JsonObject().put("deeper", hostileString(random)));
      case 7 -> new java.math.BigInteger(200, random);
      default -> "";
    };
  }

  private String validString(Random random, JsonObject schema) {
    Object example = schema.getValue("example");
    String description = String.valueOf(schema.getValue("description", ""));
    if (description.contains("Vault address") || random.nextInt(10) == 0 && description.contains("address")) {
      return pick(random, ADDRESSES);
    }
    if (example instanceof String text && random.nextBoolean()) {
      return text;
    }
    int max = Math.min(schema.getInteger("maxLength", 64), 64);
    StringBuilder text = new StringBuilder();
    int length = 1 + random.nextInt(Math.max(1, max));
    for (int i = 0; i < length; i++) {
      text.append((char) ('a' + random.nextInt(26)));
    }
    return text.toString();
  }

  private String hostileString(Random random) {
    if (random.nextInt(5) == 0) {
      StringBuilder text = new StringBuilder();
      int length = random.nextInt(40);
      for (int i = 0; i < length; i++) {
        text.append((char) (random.nextInt(4) == 0 ? random.nextInt(0x20) : random.nextInt(0x10000)));
      }
      return text.toString();
    }
    return pick(random, HOSTILE);
  }

  private JsonObject resolve(JsonObject schema) {
    String ref = schema == null ? null : schema.getString("$ref");
    return ref == null ? schema : resolve(schemas.getJsonObject(ref.substring(ref.lastIndexOf('/') + 1)));
  }

  private static byte[] message(Random random, String method, String target, String version, String headers,
                                byte[] body) {
    StringBuilder head = new StringBuilder().append(method).append(' ').append(target).append(' ').append(version)
      .append("\r\n");
    if (random.nextInt(30) != 0) {
      head.append("Host: ").append(random.nextInt(40) == 0 ? "" : "127.0.0.1").append("\r\n");
    }
    head.append(headers);
    if (body != null) {
      if (!headers.contains("Content-Type:") && random.nextInt(10) != 0) {
        head.append("Content-Type: ").append(random.nextInt(4) == 0 ? pick(random, CONTENT_TYPES)
          : method.equals("PATCH") && random.nextBoolean() ? "application/merge-patch+json" : "application/json")
          .append("\r\n");
      }
      if (random.nextInt(8) == 0) {
        // chunked, sometimes with odd chunk extensions
        head.append("Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes((Integer.toHexString(body.length) + (random.nextBoolean() ? ";ext=1" : "") + "\r\n")
          .getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(body);
        out.writeBytes("\r\n0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
      }
      String length = random.nextInt(40) == 0 ? pick(random, new String[] {"-1", "abc",
        body.length + ", " + body.length,
        "+" + body.length, "0x10", "99999999999999999999", String.valueOf(Math.max(0, body.length - 1))})
        : String.valueOf(body.length);
      head.append("Content-Length: ").append(length).append("\r\n");
    }
    head.append("Connection: close\r\n\r\n");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    if (body != null) {
      out.writeBytes(body);
    }
    return out.toByteArray();
  }

  /** Requests whose HTTP framing itself is broken. */
  private static byte[] brokenMessage(Random random) {
    String message = switch (random.nextInt(16)) {
      case 0 -> "GARBAGE\r\n\r\n";
      case 1 -> "GET /" + "a".repeat(8000 + random.nextInt(4000)) + " HTTP/1.1\r\nHost: x\r\n\r\n";
      case 2 -> "GET /health/live HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(16000 + random.nextInt(4000))
        + "\r\n\r\n";
      case 3 -> "GET /health/live HTTP/1.1\r\nHost: x\r\nNo colon here\r\n\r\n";
      case 4 -> "GET /health/live HTTP/" + random.nextInt(10) + "." + random.nextInt(10) + "\r\nHost: x\r\n\r\n";
      case 5 -> "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";
      case 6 -> "GET /health/live HTTP/1.1\r\nHost: x\r\nX-Ctl: a\u0001\u007fb\r\n\r\n";
      case 7 -> "POST /api/v1/vault-integrations HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n";
      case 8 -> "POST /api/v1/vault-integrations HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}";
      case 9 -> "POST /api/v1/vault-integrations HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n";
      case 10 -> "GET /health/live\r\n\r\n";
      case 11 -> "GET  /health/live  HTTP/1.1\r\nHost: x\r\n\r\n";
      case 12 -> "GET /health/live HTTP/1.1\nHost: x\n\n";
      case 13 -> "\r\n\r\nGET /health/live HTTP/1.1\r\nHost: x\r\n\r\n";
      case 14 -> "GET /a\u0000b HTTP/1.1\r\nHost: x\r\n\r\n";
      default -> "GET /health/live HTTP/1.1\r\nHost: x\r\n Folded: header\r\n\r\n";
    };
    return message.getBytes(StandardCharsets.ISO_8859_1);
  }

  /** Percent-encodes as UTF-8, sometimes leaving characters raw where a client might. */
  private static String percentEncode(Random random, String value) {
    StringBuilder out = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xFF;
      if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_') {
        out.append((char) c);
      } else if (c == '%' && random.nextInt(3) == 0) {
        out.append('%');
      } else {
        out.append('%').append(String.format("%02X", c));
      }
    }
    return out.toString();
  }

  /** A header value as it can travel: latin-1 bytes, no line breaks (those would end the header). */
  private static String headerSafe(String value) {
    StringBuilder out = new StringBuilder();
    for (char c : value.toCharArray()) {
      if (c != '\r' && c != '\n' && c <= 0xFF) {
        out.append(c);
      }
    }
    return out.toString();
  }

  @SafeVarargs
  private static <T> T pick(Random random, T... values) {
    return values[random.nextInt(values.length)];
  }

  private static String pick(Random random, List<String> values) {
    return values.get(random.nextInt(values.size()));
  }
}
