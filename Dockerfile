# The Vigil operator image (the Helm chart's default: ghcr.io/vigil-dev/vigil-operator).
#
# This file builds nothing: it packages the runnable jar that Maven builds. Our development
# machines have no Docker engine, so the image is not built or tested there; build it where one
# runs (a workstation, CI), from the repository root:
#
#   ./mvnw -pl operator -am package -DskipTests
#   docker build -t ghcr.io/vigil-dev/vigil-operator:0.1.0 .
#
# The same image serves the CLI: docker run --rm -v "$PWD:/work:ro" IMAGE validate -f /work/examples/
FROM eclipse-temurin:17-jre

LABEL org.opencontainers.image.title="vigil-operator" \
      org.opencontainers.image.description="Vigil: a Kubernetes operator for monitored MongoDB and PostgreSQL" \
      org.opencontainers.image.source="https://github.com/vigil-dev/vigil"

# pgBackRest, for the backup agent and for the init container that copies it (with the libraries
# it links) into PostgreSQL members: Vigil's image is also the backup image (docs/backup.md).
RUN apt-get update \
    && apt-get install -y --no-install-recommends pgbackrest \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
# Owned by root and read-only for the process: the operator never writes beside its jar.
COPY operator/target/vigil.jar /app/vigil.jar

# Not root: the uid the chart's security context expects (and distroless's "nonroot").
USER 65532:65532

# /metrics, /healthz and /readyz (VIGIL_HTTP_PORT).
EXPOSE 8080

ENTRYPOINT ["java", "-jar", "/app/vigil.jar"]
CMD ["run"]
