# Sourced by the benchmark scripts, with PORT set: builds channeld (or takes the binary in
# CHANNELD_BIN), serves it at 127.0.0.1:$PORT on a fresh SQLite file, or on the PostgreSQL
# database in DATABASE_URL when that is a postgres:// URL (give it an empty database), seeds
# the data set with bench/seed (PRODUCTS products, default 1,000) and loads what the seed
# prints: KEY_n, REGION_ID, VARIANTS_n. The server and any background job stop on exit, and
# the work folder $work goes with them.

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }

BASE="http://127.0.0.1:${PORT}"
work="$(mktemp -d)"
server_pid=""
cleanup() {
  local job
  for job in $(jobs -p); do
    [ "$job" = "$server_pid" ] || kill "$job" 2>/dev/null || true
  done
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

db="$work/bench.db"
case "${DATABASE_URL:-}" in
  postgres://* | postgresql://*) db="$DATABASE_URL" ;;
esac
engine=SQLite
case "$db" in postgres*) engine=PostgreSQL ;; esac

bin="${CHANNELD_BIN:-}"
if [ -z "$bin" ]; then
  bin="$work/channeld"
  go build -o "$bin" ./cmd/channeld
fi
go build -o "$work/seed" ./bench/seed

CHANNELD_LOG_LEVEL=warn CHANNELD_ADDR="127.0.0.1:${PORT}" \
  CHANNELD_ADMIN_EMAIL=admin@example.com CHANNELD_ADMIN_PASSWORD=supersecret \
  "$bin" serve --database-url "$db" >"$work/server.log" 2>&1 &
server_pid=$!

for _ in $(seq 1 100); do
  curl -fsS "$BASE/health" >/dev/null 2>&1 && break
  sleep 0.1
done
curl -fsS "$BASE/health" >/dev/null || { cat "$work/server.log" >&2; exit 1; }

"$work/seed" -url "$BASE" -products "${PRODUCTS:-1000}" >"$work/vars.sh"
# shellcheck disable=SC1091
. "$work/vars.sh"

# server_errors prints how many ERROR lines the server logged, and the first five on stderr.
# wrk closes its connections with requests in flight at the end of each run; the server
# answers those 499 and logs them at info, below the level benchmarks run at.
server_errors() {
  sleep 1
  grep '"level":"ERROR"' "$work/server.log" >"$work/errors.log" || true
  echo "server log: $(wc -l <"$work/errors.log") errors"
  head -5 "$work/errors.log" >&2 || true
}
