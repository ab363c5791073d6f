# Sourced by the queue throughput benches (queue.sh, queue-curve.sh) after bench/lib/queue-probe.sh, with $work/batch.jsonl
# holding the jobs, $jobs their count and `common` the host arguments every process gets. Defines:
#   sql <label> <query>           one value from the setup's queue database ($schema names the PostgreSQL schema)
#   run <label> <hosts> <args...> N 'nlphost worker' processes on the queue named by args (plus `worker_args`), ready;
#                                 then all jobs through one 'nlphost submit noop --batch', timed until all succeeded;
#                                 prints one row: the columns of `run_header`.
# CPU per job: user+system seconds of the worker processes, and of every PostgreSQL server process (plus what the
# postmaster reaped from backends that exited), between the submit and the last result, over the jobs. The server is
# shared: other users' queries on it count too. busy%: the whole machine's non-idle CPU over the same span (all
# cores = 100), which includes other users' processes. commits/j: PostgreSQL transactions committed in the queue's
# database over the jobs (pg_stat_database; includes this script's polls, ~10 a second, and other users of the database).
tick="$(getconf CLK_TCK)"
worker_args=()

sql() {
  if [ "$1" = sqlite ]; then sqlite3 "$work/sqlite/nlphost.db" "$2"; else PGOPTIONS="-c search_path=$schema" psql_pg -c "$2"; fi
}

# ticks <pid...>: user+system clock ticks of the processes so far.
ticks() {
  local total=0 pid
  for pid in "$@"; do
    [ -r "/proc/$pid/stat" ] && total=$((total + $(sed 's/^.*) //' "/proc/$pid/stat" | awk '{print $12 + $13}')))
  done
  echo "$total"
}

# pg_ticks: every PostgreSQL server process, plus the CPU of backends that exited (reaped by the postmaster).
pg_ticks() {
  local postmaster
  postmaster="$(pgrep -u postgres -o -x postgres || true)"
  [ -z "$postmaster" ] && { echo 0; return; }
  echo $(( $(ticks $(pgrep -u postgres -x postgres)) + $(sed 's/^.*) //' "/proc/$postmaster/stat" | awk '{print $14 + $15}') ))
}

# commits <label>: transactions committed so far in the queue's PostgreSQL database (0 for SQLite).
commits() {
  if [ "$1" = sqlite ]; then echo 0; else psql_pg -c "SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()"; fi
}

# box: "busy total" clock ticks of the whole machine.
box() { awk '/^cpu / {print $2+$3+$4+$7+$8+$9, $2+$3+$4+$5+$6+$7+$8+$9}' /proc/stat; }

run_header() {
  printf '%-16s %-5s %-5s %-8s %-5s %-6s %-9s %-9s %-7s %-10s %-10s %-9s %-6s %-5s\n' \
    queue hosts slots prefetch lease jobs submit_s total_s jobs/s worker_ms/j pg_ms/j commits/j busy% load1
}

run() {
  local label="$1" hosts="$2"
  shift 2
  local queue=("$@") started=() i
  for i in $(seq 1 "$hosts"); do
    dotnet "$host" worker "${queue[@]}" "${common[@]}" "${worker_args[@]}" --Worker:WorkerId "bench-$i" > "$work/worker-$i.log" 2>&1 &
    pids+=("$!")
    started+=("$!")
  done
  for i in $(seq 1 "$hosts"); do
    until grep -q "started with" "$work/worker-$i.log"; do sleep 0.2; done
  done
  if [ "${BENCH_DASHBOARD:-0}" = 1 ]; then
    local port=$((20000 + RANDOM % 20000))
    dotnet "$host" serve --urls "http://127.0.0.1:$port" --Api:RunWorker false "${queue[@]}" "${common[@]}" > "$work/serve.log" 2>&1 &
    pids+=("$!"); started+=("$!")
    until curl -sf "http://127.0.0.1:$port/health/live" >/dev/null; do sleep 0.2; done
    chromium --headless=new --no-sandbox --disable-gpu --user-data-dir="$work/chrome-$port" --remote-debugging-port=0 \
      "http://127.0.0.1:$port/#/" > "$work/chromium.log" 2>&1 &
    pids+=("$!"); started+=("$!")
    sleep 5 # the page loads and starts polling before the clock starts
  fi
  local start end submitted count worker0 worker1 pg0 pg1 box0 box1
  local commits0 commits1
  commits0=$(commits "$label"); worker0=$(ticks "${started[@]}"); pg0=$(pg_ticks); box0=$(box)
  start=$(date +%s.%N)
  dotnet "$host" submit noop --batch "$work/batch.jsonl" "${queue[@]}" "${common[@]}" > /dev/null
  submitted=$(date +%s.%N)
  while true; do
    count=$(sql "$label" "SELECT COUNT(*) FROM jobs WHERE state = 'succeeded'")
    [ "${count:-0}" -ge "$jobs" ] && break
    sleep 0.1
  done
  worker1=$(ticks "${started[@]}"); pg1=$(pg_ticks); box1=$(box)
  sleep 1 # backends flush their statistics at most once a second
  commits1=$(commits "$label")
  end=$(sql "$label" "SELECT MAX(finished_at) / 1000.0 FROM jobs")
  for pid in "${started[@]}"; do kill -TERM "$pid"; wait "$pid" || true; done
  python3 - "$label" "$hosts" "$jobs" "$start" "$submitted" "$end" "$worker0" "$worker1" "$pg0" "$pg1" "$tick" $box0 $box1 \
    "$(arg Worker:Concurrency 2)" "$(arg Worker:PrefetchCount 0)" "$(arg Worker:LeaseBatchSize 32)" "$(cut -d' ' -f1 /proc/loadavg)" "$commits0" "$commits1" <<'PY'
import sys
l, h, m, a, b, c, w0, w1, p0, p1, tick, busy0, all0, busy1, all1, slots, prefetch, lease, load, c0, c1 = sys.argv[1:]
m, a, b, c, tick = int(m), float(a), float(b), float(c), int(tick)
ms = lambda t0, t1: (int(t1) - int(t0)) * 1000 / tick / m
busy = 100 * (int(busy1) - int(busy0)) / max(1, int(all1) - int(all0))
print(f'{l:<16} {h:<5} {slots:<5} {prefetch:<8} {lease:<5} {m:<6} {b-a:<9.2f} {c-a:<9.2f} {m/(c-a):<7.0f} {ms(w0, w1):<10.3f} {ms(p0, p1):<10.3f} {(int(c1) - int(c0)) / m:<9.3f} {busy:<6.0f} {load:<5}')
PY
}

# arg <key> <default>: the value the hosts get for --<key> (the last one given wins), else the default.
arg() {
  local value="$2" i all=("${common[@]}" "${worker_args[@]}")
  for ((i = 0; i < ${#all[@]} - 1; i++)); do
    [ "${all[$i]}" = "--$1" ] && value="${all[$((i + 1))]}"
  done
  echo "$value"
}
