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
ENV TZ=Europe/Paris \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -Duser.timezone=Europe/Paris"
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=90s --retries=3 \
  CMD curl -fsS http://localhost:8080/actuator/health/liveness || exit 1
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
