#!/usr/bin/env bash
# Benchmarks the checkout path: serves channeld at 127.0.0.1 on a fresh SQLite file (or on the
# PostgreSQL database in env DATABASE_URL, which must be empty), seeds the data set
# (bench/lib.sh) and runs three wrk scenarios:
#   a. cart creation      POST /store/carts                      (bench/wrk/cart_create.lua)
#   b. adding line items  POST /store/carts/{id}/line-items over  (bench/wrk/cart_add.lua)
#                         a pool of ADD_CARTS empty carts, variants of the key's channel varying
#   c. completion         POST /store/carts/{id}/complete, each of (bench/wrk/cart_complete.lua)
#                         COMPLETE_CARTS carts (one line item each, spread over the 5 channels,
#                         prepared by bench/carts) completed exactly once; reports orders/s
# Usage: bench/checkout.sh [seconds]
#   env PORT, WRK_THREADS, WRK_CONNS, DATABASE_URL, ADD_CARTS (default 1000), COMPLETE_CARTS
#   (default max(10000, 700 x seconds)), CHANNELD_BIN (use this binary instead of building),
#   PPROF_URL (e.g. http://127.0.0.1:6060 with CHANNELD_PPROF_ADDR=127.0.0.1:6060, which makes
#   the server serve net/http/pprof there: a CPU profile of each scenario is saved as
#   PROFILE_DIR/cpu-<scenario>.pprof, PROFILE_DIR default ./profiles)
set -euo pipefail

cd "$(dirname "$0")/.."
SECS="${1:-20}"
DURATION="${SECS}s"
PORT="${PORT:-9124}"
export WRK_THREADS="${WRK_THREADS:-2}"
CONNS="${WRK_CONNS:-32}"
ADD_CARTS="${ADD_CARTS:-1000}"
COMPLETE_CARTS="${COMPLETE_CARTS:-$(( SECS * 700 > 10000 ? SECS * 700 : 10000 ))}"

# shellcheck source=bench/lib.sh
. bench/lib.sh
go build -o "$work/carts" ./bench/carts
echo "engine: $engine, wrk -t${WRK_THREADS} -c${CONNS} -d${DURATION}"

prof_pid=""
# profile NAME: in the background, saves a CPU profile of the next SECS-2 seconds (PPROF_URL).
profile() {
  [ -n "${PPROF_URL:-}" ] || return 0
  mkdir -p "${PROFILE_DIR:-profiles}"
  curl -fsS -o "${PROFILE_DIR:-profiles}/cpu-$1.pprof" \
    "$PPROF_URL/debug/pprof/profile?seconds=$(( SECS > 3 ? SECS - 2 : 1 ))" &
  prof_pid=$!
}
profile_wait() {
  if [ -n "$prof_pid" ]; then
    wait "$prof_pid" || echo "profile failed" >&2
    prof_pid=""
  fi
}

run_wrk() {
  wrk -t"$WRK_THREADS" -c"$CONNS" -d"$DURATION" --latency -s "$1" "$BASE"
}

echo "== a. cart creation: POST /store/carts"
profile create
KEY="$KEY_0" REGION_ID="$REGION_ID" run_wrk bench/wrk/cart_create.lua
profile_wait

echo "== b. add line item: POST /store/carts/{id}/line-items, round-robin over $ADD_CARTS carts"
"$work/carts" -url "$BASE" -key "$KEY_0" -region "$REGION_ID" -items 0 -n "$ADD_CARTS" >"$work/add_carts.txt"
profile add
KEY="$KEY_0" VARIANTS="$VARIANTS_0" CARTS_FILE="$work/add_carts.txt" run_wrk bench/wrk/cart_add.lua
profile_wait

echo "== c. completion: POST /store/carts/{id}/complete, $COMPLETE_CARTS carts with one item, each once"
: >"$work/complete_carts.txt"
per=$(( (COMPLETE_CARTS + 4) / 5 ))
for i in 0 1 2 3 4; do
  key_var="KEY_$i" variants_var="VARIANTS_$i"
  "$work/carts" -url "$BASE" -key "${!key_var}" -region "$REGION_ID" -variants "${!variants_var}" \
    -items 1 -n "$per" >"$work/carts_$i.txt"
done
# Interleave the channels so that every thread completes carts of all of them.
paste -d '\n' "$work"/carts_[0-4].txt | grep -v '^$' >"$work/complete_carts.txt"
profile complete
CARTS_FILE="$work/complete_carts.txt" run_wrk bench/wrk/cart_complete.lua
profile_wait

server_errors
