#!/usr/bin/env bash
# Builds the Jetty sample and what it needs from this checkout (nothing is installed in ~/.m2), then starts
# it on 127.0.0.1:${PORT:-8080} with in-memory defaults; the admin token comes from $SLUICE_ADMIN_TOKEN.
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -q -DskipTests package -pl samples/servlet-jetty -am
exec java -jar samples/servlet-jetty/target/sluice-sample-servlet-jetty.jar
