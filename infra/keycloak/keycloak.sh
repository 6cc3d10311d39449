#!/usr/bin/env bash
# A real Keycloak (dev mode, H2 file database) on loopback, no Docker, with the spn realm imported.
#   keycloak.sh up | down | status | logs
# Environment: KEYCLOAK_PORT (18080), KEYCLOAK_MANAGEMENT_PORT (18081), KEYCLOAK_DATA_DIR (infra/keycloak/.data),
#              KEYCLOAK_HEAP (-Xms64m -Xmx256m), KEYCLOAK_JAVA_OPTS (-XX:TieredStopAtLevel=1),
#              KEYCLOAK_START_TIMEOUT (seconds, 180),
#              KEYCLOAK_HOSTNAME (http://127.0.0.1:$KEYCLOAK_PORT: the issuer in every token),
#              KC_BOOTSTRAP_ADMIN_USERNAME / KC_BOOTSTRAP_ADMIN_PASSWORD (admin / admin, master realm),
#              KEYCLOAK_JAVA_HOME (a JDK 17 or newer; the newest under /usr/lib/jvm when unset).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
port="${KEYCLOAK_PORT:-18080}"
management_port="${KEYCLOAK_MANAGEMENT_PORT:-18081}"
data="${KEYCLOAK_DATA_DIR:-$here/.data}"
heap="${KEYCLOAK_HEAP:--Xms64m -Xmx256m}"
java_opts="${KEYCLOAK_JAVA_OPTS:--XX:TieredStopAtLevel=1}"
timeout="${KEYCLOAK_START_TIMEOUT:-180}"
hostname="${KEYCLOAK_HOSTNAME:-http://127.0.0.1:$port}"
realm="spn"
cache="$here/.cache"
stamp="$cache/stamp"
pidfile="$data/keycloak.pid"
log="$data/keycloak.log"
# Each data folder is a Keycloak home of its own: Keycloak keeps its database, import folder and
# transaction logs under <home>/data, so two servers (yours and the tests') must not share one.
home="$data/home"

# The pid file names the leader of the server's process group: kc.sh (or the java it became), its java included.
running() { [[ -f "$pidfile" ]] && kill -0 -- "-$(cat "$pidfile")" 2>/dev/null; }
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
discovery() { curl -sf -o /dev/null "http://127.0.0.1:$port/realms/$realm/.well-known/openid-configuration"; }

dist() { local found=("$cache"/dist/keycloak-*/bin/kc.sh); dirname "$(dirname "${found[0]}")"; }

fetch() {
  # The distribution is fetched and unpacked once per pom: the stamp records the pom's hash.
  local want; want="$(sha256sum "$here/pom.xml" | cut -d' ' -f1)"
  if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then return; fi
  echo "keycloak: fetching the server distribution from Maven Central (once)..."
  rm -rf "$cache/dist"
  local out
  if ! out="$(mvn -q -B -f "$here/pom.xml" dependency:unpack -Dkeycloak.home="$cache/dist" 2>&1)"; then
    echo "$out"; exit 1
  fi
  echo "$want" > "$stamp"
}

java_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }

java_home() {
  # Keycloak 26.7 supports Java 17, 21 and 25 and recommends the newest: the newest of those under
  # /usr/lib/jvm, else the JDK of the `java` on PATH. For Keycloak only (JAVA_HOME of its process).
  if [[ -n "${KEYCLOAK_JAVA_HOME:-}" ]]; then echo "$KEYCLOAK_JAVA_HOME"; return; fi
  local jdk best="" best_major=0 major
  for jdk in /usr/lib/jvm/*/; do
    jdk="${jdk%/}"
    [[ -x "$jdk/bin/java" && ! -L "$jdk" ]] || continue
    major="$(java_major "$jdk")"
    if [[ "$major" =~ ^[0-9]+$ ]] && (( major >= 17 && major <= 25 && major > best_major )); then best="$jdk" best_major=$major; fi
  done
  if [[ -z "$best" ]] && command -v java >/dev/null; then best="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"; fi
  major=""; [[ -n "$best" ]] && major="$(java_major "$best")"
  if [[ ! "$major" =~ ^[0-9]+$ ]] || (( major < 17 )); then
    echo "keycloak: needs a JDK 17 or newer (under /usr/lib/jvm, on PATH, or named by KEYCLOAK_JAVA_HOME)" >&2
    exit 1
  fi
  echo "$best"
}

prepare_home() {
  # bin/kc.sh is copied (it finds its home from its own path); the rest is the shared, read-only distribution.
  local from; from="$(dist)"
  mkdir -p "$home/bin" "$home/data/import"
  cp "$from/bin/kc.sh" "$home/bin/kc.sh"
  local part; for part in lib conf providers themes; do ln -sfn "$from/$part" "$home/$part"; done
  # The committed realm, imported at start when the realm does not exist yet (a fresh data folder).
  cp "$here/realm/spn-realm.json" "$home/data/import/spn-realm.json"
}

up() {
  if running; then echo "keycloak: already running on http://127.0.0.1:$port (pid $(cat "$pidfile"))"; return; fi
  mkdir -p "$cache" "$data"
  # One start at a time per distribution: the first start-dev builds (augments) the shared distribution.
  exec 9>"$cache/start.lock"
  flock -w "$timeout" 9 || { echo "keycloak: another start did not finish within ${timeout}s"; exit 1; }
  local taken; for taken in "$port" "$management_port"; do
    # Another server there would answer the readiness check in this one's place.
    if listening "$taken"; then echo "keycloak: port $taken is already in use on 127.0.0.1"; exit 1; fi
  done
  fetch
  prepare_home
  local jdk; jdk="$(java_home)"
  local started=$SECONDS
  # setsid: the server is a process group of its own (kc.sh and its java), stopped as one by `down`.
  JAVA_HOME="$jdk" JAVA_OPTS_KC_HEAP="$heap" JAVA_OPTS_APPEND="$java_opts" \
    KC_BOOTSTRAP_ADMIN_USERNAME="${KC_BOOTSTRAP_ADMIN_USERNAME:-admin}" \
    KC_BOOTSTRAP_ADMIN_PASSWORD="${KC_BOOTSTRAP_ADMIN_PASSWORD:-admin}" \
    setsid nohup "$home/bin/kc.sh" start-dev \
    --http-host=127.0.0.1 --http-port="$port" \
    --http-management-host=127.0.0.1 --http-management-port="$management_port" --health-enabled=true \
    --hostname="$hostname" \
    --import-realm --log-console-color=false \
    >"$log" 2>&1 9>&- &
  echo $! > "$pidfile"
  until discovery; do
    if ! running; then echo "keycloak: the server exited while starting:"; tail -n 40 "$log"; exit 1; fi
    if (( SECONDS - started > timeout )); then echo "keycloak: not up after ${timeout}s:"; tail -n 40 "$log"; down; exit 1; fi
    sleep 0.5
  done
  echo "keycloak: up on http://127.0.0.1:$port (realm $realm, management :$management_port) in $(( SECONDS - started ))s" \
    "(pid $(cat "$pidfile"), $(basename "$jdk"), log $log)"
}

down() {
  if ! running; then rm -f "$pidfile"; echo "keycloak: not running"; return; fi
  local pid; pid="$(cat "$pidfile")"
  # kc.sh passes SIGTERM on to its java: a graceful stop.
  kill -TERM -- "-$pid" 2>/dev/null || true
  for _ in $(seq 1 150); do running || break; sleep 0.2; done
  if running; then kill -KILL -- "-$pid" 2>/dev/null || true; fi
  rm -f "$pidfile"
  echo "keycloak: stopped"
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) if running; then echo "keycloak: running on http://127.0.0.1:$port (pid $(cat "$pidfile"))"; else echo "keycloak: not running"; exit 1; fi ;;
  logs) tail -n "${LINES:-100}" -f "$log" ;;
  *) echo "usage: keycloak.sh up|down|status|logs" >&2; exit 2 ;;
esac
