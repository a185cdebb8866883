package io.scrapengine.vaultgateway.api;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SchemaErrorsTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "/config/address|config.address",
    "/name|name",
    "|''",
    "/config.address|[\"config.address\"]",
    "/a~1b|[\"a/b\"]",
    "/config/secret_id|config.secret_id"})
  void jsonPointersBecomeFieldNames(String pointer, String field) {
    assertEquals(field.equals("''") ? "" : field, SchemaErrors.fieldName(pointer));
  }
}
