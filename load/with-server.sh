#!/usr/bin/env bash
# Runs a command against a fresh run-command server: starts the README's run command
# (mvn -Prun install, embedded PostgreSQL, development issuer) in the background, waits for
# /health/ready, runs the command given, then stops the server (SIGTERM: Liberty, then PostgreSQL)
# however the command ends. Its exit status is the command's.
#
#   load/with-server.sh mvn -Pload -pl load verify
#   load/with-server.sh load/ratio.sh
#
# On a machine where integration tests also run, queue it: flock /tmp/lockin-it.lock load/with-server.sh …
# Environment: LOCKIN_HTTP_PORT (9080), LOCKIN_HOME, LOCKIN_RATE_WRITES_PER_MINUTE… as for the run
# command; LOCKIN_LOAD_MVN_ARGS extra Maven arguments for the server (e.g. -o); the server's output
# goes to load/target/server.log. The run command's artifacts are not installed into ~/.m2
# (-Dmaven.install.skip=true): nothing here needs them there.
set -euo pipefail
cd "$(dirname "$0")/.."
port=${LOCKIN_HTTP_PORT:-9080}
mkdir -p load/target
log=load/target/server.log
if curl -fs -o /dev/null "http://localhost:$port/health/live"; then
    echo "with-server: something already answers on port $port; stop it first" >&2
    exit 1
fi
# shellcheck disable=SC2086
mvn ${LOCKIN_LOAD_MVN_ARGS:-} -Prun install -Dmaven.install.skip=true >"$log" 2>&1 &
server=$!
stop() {
    if kill -0 "$server" 2>/dev/null; then
        echo "with-server: stopping the server (pid $server)"
        kill -TERM "$server"
        wait "$server" || true
    fi
}
trap stop EXIT
trap 'exit 130' INT TERM
echo "with-server: starting the run command (pid $server, log $log)"
for _ in $(seq 1 900); do
    if curl -fs -o /dev/null "http://localhost:$port/health/ready"; then
        break
    fi
    if ! kill -0 "$server" 2>/dev/null; then
        echo "with-server: the run command ended before the server was ready; end of $log:" >&2
        tail -40 "$log" >&2
        exit 1
    fi
    sleep 1
done
curl -fs -o /dev/null "http://localhost:$port/health/ready" || { echo "with-server: not ready after 900 s" >&2; exit 1; }
echo "with-server: ready on port $port"
set +e
"$@"
status=$?
set -e
exit $status
