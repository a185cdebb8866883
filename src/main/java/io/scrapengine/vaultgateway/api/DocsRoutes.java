package io.scrapengine.vaultgateway.api;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The contract for people and tools: {@code /openapi.yaml} as written, {@code /openapi.json} converted once, and
 * {@code /docs}, Swagger UI served from its webjar on the classpath, so the page works offline and loads nothing
 * from elsewhere (a Content-Security-Policy says so). GET and HEAD everywhere.
 */
final class DocsRoutes {

  private static final String WEBJAR_PROPERTIES = "META-INF/maven/org.webjars/swagger-ui/pom.properties";
  private static final String WEBJAR_ROOT = "META-INF/resources/webjars/swagger-ui/";
  private static final String PAGE_ROOT = "docs/";
  private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline';"
    + " img-src 'self' data:; connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none';"
    + " frame-ancestors 'none'";

  private DocsRoutes() {
  }

  static void mount(Router router, Buffer contractYaml, JsonObject contract) {
    Buffer contractJson = Buffer.buffer(contract.encodePrettily());
    document(router.route("/openapi.yaml"), "application/yaml", contractYaml);
    document(router.route("/openapi.json"), "application/json", contractJson);

    router.route("/docs").method(HttpMethod.GET).method(HttpMethod.HEAD)
      .handler(ctx -> {
        // vertx-web matches "/docs" for "/docs/" too: redirect the bare path only
        if (ctx.request().path().endsWith("/")) {
          ctx.next();
        } else {
          ctx.redirect("/docs/");
        }
      });
    router.route("/docs/*").method(HttpMethod.GET).method(HttpMethod.HEAD)
      .handler(ctx -> {
        ctx.response().putHeader("Content-Security-Policy", CSP).putHeader("X-Content-Type-Options", "nosniff");
        ctx.next();
      })
      .handler(StaticHandler.create(PAGE_ROOT).setIndexPage("index.html").setCachingEnabled(false))
      .handler(StaticHandler.create(WEBJAR_ROOT + swaggerUiVersion()));
  }

  private static void document(Route route, String contentType, Buffer body) {
    route.method(HttpMethod.GET).method(HttpMethod.HEAD).handler(ctx -> ctx.response()
      .putHeader(HttpHeaders.CONTENT_TYPE, contentType)
      .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
      .end(body));
  }

  /** The webjar's version names its folder; read it from the webjar itself so an upgrade needs no code change. */
  private static String swaggerUiVersion() {
    try (InputStream in = DocsRoutes.class.getClassLoader().getResourceAsStream(WEBJAR_PROPERTIES)) {
      if (in == null) {
        throw new IllegalStateException("the swagger-ui webjar is not on the classpath");
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
