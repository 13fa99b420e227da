#!/usr/bin/env bash
# Builds what the Jetty sample needs and starts it on 127.0.0.1:${PORT:-8080} with in-memory defaults.
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -q -DskipTests install -pl samples/servlet-jetty -am
exec ./mvnw -B -q exec:java -pl samples/servlet-jetty
