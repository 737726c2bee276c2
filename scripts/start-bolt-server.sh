#!/usr/bin/env bash
# start-bolt-server.sh - install (once, from PyPI) and start a local ArcadeDB server speaking
# Bolt and Cypher on 127.0.0.1, for kgforge's Neo4j tests; print its bolt:// URI.
#
# No Neo4j server can be installed from the package registries kgforge's machines reach.
# ArcadeDB (Apache-2.0) can: the PyPI wheel arcadedb-embedded bundles the server, its Bolt
# plugin and a Java runtime. It negotiates Bolt 4.4, which neo4rs speaks.
#
# Usage: scripts/start-bolt-server.sh [PORT]
#
# Environment (all optional):
#   BOLT_PORT         Bolt port (default 7687; the first argument wins)
#   BOLT_HOME         state: one directory per instance, pid and env files
#                     (default ${TMPDIR:-/tmp}/kgforge-bolt)
#   BOLT_INSTALL_DIR  where the wheel is installed, shared by all instances
#                     (default ${XDG_CACHE_HOME:-$HOME/.cache}/kgforge/arcadedb)
#   BOLT_PASSWORD     root password, at least 8 characters (default kgforge-test-pw)
#   BOLT_DB           database created at start (default kg)
#   BOLT_HTTP_PORT    HTTP port, bound to 127.0.0.1 (default BOLT_PORT+1); tests use it to
#                     create one database per test
#   BOLT_WAIT_SECS    seconds to wait for readiness (default 120)
#   BOLT_KEEP_DATA    1 = keep the data of a previous run on this port (default 0: start empty)
#   BOLT_JAVA_HEAP    -Xmx (default 1g)
#   PYTHON            python3 used to create the virtual environment (default python3)
#
# Output: diagnostics on stderr; the last stdout line is the URI. Also writes
# $BOLT_HOME/arcadedb-PORT.env (BOLT_URI, BOLT_USER, BOLT_PASSWORD, BOLT_DB, BOLT_HTTP_URL) and
# $BOLT_HOME/arcadedb-PORT.pid. Stop with scripts/stop-bolt-server.sh PORT.
set -euo pipefail

PORT="${1:-${BOLT_PORT:-7687}}"
HOME_DIR="${BOLT_HOME:-${TMPDIR:-/tmp}/kgforge-bolt}"
INSTALL_DIR="${BOLT_INSTALL_DIR:-${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/kgforge/arcadedb}"
PASSWORD="${BOLT_PASSWORD:-kgforge-test-pw}"
DB="${BOLT_DB:-kg}"
WAIT_SECS="${BOLT_WAIT_SECS:-120}"
KEEP_DATA="${BOLT_KEEP_DATA:-0}"
PY="${PYTHON:-python3}"
PKG="arcadedb-embedded==26.10.2.post1"

log() { echo "[start-bolt-server] $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

[[ "$PORT" =~ ^[0-9]+$ ]] || die "port must be a number: $PORT"
(( ${#PASSWORD} >= 8 )) || die "ArcadeDB needs a root password of at least 8 characters"
HTTP_PORT="${BOLT_HTTP_PORT:-$((PORT + 1))}"

mkdir -p "$HOME_DIR" "$(dirname "$INSTALL_DIR")"
HOME_DIR="$(cd "$HOME_DIR" && pwd)"
INST="$HOME_DIR/arcadedb-$PORT"
PIDFILE="$HOME_DIR/arcadedb-$PORT.pid"
ENVFILE="$HOME_DIR/arcadedb-$PORT.env"
URI="bolt://127.0.0.1:$PORT"

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
# Bolt handshake proposing 4.4 and 4.0: prints the server's 4-byte answer in hex
bolt_answer() {
  timeout 3 bash -c '
    exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
    printf "\x60\x60\xb0\x17\x00\x00\x04\x04\x00\x00\x00\x04\x00\x00\x00\x00\x00\x00\x00\x00" >&3
    head -c 4 <&3 | od -An -tx1' _ "$1" 2>/dev/null | tr -d ' \n'
}
# GET /api/v1/ready answers 204 once ArcadeDB is fully online
http_ready() {
  timeout 3 bash -c '
    exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
    printf "GET /api/v1/ready HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n" >&3
    head -n 1 <&3' _ "$1" 2>/dev/null | grep -q ' 204'
}
write_env() {
  cat > "$ENVFILE" <<ENV
BOLT_URI=$URI
BOLT_USER=root
BOLT_PASSWORD=$PASSWORD
BOLT_DB=$DB
BOLT_HTTP_URL=http://127.0.0.1:$HTTP_PORT
ENV
}

# already running? (idempotent start)
if [[ -f "$PIDFILE" ]]; then
  OLD_PID="$(cat "$PIDFILE")"
  if [[ -n "$OLD_PID" ]] && kill -0 "$OLD_PID" 2>/dev/null; then
    log "already running on port $PORT (pid $OLD_PID)"
    write_env
    echo "$URI"
    exit 0
  fi
  rm -f "$PIDFILE"
fi
port_open "$PORT" && die "port $PORT is already in use by another process"
port_open "$HTTP_PORT" && die "HTTP port $HTTP_PORT is already in use by another process"

# install once (a lock keeps parallel starts from installing twice)
MARKER="$INSTALL_DIR/.installed"
exec 9>"$INSTALL_DIR.lock"
flock 9
if [[ ! -f "$MARKER" || "$(cat "$MARKER")" != "$PKG" ]]; then
  log "installing $PKG into $INSTALL_DIR"
  rm -rf "$INSTALL_DIR"
  "$PY" -m venv "$INSTALL_DIR"
  # --no-deps: only the wheel's own server jars and Java runtime are used, not its Python API
  "$INSTALL_DIR/bin/pip" install --disable-pip-version-check -q --no-deps "$PKG"
  echo "$PKG" > "$MARKER"
fi
flock -u 9
exec 9>&-
SITE="$("$INSTALL_DIR/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')"
PKGDIR="$SITE/arcadedb_embedded"
JAVA="$PKGDIR/jre/bin/java"
[[ -x "$JAVA" ]] || die "bundled Java runtime not found at $JAVA"

if [[ "$KEEP_DATA" != 1 ]]; then rm -rf "$INST"; fi
mkdir -p "$INST"
# cd: ArcadeDB also writes ./log relative to the working directory
( cd "$INST" && exec nohup "$JAVA" -Xms128m -Xmx"${BOLT_JAVA_HEAP:-1g}" \
    --add-modules jdk.incubator.vector \
    -cp "$PKGDIR/jars/*" \
    -Darcadedb.server.rootPath="$INST" \
    -Darcadedb.server.databaseDirectory="$INST/databases" \
    -Darcadedb.server.rootPassword="$PASSWORD" \
    -Darcadedb.server.defaultDatabases="$DB[root]" \
    -Darcadedb.server.httpIncomingHost=127.0.0.1 \
    -Darcadedb.server.httpIncomingPort="$HTTP_PORT" \
    -Darcadedb.server.plugins=Bolt:com.arcadedb.bolt.BoltProtocolPlugin \
    -Darcadedb.bolt.host=127.0.0.1 \
    -Darcadedb.bolt.port="$PORT" \
    -Darcadedb.bolt.defaultDatabase="$DB" \
    com.arcadedb.server.ArcadeDBServer >>"$INST/server.log" 2>&1 ) &
PID=$!
echo "$PID" > "$PIDFILE"
log "started ArcadeDB pid $PID, log $INST/server.log"

DEADLINE=$(( $(date +%s) + WAIT_SECS ))
while :; do
  if ! kill -0 "$PID" 2>/dev/null; then
    rm -f "$PIDFILE"; tail -n 30 "$INST/server.log" >&2; die "ArcadeDB exited during startup"
  fi
  ANSWER="$(bolt_answer "$PORT" || true)"
  if [[ ${#ANSWER} -eq 8 && "$ANSWER" != 00000000 ]] && http_ready "$HTTP_PORT"; then
    break
  fi
  if (( $(date +%s) >= DEADLINE )); then
    tail -n 30 "$INST/server.log" >&2
    die "not ready on port $PORT after ${WAIT_SECS}s (pid $PID left running; use stop-bolt-server.sh $PORT)"
  fi
  sleep 0.2
done
log "ready on port $PORT (Bolt answer 0x$ANSWER)"
write_env
echo "$URI"
