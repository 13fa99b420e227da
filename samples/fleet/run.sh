#!/usr/bin/env bash
# The fleet sample (CONTRACT §10): redis-server, two instances of the Spring Boot sample that share their
# maintenance switch and per-client buckets through it, and nginx in front of them (round robin, X-Forwarded-For
# set by nginx and trusted by the instances) on 127.0.0.1:${PORT:-8080}. The admin token comes from
# $SLUICE_ADMIN_TOKEN. Ctrl-C (or SIGTERM) stops all of it. Needs redis-server and nginx (Debian packages).
set -euo pipefail
cd "$(dirname "$0")/../.."
PORT=${PORT:-8080}
for tool in redis-server nginx; do
  command -v "$tool" >/dev/null 2>&1 || { echo "fleet: $tool is not installed (Debian package $tool)" >&2; exit 1; }
done

# A port nothing listens on (bash's /dev/tcp: no other tool needed), below the kernel's ephemeral range
# (32768-60999 by default): a port in that range can be taken as the source port of an outgoing connection
# (an instance's own connection to Redis) between this check and the instance binding it.
free_port() {
  local p
  while :; do
    p=$(( RANDOM % 10000 + 20000 ))
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
}
REDIS_PORT=$(free_port); APP1_PORT=$(free_port); APP2_PORT=$(free_port)
work=$(mktemp -d -t sluice-fleet.XXXX)
chmod 755 "$work" # nginx's workers run as nobody when started by root
pids=()
stop() {
  trap - EXIT INT TERM
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

./mvnw -B -q -DskipTests package -pl samples/spring-boot -am
jar=samples/spring-boot/target/sluice-sample-spring-boot-0.1.0-SNAPSHOT.jar

redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --dir "$work" --save "" --appendonly no --loglevel warning \
  >"$work/redis.log" 2>&1 &
redis_pid=$!
pids+=($redis_pid)

for i in 1 2; do
  port_var="APP${i}_PORT"
  PORT=${!port_var} java -jar "$jar" \
    --sluice.maintenance.store=redis --sluice.client-limits.store=redis \
    --sluice.redis.uri="redis://127.0.0.1:$REDIS_PORT" \
    --sluice.redis.state-file="$work/instance-$i-maintenance.json" \
    --sluice.trusted-proxies=127.0.0.1 \
    >"$work/instance-$i.log" 2>&1 &
  pids+=($!)
done

cat >"$work/nginx.conf" <<NGINX
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx-error.log warn;
$( [ "$(id -u)" = 0 ] && echo "user nobody nogroup;" )
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path $work/client_body;
  proxy_temp_path $work/proxy;
  fastcgi_temp_path $work/fastcgi;
  uwsgi_temp_path $work/uwsgi;
  scgi_temp_path $work/scgi;
  upstream sluice_fleet {
    server 127.0.0.1:$APP1_PORT;
    server 127.0.0.1:$APP2_PORT;
  }
  server {
    listen 127.0.0.1:$PORT;
    location / {
      proxy_pass http://sluice_fleet;
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$remote_addr;
      proxy_set_header X-Forwarded-Proto \$scheme;
      proxy_next_upstream off;
    }
  }
}
NGINX

for i in 1 2; do
  port_var="APP${i}_PORT"
  until curl -sf "http://127.0.0.1:${!port_var}/actuator/health/readiness" >/dev/null 2>&1; do
    sleep 1
    kill -0 "${pids[$i]}" 2>/dev/null || { echo "fleet: instance $i exited:" >&2; tail -30 "$work/instance-$i.log" >&2; exit 1; }
  done
done
nginx -p "$work" -c "$work/nginx.conf" -g 'daemon off;' &
pids+=($!)
serving=("${pids[@]:1}") # the instances and nginx; redis-server may be killed to see the fleet keep serving
echo "Sluice fleet on http://127.0.0.1:$PORT: nginx -> instances on $APP1_PORT and $APP2_PORT, redis-server on $REDIS_PORT"
echo "(logs in $work; Ctrl-C stops all. Kill redis-server, pid $redis_pid, and the instances keep serving what they knew)"
wait -n "${serving[@]}"
echo "fleet: a process exited; stopping the rest" >&2
