#!/usr/bin/env bash
# Benchmarks the storefront hot path: builds channeld, serves it on a fresh SQLite file at
# 127.0.0.1, seeds the data set with bench/seed and runs wrk against /store/products, plain
# and priced. Usage: bench/run.sh [seconds]   (env PORT, PRODUCTS, WRK_THREADS, WRK_CONNS)
set -euo pipefail

cd "$(dirname "$0")/.."
DURATION="${1:-20}s"
PORT="${PORT:-9123}"
BASE="http://127.0.0.1:${PORT}"
THREADS="${WRK_THREADS:-2}"
CONNS="${WRK_CONNS:-32}"

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }

work="$(mktemp -d)"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

go build -o "$work/channeld" ./cmd/channeld

CHANNELD_LOG_LEVEL=warn CHANNELD_ADDR="127.0.0.1:${PORT}" \
  CHANNELD_ADMIN_EMAIL=admin@example.com CHANNELD_ADMIN_PASSWORD=supersecret \
  "$work/channeld" serve --database-url "$work/bench.db" >"$work/server.log" 2>&1 &
server_pid=$!

for _ in $(seq 1 100); do
  curl -fsS "$BASE/health" >/dev/null 2>&1 && break
  sleep 0.1
done
curl -fsS "$BASE/health" >/dev/null || { cat "$work/server.log" >&2; exit 1; }

go run ./bench/seed -url "$BASE" -products "${PRODUCTS:-1000}" >"$work/vars.sh"
# shellcheck disable=SC1091
. "$work/vars.sh"

bench() {
  echo "== $1"
  KEY="$KEY_0" WRK_PATH="$2" wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --latency \
    -s bench/wrk/products.lua "$BASE"
}

bench "store products, limit 20" "/store/products?limit=20"
bench "store products, limit 20, priced" \
  "/store/products?limit=20&region_id=${REGION_ID}&fields=%2Bvariants.calculated_price"

echo "== store products, limit 20, 5 keys rotating"
KEYS="$KEY_0 $KEY_1 $KEY_2 $KEY_3 $KEY_4" WRK_PATH="/store/products?limit=20" \
  wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --latency -s bench/wrk/products.lua "$BASE"

bench "store products, limit 20, priced and stocked" \
  "/store/products?limit=20&region_id=${REGION_ID}&fields=%2Bvariants.calculated_price,%2Bvariants.inventory_quantity"
