#!/usr/bin/env bash
# Builds the Spring Boot sample and what it needs from this checkout (nothing is installed in ~/.m2), then
# starts it on 127.0.0.1:${PORT:-8080} with in-memory defaults; the admin token comes from $SLUICE_ADMIN_TOKEN.
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -q -DskipTests package -pl samples/spring-boot -am
exec java -jar samples/spring-boot/target/sluice-sample-spring-boot-0.1.0-SNAPSHOT.jar
