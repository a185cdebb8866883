package io.scrapengine.vaultgateway.api.openapi;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.core.file.FileSystem;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.SchemaException;
import io.vertx.json.schema.SchemaRepository;
import io.vertx.json.schema.Validator;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.OpenAPIVersion;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Path;
import io.vertx.openapi.contract.SecurityRequirement;
import io.vertx.openapi.contract.SecurityScheme;
import io.vertx.openapi.contract.Server;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The contract with one change: its schema repository hands out one validator per schema, compiled once at start,
 * instead of building a new one for every request. vertx-openapi 5.0.7 (still in 5.1.3) asks for a validator per
 * body and parameter on each request, and building one copies the repository's whole lookup table (the OpenAPI
 * 3.1 meta-schemas included): a fifth of the CPU under load. Validators keep no state between validations, and
 * the schemas asked for are the operation models' own instances, so caching by identity is exact. Drop this class
 * once vertx-openapi caches validators itself.
 */
final class CachedValidatorContract implements OpenAPIContract {

  private final OpenAPIContract contract;
  private final SchemaRepository repository;

  private CachedValidatorContract(OpenAPIContract contract) {
    this.contract = contract;
    SchemaRepository schemas = contract.getSchemaRepository();
    Map<JsonSchema, Validator> validators = new IdentityHashMap<>();
    for (Operation operation : contract.operations()) {
      operation.getParameters().forEach(parameter ->
        validators.computeIfAbsent(parameter.getSchema(), schemas::validator));
      if (operation.getRequestBody() != null) {
        operation.getRequestBody().getContent().values().stream()
          .filter(mediaType -> mediaType.getSchema() != null)
          .forEach(mediaType -> validators.computeIfAbsent(mediaType.getSchema(), schemas::validator));
      }
    }
    this.repository = new CachingRepository(schemas, validators);
  }

  /** The contract with every parameter and body validator compiled now, so no request pays for it. */
  static OpenAPIContract wrap(OpenAPIContract contract) {
    return new CachedValidatorContract(contract);
  }

  @Override
  public SchemaRepository getSchemaRepository() {
    return repository;
  }

  @Override
  public Operation operation(String operationId) {
    return contract.operation(operationId);
  }

  @Override
  public List<Operation> operations() {
    return contract.operations();
  }

  @Override
  public List<Path> getPaths() {
    return contract.getPaths();
  }

  @Override
  public JsonObject getRawContract() {
    return contract.getRawContract();
  }

  @Override
  public OpenAPIVersion getVersion() {
    return contract.getVersion();
  }

  @Override
  public List<Server> getServers() {
    return contract.getServers();
  }

  @Override
  public Path findPath(String urlPath) {
    return contract.findPath(urlPath);
  }

  @Override
  public Operation findOperation(String urlPath, HttpMethod method) {
    return contract.findOperation(urlPath, method);
  }

  @Override
  public List<SecurityRequirement> getSecurityRequirements() {
    return contract.getSecurityRequirements();
  }

  @Override
  public SecurityScheme securityScheme(String name) {
    return contract.securityScheme(name);
  }

  private static final class CachingRepository implements SchemaRepository {

    private final SchemaRepository repository;
    /** Filled before the first request and only read after, so it needs no lock. */
    private final Map<JsonSchema, Validator> validators;

    CachingRepository(SchemaRepository repository, Map<JsonSchema, Validator> validators) {
      this.repository = repository;
      this.validators = validators;
    }

    @Override
    public Validator validator(JsonSchema schema) {
      Validator validator = validators.get(schema);
      return validator != null ? validator : repository.validator(schema);
    }

    @Override
    public SchemaRepository dereference(JsonSchema schema) throws SchemaException {
      repository.dereference(schema);
      return this;
    }

    @Override
    public SchemaRepository dereference(String uri, JsonSchema schema) throws SchemaException {
      repository.dereference(uri, schema);
      return this;
    }

    @Override
    public SchemaRepository preloadMetaSchema(FileSystem fs) {
      repository.preloadMetaSchema(fs);
      return this;
    }

    @Override
    public SchemaRepository preloadMetaSchema(FileSystem fs, Draft draft) {
      repository.preloadMetaSchema(fs, draft);
      return this;
    }

    @Override
    public Validator validator(String ref) {
      return repository.validator(ref);
    }

    @Override
    public Validator validator(String ref, JsonSchemaOptions options) {
      return repository.validator(ref, options);
    }

    @Override
    public Validator validator(JsonSchema schema, JsonSchemaOptions options, boolean dereference) {
      return repository.validator(schema, options, dereference);
    }

    @Override
    public JsonObject resolve(JsonObject schema) {
      return repository.resolve(schema);
    }

    @Override
    public JsonSchema find(String pointer) {
      return repository.find(pointer);
    }
  }
}
