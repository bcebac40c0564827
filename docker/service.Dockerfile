# One image per ClaimFlow service, built from the jar Maven already made:
#   docker build -f docker/service.Dockerfile --build-arg JAR=coding-service/target/coding-service.jar .
# docker-compose.yml does this for the five services (build the jars first: ./mvnw -q -B install -DskipTests).
FROM eclipse-temurin:17-jre

# curl for the compose health checks (GET /actuator/health)
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*

# fixed ids: the secure profile gives each service's secrets directory to this user (docker/secure/init-secrets.sh)
RUN groupadd --system --gid 10001 claimflow \
    && useradd --system --uid 10001 --gid claimflow --home-dir /app claimflow

ARG JAR
COPY --chown=claimflow:claimflow ${JAR} /app/app.jar

USER claimflow
WORKDIR /app
ENV JAVA_OPTS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /app/app.jar"]
