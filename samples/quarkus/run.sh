#!/usr/bin/env bash
# Builds what the Quarkus sample needs and starts it on 127.0.0.1:${PORT:-8080} with in-memory defaults.
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -q -DskipTests install -pl samples/quarkus -am
exec java -jar samples/quarkus/target/quarkus-app/quarkus-run.jar
