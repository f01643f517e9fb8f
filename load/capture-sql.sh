#!/usr/bin/env bash
# Prints every statement the server runs for one GET /api/groups/{id}/progress/current and one
# GET /api/me, as PostgreSQL executes them (log_min_duration_statement = 0), to compare with the
# pgbench scripts in load/pgbench/ after a change of the server's SQL.
#
#   flock /tmp/lockin-it.lock load/capture-sql.sh
#
# Starts its own run-command server (load/with-server.sh) on the database of LOCKIN_HOME (default
# ~/.lockin; the run command must have created it, and its server must be stopped). The embedded
# PostgreSQL's own output goes nowhere, so statements are logged through the logging collector,
# which only a restart turns on: the settings are appended to the database's postgresql.auto.conf
# for this start and removed again at once. Output: load/target/captured-sql.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
home=${LOCKIN_HOME:-$HOME/.lockin}
conf=$home/postgres/postgresql.auto.conf
mkdir -p load/target
if [ "${1:-}" != --inside ]; then
    [ -f "$conf" ] || { echo "capture: no database in $home/postgres: run the run command once first" >&2; exit 1; }
    cp "$conf" load/target/postgresql.auto.conf.saved
    trap 'cp load/target/postgresql.auto.conf.saved "$conf"' EXIT
    printf "logging_collector = on\nlog_min_duration_statement = 0\nlog_line_prefix = '%%m [%%p] '\n" >>"$conf"
    exec_status=0
    load/with-server.sh load/capture-sql.sh --inside || exec_status=$?
    exit $exec_status
fi
cp load/target/postgresql.auto.conf.saved "$conf" # the running server has read it; the next start logs nothing
export PGHOST=localhost PGPORT=$(sed -n 4p "$home/postgres/postmaster.pid") PGUSER=postgres PGDATABASE=lockin
# shellcheck disable=SC2086
mvn -q ${LOCKIN_LOAD_MVN_ARGS:-} -Pload -pl load test-compile exec:java@ratio-seed
# shellcheck disable=SC1091
. load/target/ratio-seed.env
call() { curl -s -o /dev/null -w "capture: $1 answered %{http_code}\n" -H "Authorization: Bearer $TOKEN" "$BASE_URL$1"; }
for _ in 1 2 3 4 5 6; do # past the driver's prepareThreshold: the statements as they run from then on
    call "/api/groups/$GROUP_ID/progress/current" >/dev/null
    call /api/me >/dev/null
done
sleep 1
psql -qAt -c "select 'capture-mark progress/current'" >/dev/null
sleep 0.5
call "/api/groups/$GROUP_ID/progress/current"
sleep 1
psql -qAt -c "select 'capture-mark me'" >/dev/null
sleep 0.5
call /api/me
sleep 1
psql -qAt -c "select 'capture-mark end'" >/dev/null
sleep 1
log=$(ls -t "$home"/postgres/log/postgresql-*.log | head -1)
# from the first mark to the last: the marks, each statement executed, and its parameters
awk '/capture-mark progress/ {on = 1} on && (/capture-mark/ || / execute | statement: /) {print; keep = 1; next}
     on && keep && /^\t/ {print; next} on && keep && /DETAIL:  parameters/ {print; next} {keep = 0}
     /capture-mark end/ {exit}' "$log" | sed -E 's/^[0-9-]+ [0-9:.]+ UTC //' \
    | tee load/target/captured-sql.txt
echo "capture: written to load/target/captured-sql.txt (ids: group $GROUP_ID, user $USER_ID, subject $SUBJECT)"
