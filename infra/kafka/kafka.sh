#!/usr/bin/env bash
# A real single-node Apache Kafka (KRaft: broker and controller in one process) on loopback, no Docker.
#   kafka.sh up | down | status | logs
# Environment: KAFKA_PORT (19092), KAFKA_CONTROLLER_PORT (19093), KAFKA_DATA_DIR (infra/kafka/.data),
#              KAFKA_HEAP (-Xms256m -Xmx512m), KAFKA_START_TIMEOUT (seconds, 90).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
port="${KAFKA_PORT:-19092}"
controller_port="${KAFKA_CONTROLLER_PORT:-19093}"
data="${KAFKA_DATA_DIR:-$here/.data}"
heap="${KAFKA_HEAP:--Xms256m -Xmx512m}"
timeout="${KAFKA_START_TIMEOUT:-90}"
libs="$here/.cache/libs"
stamp="$here/.cache/stamp"
pidfile="$data/kafka.pid"
log="$data/broker.log"

running() { [[ -f "$pidfile" ]] && kill -0 "$(cat "$pidfile")" 2>/dev/null; }
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; }

fetch() {
  # The jars are fetched once per pom: the stamp records the pom's hash.
  local want; want="$(sha256sum "$here/pom.xml" | cut -d' ' -f1)"
  if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then return; fi
  echo "kafka: fetching the broker's jars from Maven Central (once)..."
  rm -rf "$libs"
  mvn -q -B -f "$here/pom.xml" dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$libs"
  echo "$want" > "$stamp"
}

configure() {
  mkdir -p "$data/logs"
  cat > "$data/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$controller_port
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$controller_port
advertised.listeners=PLAINTEXT://127.0.0.1:$port
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$data/logs
num.partitions=1
auto.create.topics.enable=false
offsets.topic.replication.factor=1
offsets.topic.num.partitions=10
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
PROPS
  if [[ ! -f "$data/logs/meta.properties" ]]; then
    local cluster; cluster="$(java -cp "$libs/*" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n1)"
    java -cp "$libs/*" kafka.tools.StorageTool format -t "$cluster" -c "$data/server.properties" >/dev/null
  fi
}

up() {
  if running; then echo "kafka: already running on 127.0.0.1:$port (pid $(cat "$pidfile"))"; return; fi
  fetch
  configure
  local started=$SECONDS
  # shellcheck disable=SC2086
  nohup java $heap -XX:+UseG1GC -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$here/log4j2.properties" -Dkafka.logs.dir="$data" \
    -cp "$libs/*" kafka.Kafka "$data/server.properties" >"$data/console.log" 2>&1 &
  echo $! > "$pidfile"
  until listening && grep -q "Kafka Server started" "$log" 2>/dev/null; do
    if ! running; then echo "kafka: the broker exited while starting:"; tail -n 30 "$data/console.log" "$log" 2>/dev/null; exit 1; fi
    if (( SECONDS - started > timeout )); then echo "kafka: not up after ${timeout}s:"; tail -n 30 "$log"; down; exit 1; fi
    sleep 0.3
  done
  echo "kafka: up on 127.0.0.1:$port in $(( SECONDS - started ))s (pid $(cat "$pidfile"), log $log)"
}

down() {
  if ! running; then rm -f "$pidfile"; echo "kafka: not running"; return; fi
  local pid; pid="$(cat "$pidfile")"
  kill -TERM "$pid"
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
  rm -f "$pidfile"
  echo "kafka: stopped"
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) if running; then echo "kafka: running on 127.0.0.1:$port (pid $(cat "$pidfile"))"; else echo "kafka: not running"; exit 1; fi ;;
  logs) tail -n "${LINES:-100}" -f "$log" ;;
  *) echo "usage: kafka.sh up|down|status|logs" >&2; exit 2 ;;
esac
