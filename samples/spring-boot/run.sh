#!/usr/bin/env bash
# Builds what the Spring Boot sample needs and starts it on 127.0.0.1:${PORT:-8080} with in-memory defaults.
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -q -DskipTests install -pl samples/spring-boot -am
exec java -jar samples/spring-boot/target/sluice-sample-spring-boot-0.1.0-SNAPSHOT.jar
