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
# The memory of the benchmark (docs/scale.md, P5: RSS within 600 MB after 50 users): a fixed
# heap, not a share of the container's memory (75 % of a large host grew to 1.3 GB under
# load); the serial collector, which the JVM picks by itself only below 2 CPUs or 1.8 GB and
# whose own structures are the smallest (a pause of a small heap is short); glibc's malloc
# limited to 2 arenas (by default up to 8 per core, each thread of Tomcat's and the engine's
# pools growing its own). The PDF checks keep at most a few MB of a file in memory
# (portail/PdfInspector, the rest in temporary files). MetaspaceSize: the first threshold of
# a full collection for class metadata; at Java's 21 MB default a start made three full
# collections only because classes were loading. -Xmx320m: the serial collector never gives
# heap back, so after a long load the heap's whole maximum is resident; the live heap after
# the load is 155-180 MB (docs/scale.md, "Where the RSS goes (P5)"), 256m left the old
# generation 89 % full after a full collection. TrimNativeHeapInterval (JDK 17.0.9+): every
# 5 s glibc returns the memory the JIT compilers' arenas freed (peaks of 40-50 MB that
# stayed resident). Set JAVA_TOOL_OPTIONS to change them.
ENV TZ=Europe/Paris \
    MALLOC_ARENA_MAX=2 \
    JAVA_TOOL_OPTIONS="-Xmx320m -Xss512k -XX:MaxMetaspaceSize=192m -XX:ReservedCodeCacheSize=64m -XX:MetaspaceSize=128m -XX:+UseSerialGC -XX:TrimNativeHeapInterval=5000 -Duser.timezone=Europe/Paris"
# Class data sharing (docs/scale.md, "The start and the memory (P5)"): the jar extracted to /app/app.jar and
# /app/lib/, and a training run that archives the classes a start loads to /app/app.jsa, in
# this very image (an archive is valid only for the JVM that wrote it and these jar files).
COPY scripts/cds-archive /usr/local/bin/cds-archive
COPY --from=build /build/app.jar /tmp/parcours-cpts.jar
RUN cds-archive /tmp/parcours-cpts.jar /app && rm /tmp/parcours-cpts.jar
USER parcours
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=90s --retries=3 \
  CMD curl -fsS http://localhost:8080/actuator/health/liveness || exit 1
# Without the archive (a mismatch), the JVM warns and starts as usual, only slower.
ENTRYPOINT ["java", "-XX:SharedArchiveFile=/app/app.jsa", "-jar", "/app/app.jar"]
