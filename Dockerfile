# syntax=docker/dockerfile:1

# Build stage: compile and package the executable jar.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src src
COPY schemas schemas
COPY conf conf
# neither the tests nor the client generated for them are needed in the image
RUN mvn -B -q package -Dmaven.test.skip=true -Dcodegen.skip=true

# Runtime stage: a JRE, the jar, the contract and defaults, a non-root user.
FROM eclipse-temurin:17-jre
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin gateway
WORKDIR /app
COPY --from=build /src/target/vault-gateway.jar /app/vault-gateway.jar
COPY conf /app/conf
COPY schemas /app/schemas
RUN mkdir -p /app/data && chown gateway /app/data
# Containers are for deployments: the production profile refuses to start without configured
# JWT keys, issuer, audience, a key-encryption key and a data keyset in the database ('keys init';
# see README, Operating keys). Pass APP_PROFILE=dev to try it out.
ENV APP_PROFILE=prod \
    HTTP_PORT=8080 \
    DATA_DIR=/app/data
USER gateway
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=40s --retries=3 \
  CMD curl -fsS "http://127.0.0.1:${HTTP_PORT}/health/ready" > /dev/null || exit 1
# -XX:-DontCompileHugeMethods: request validation is one method too large for the JIT's default limit
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-XX:-DontCompileHugeMethods", \
  "-jar", "/app/vault-gateway.jar"]
