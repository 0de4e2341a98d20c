# Parcours CPTS — multi-stage image: build with the Maven wrapper, run as a non-root user on a JRE.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /build
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN ./mvnw -B -q dependency:go-offline
COPY src src
COPY bpmn bpmn
COPY forms forms
RUN ./mvnw -B -q -DskipTests -Dspring-javaformat.skip=true package && cp target/parcours-cpts-*.jar /build/app.jar

FROM eclipse-temurin:17-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && groupadd --system parcours && useradd --system --gid parcours --home-dir /app parcours
WORKDIR /app
COPY --from=build /build/app.jar /app/app.jar
USER parcours
# The heap of the benchmark (docs/scale.md, P5: RSS within 600 MB): a fixed heap, not a
# share of the container's memory (75 % of a large host grew to 1.3 GB under load). The
# PDF checks keep at most a few MB of a file in memory (portail/PdfInspector, the rest in
# temporary files). Set JAVA_TOOL_OPTIONS to change it.
ENV TZ=Europe/Paris \
    JAVA_TOOL_OPTIONS="-Xmx384m -Xss512k -XX:MaxMetaspaceSize=192m -XX:ReservedCodeCacheSize=64m -Duser.timezone=Europe/Paris"
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=90s --retries=3 \
  CMD curl -fsS http://localhost:8080/actuator/health/liveness || exit 1
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
