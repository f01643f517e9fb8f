#!/usr/bin/env bash
# Issue 13's ratios: server req/s (wrk, closed model, 50 keep-alive connections) ÷ pgbench tx/s of
# the SQL the server runs for the same answer (load/pgbench/*.sql, prepared statements, 20
# clients), for GET /api/groups/{id}/progress/current (20 members, all focusing) and GET /api/me.
# Needs a running run-command server (embedded PostgreSQL) on this machine, pgbench and wrk
# (Debian 12: apt-get install -y postgresql-15 wrk; pgbench ships in the server package).
#
#   load/ratio.sh                                   (server already running)
#   flock /tmp/lockin-it.lock load/with-server.sh load/ratio.sh
#
# Environment: LOCKIN_HTTP_PORT (9080) or LOCKIN_LOAD_BASE_URL; LOCKIN_HOME (where the run command
# keeps the database and dev key; the database's port is read from its postmaster.pid) or
# PGHOST/PGPORT/PGUSER/PGDATABASE; RATIO_SECONDS (20) per measurement, RATIO_ROUNDS (2),
# RATIO_WARM_UP_SECONDS (10); LOCKIN_LOAD_MVN_ARGS extra Maven arguments (e.g. -o).
# Prints one line per measurement and a table; also written to load/target/ratio.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in wrk pgbench; do
    command -v "$tool" >/dev/null || { echo "ratio: $tool is missing (Debian 12: apt-get install -y postgresql-15 wrk)" >&2; exit 1; }
done
seconds=${RATIO_SECONDS:-20}
rounds=${RATIO_ROUNDS:-2}
warm=${RATIO_WARM_UP_SECONDS:-10}
home=${LOCKIN_HOME:-$HOME/.lockin}
if [ -z "${PGPORT:-}" ]; then
    [ -f "$home/postgres/postmaster.pid" ] || { echo "ratio: no embedded PostgreSQL running in $home/postgres; set PGPORT" >&2; exit 1; }
    PGPORT=$(sed -n 4p "$home/postgres/postmaster.pid")
fi
export PGHOST=${PGHOST:-localhost} PGPORT PGUSER=${PGUSER:-postgres} PGDATABASE=${PGDATABASE:-lockin}
mkdir -p load/target
out=load/target/ratio.txt
: >"$out"
say() { echo "$*" | tee -a "$out"; }

# shellcheck disable=SC2086
mvn -q ${LOCKIN_LOAD_MVN_ARGS:-} -Pload -pl load test-compile exec:java@ratio-seed
# shellcheck disable=SC1091
. load/target/ratio-seed.env
auth="Authorization: Bearer $TOKEN"
progress_url="$BASE_URL/api/groups/$GROUP_ID/progress/current"
me_url="$BASE_URL/api/me"
for url in "$progress_url" "$me_url"; do
    code=$(curl -s -o /dev/null -w '%{http_code}' -H "$auth" "$url")
    [ "$code" = 200 ] || { echo "ratio: $url answered $code" >&2; exit 1; }
done
params=(-D "group_id=$GROUP_ID" -D "user_id=$USER_ID" -D "issuer=$ISSUER" -D "subject=$SUBJECT")
# the scripts must answer what the server answers: the 20 rows of the race view, the caller's identity
psql -qAt -v ON_ERROR_STOP=1 -c "select count(*) filter (where is_focusing) || ' of ' || count(*) || ' members focusing'
    from group_member_period_progress where group_id = '$GROUP_ID'" | sed 's/^/ratio: race view rows: /' | tee -a "$out"

wrk_rps() { wrk -t2 -c50 -d"$1"s -H "$auth" "$2" | tee -a "$out.raw" | awk '/Non-2xx/ {bad=$NF} /Requests\/sec/ {rps=$2} END {if (bad) print "ERR:" bad; else print rps}'; }
pgbench_tps() { pgbench -n -M prepared -c20 -j2 -T"$1" "${params[@]}" -f "$2" 2>&1 | tee -a "$out.raw" | awk '/^tps/ {printf "%.0f\n", $3}'; }
: >"$out.raw"

say "ratio: $(date -u +%FT%TZ), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); server $BASE_URL, database $PGHOST:$PGPORT/$PGDATABASE"
say "ratio: warm-up ${warm} s each"
wrk_rps "$warm" "$progress_url" >/dev/null
wrk_rps "$warm" "$me_url" >/dev/null
pgbench_tps "$warm" load/pgbench/progress-current.sql >/dev/null
pgbench_tps "$warm" load/pgbench/me.sql >/dev/null

declare -a rows
for round in $(seq 1 "$rounds"); do
    for answer in progress me; do
        if [ $answer = progress ]; then url=$progress_url; script=load/pgbench/progress-current.sql; label='GET /api/groups/{id}/progress/current'
        else url=$me_url; script=load/pgbench/me.sql; label='GET /api/me'; fi
        rps=$(wrk_rps "$seconds" "$url")
        tps=$(pgbench_tps "$seconds" "$script")
        ratio=$(awk -v a="$rps" -v b="$tps" 'BEGIN { if (a ~ /ERR/ || b == 0) print "n/a"; else printf "%.2f", a / b }')
        say "round $round: $label: server $rps req/s (wrk, 50 connections), pgbench $tps tx/s ($script, 20 clients, prepared) -> ratio $ratio (load $(cut -d' ' -f1 /proc/loadavg))"
        rows+=("| \`$label\` | $rps | $tps | $ratio |")
    done
done
say ""
say "| answer | server req/s | pgbench tx/s of its SQL | ratio |"
say "|---|---|---|---|"
for row in "${rows[@]}"; do say "$row"; done
