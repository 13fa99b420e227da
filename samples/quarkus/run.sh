#!/usr/bin/env bash
# Builds the Quarkus sample and what it needs from this checkout, the extension's deployment module included
# (nothing is installed in ~/.m2), then starts it on 127.0.0.1:${PORT:-8080} with in-memory defaults; the
# admin token comes from $SLUICE_ADMIN_TOKEN.
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -q -DskipTests package -pl samples/quarkus -am
exec java -jar samples/quarkus/target/quarkus-app/quarkus-run.jar
