#!/usr/bin/env bash
# stop-bolt-server.sh - stop an ArcadeDB server started by start-bolt-server.sh, by its recorded pid.
#
# Usage: scripts/stop-bolt-server.sh PORT
# Environment: BOLT_HOME (as for start-bolt-server.sh), BOLT_STOP_WAIT_SECS (default 20),
#   BOLT_STOP_SIGNAL (default TERM, a clean shutdown; KILL simulates a crash)
set -uo pipefail

[[ $# -eq 1 && "$1" =~ ^[0-9]+$ ]] || { echo "usage: $0 PORT" >&2; exit 2; }
HOME_DIR="${BOLT_HOME:-${TMPDIR:-/tmp}/kgforge-bolt}"
WAIT_SECS="${BOLT_STOP_WAIT_SECS:-20}"
SIGNAL="${BOLT_STOP_SIGNAL:-TERM}"
PIDFILE="$HOME_DIR/arcadedb-$1.pid"
log() { echo "[stop-bolt-server] $*" >&2; }

[[ -f "$PIDFILE" ]] || { log "no server recorded on port $1 ($PIDFILE)"; exit 0; }
pid="$(cat "$PIDFILE")"
if [[ -z "$pid" ]] || ! kill -0 "$pid" 2>/dev/null; then
  log "pid '$pid' is not running; removing $PIDFILE"; rm -f "$PIDFILE"; exit 0
fi
# make sure the pid still belongs to the server we started (pids get reused)
if ! tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -q 'com.arcadedb.server.ArcadeDBServer'; then
  log "pid $pid is not our ArcadeDB server; not killing it"; rm -f "$PIDFILE"; exit 1
fi
kill "-$SIGNAL" "$pid"
deadline=$(( $(date +%s) + WAIT_SECS ))
while kill -0 "$pid" 2>/dev/null && (( $(date +%s) < deadline )); do sleep 0.1; done
if kill -0 "$pid" 2>/dev/null; then
  log "pid $pid ignored SIG$SIGNAL for ${WAIT_SECS}s; sending SIGKILL"
  kill -KILL "$pid"; sleep 0.5
fi
rm -f "$PIDFILE" "$HOME_DIR/arcadedb-$1.env"
log "stopped pid $pid (port $1)"
