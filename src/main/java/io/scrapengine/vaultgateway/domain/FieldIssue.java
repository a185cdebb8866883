package io.scrapengine.vaultgateway.domain;

/** One rejected input field: a dotted path into the request (or a parameter name) and the rule it breaks. */
public record FieldIssue(String field, String reason) {
}
