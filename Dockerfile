# syntax=docker/dockerfile:1.7
# One image for every service of the pipeline: the all-in-one jar holds them all, and the
# container's command picks one (see docker-compose.yml).

FROM maven:3.9.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
# The Maven repository lives in a build cache, so a rebuild after a code change downloads nothing.
RUN --mount=type=cache,target=/root/.m2 mvn -B -ntp -q -DskipTests package \
    && cp all-in-one/target/checkout-pipeline.jar /checkout-pipeline.jar

FROM eclipse-temurin:17.0.15_6-jre-jammy
RUN groupadd --system --gid 10001 pipeline \
    && useradd --system --uid 10001 --gid pipeline --home-dir /app --shell /usr/sbin/nologin pipeline \
    && mkdir -p /var/lib/fulfillment && chown pipeline:pipeline /var/lib/fulfillment
WORKDIR /app
COPY --from=build --chown=pipeline:pipeline /checkout-pipeline.jar /app/checkout-pipeline.jar
USER pipeline
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
ENTRYPOINT ["java", "-jar", "/app/checkout-pipeline.jar"]
CMD ["--help"]
