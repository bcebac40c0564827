# One image per ClaimFlow service, built from the jar Maven already made:
#   docker build -f docker/service.Dockerfile --build-arg JAR=coding-service/target/coding-service.jar .
# docker-compose.yml does this for the five services (build the jars first: ./mvnw -q -B install -DskipTests).
# The jars are built for Java 17 and run on Java 25, for its AOT cache (docker/service-entrypoint.sh).
FROM eclipse-temurin:25-jre

# curl for the compose health checks (GET /actuator/health)
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*

# fixed ids: the secure profile gives each service's secrets directory to this user (docker/secure/init-secrets.sh)
RUN groupadd --system --gid 10001 claimflow \
    && useradd --system --uid 10001 --gid claimflow --home-dir /app claimflow

ARG JAR
COPY --chown=claimflow:claimflow ${JAR} /app/app.jar
COPY docker/service-entrypoint.sh /app/run.sh
# the AOT cache's name: the service's and its jar's checksum, so that a new image records its own; the directory is
# where docker-compose.yml mounts the volume that keeps the caches (a named volume takes this directory's owner)
RUN echo "$(basename "${JAR}" .jar)-$(sha256sum /app/app.jar | cut -c1-16)" > /app/app.id \
    && chmod 755 /app/run.sh && mkdir -p /app/aot && chown claimflow:claimflow /app/aot

USER claimflow
WORKDIR /app
ENV JAVA_OPTS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
ENTRYPOINT ["/app/run.sh"]
