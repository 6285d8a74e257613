#!/usr/bin/env bash
# The benchmark: escalate's default pack over the generated workload of ../shared/bench, timed
# whole-process, with the alert counts checked against the reference engines'. Not part of
# `swift test` or CI's pass/fail: run it on demand and compare ratios measured in one run.
#
#   Benchmarks/run.sh [--sizes "10k 100k 1M"] [--runs N] [--vs-duckdb] [--shapes]
#
# With --shapes it also times other shapes of the 100k workload, made from it: JSON Lines, the
# same CSV in Windows-1252, and four quarters of every workstream in shuffled order (400k rows,
# histories), checking that the first two give the CSV's alerts.
#
# Needs python3 and the workload scripts in $ESCALATE_BENCH (default: ../shared/bench).
set -euo pipefail
cd "$(dirname "$0")/.."

sizes="10k 100k 1M"
runs=3
vs_duckdb=0
shapes=0
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) sizes="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --vs-duckdb) vs_duckdb=1; shift ;;
    --shapes) shapes=1; shift ;;
    *) echo "usage: Benchmarks/run.sh [--sizes \"10k 100k 1M\"] [--runs N] [--vs-duckdb] [--shapes]" >&2; exit 2 ;;
  esac
done

bench="${ESCALATE_BENCH:-../shared/bench}"
[ -f "$bench/gen_data.py" ] || { echo "no workload at $bench (set ESCALATE_BENCH)" >&2; exit 2; }
bench="$(cd "$bench" && pwd)"
data=.build/bench-data
mkdir -p "$data"

swift build -c release --product escalate >/dev/null
escalate="$(swift build -c release --show-bin-path)/escalate"

# Generate what is missing, and check it is the workload the published figures are for.
for size in $sizes; do
  [ -f "$data/data-$size.csv" ] || python3 "$bench/gen_data.py" --out-dir "$data" "$size" 2>/dev/null
done
[ -z "$sizes" ] || (cd "$data" && for size in $sizes; do grep " data-$size.csv\$" "$bench/data.sha256"; done | sha256sum -c --quiet)

declare -A expected=([10k]=10269 [100k]=103646 [1M]=1036604)

# Median wall seconds and the peak resident memory (KiB) of the median run of a command.
measure() {
  local times=()
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "%e %M" -o .build/bench-time "$@" >/dev/null
    times+=("$(cat .build/bench-time)")
  done
  median "${times[@]}"
}

# The median of "seconds KiB" lines, by seconds.
median() {
  printf '%s\n' "$@" | sort -n | sed -n "$(( ($# + 1) / 2 ))p"
}

# One timed run of a command that writes the file `out`, as "seconds KiB". The file is removed
# first, outside the timing: each run writes a new file, as a check's first run does, rather
# than truncating the last run's, whose pages the system may still be writing to disk.
timed_writing() {
  local out="$1"
  shift
  rm -f "$out"
  /usr/bin/time -f "%e %M" -o .build/bench-time "$@" >/dev/null
  cat .build/bench-time
}

if [ "$vs_duckdb" = 1 ]; then
  [ -x .build/venv/bin/python ] || { python3 -m venv .build/venv && .build/venv/bin/pip install -q duckdb==2.0.0; }
fi

printf '%-8s %10s %9s %12s %10s %s\n' size records seconds records/s "peak MiB" "alerts"
for size in $sizes; do
  file="$data/data-$size.csv"
  records=$(python3 -c "import csv, sys; print(sum(1 for _ in csv.reader(open(sys.argv[1], newline='', encoding='utf-8'))) - 1)" "$file")
  out=".build/bench-$size.jsonl"
  "$escalate" check --as-of 2024-10-01 --format jsonl "$file" > "$out"
  total=$(python3 "$bench/compare.py" --counts "$out" | awk '$1 == "total" { print $2 }')
  verdict="ok"
  [ "${expected[$size]:-$total}" = "$total" ] || verdict="WRONG: expected ${expected[$size]}"
  # With DuckDB, the two run alternately, so that both meet the same state of the machine.
  ours=() peers=()
  for _ in $(seq "$runs"); do
    ours+=("$(timed_writing "$out" sh -c "'$escalate' check --as-of 2024-10-01 --format jsonl '$file' > '$out'")")
    if [ "$vs_duckdb" = 1 ]; then
      peers+=("$(timed_writing .build/bench-duckdb.jsonl .build/venv/bin/python "$bench/peer_duckdb.py" "$file" .build/bench-duckdb.jsonl)")
    fi
  done
  read -r seconds kib <<< "$(median "${ours[@]}")"
  rate=$(python3 -c "print(f'{$records / max($seconds, 0.001):,.0f}')")
  printf '%-8s %10s %9s %12s %10s %s (%s)\n' "$size" "$records" "$seconds" "$rate" "$((kib / 1024))" "$total" "$verdict"
  if [ "$vs_duckdb" = 1 ]; then
    read -r peer _ <<< "$(median "${peers[@]}")"
    python3 -c "print(f'         DuckDB {$peer} s; escalate / DuckDB = {$seconds / $peer:.2f}')"
  fi
done

# The escalation queue over the largest file measured that is at most 100k rows: it groups,
# routes and suppresses every alert, which was once quadratic.
for size in $sizes; do [ "$size" = 1M ] || queue_size=$size; done
if [ -n "${queue_size:-}" ]; then
  read -r queue_seconds queue_kib <<< "$(measure "$escalate" queue --as-of 2024-10-01 --format json "$data/data-$queue_size.csv")"
  echo "queue over data-$queue_size.csv, whole process: $queue_seconds s, $((queue_kib / 1024)) MiB"
fi

# A typical return of 50 workstreams or fewer, and a pack of 1,000 rules.
read -r small _ <<< "$(measure "$escalate" check --as-of 2019-06-27 examples/quarterly-2019-q2.csv)"
echo "50-row example return, whole process: $small s"
python3 - > .build/bench-1000.rules <<'PY'
import re
text = open("rules/finance.rules").read()
rules = re.findall(r"rule [\s\S]*?\n}\n", text)
for i in range(1000):
    print(rules[i % len(rules)].replace("rule ", "rule r%d-" % i, 1))
PY
read -r pack _ <<< "$(measure "$escalate" check --rules .build/bench-1000.rules --as-of 2019-06-27 examples/quarterly-2019-q2.csv)"
echo "1,000-rule pack over the example return, whole process: $pack s"

if [ "$shapes" = 1 ]; then
  base="$data/data-100k.csv"
  [ -f "$base" ] || python3 "$bench/gen_data.py" --out-dir "$data" 100k 2>/dev/null
  python3 - "$base" "$data" <<'PY'
import csv, json, os, random, sys
base, out = sys.argv[1], sys.argv[2]
rows = list(csv.reader(open(base, newline="", encoding="utf-8")))
header, body = rows[0], rows[1:]
if not os.path.exists(f"{out}/shape-100k.jsonl"):
    with open(f"{out}/shape-100k.jsonl", "w", encoding="utf-8") as f:
        for row in body:
            f.write(json.dumps(dict(zip(header, row)), ensure_ascii=False) + "\n")
if not os.path.exists(f"{out}/shape-100k-cp1252.csv"):
    text = open(base, encoding="utf-8", newline="").read()
    open(f"{out}/shape-100k-cp1252.csv", "wb").write(text.encode("cp1252", errors="replace"))
if not os.path.exists(f"{out}/shape-history-400k.csv"):
    random.seed(1)
    period, overall = header.index("period"), header.index("overall")
    history = []
    for row in body:
        for quarter in ["2023-Q4", "2024-Q1", "2024-Q2", "2024-Q3"]:
            copy = list(row)
            copy[period], copy[overall] = quarter, random.choice(["R", "A", "G"])
            history.append(copy)
    random.shuffle(history)
    with open(f"{out}/shape-history-400k.csv", "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([header] + history)
PY
  "$escalate" check --as-of 2024-10-01 --format jsonl "$base" | sed 's/"source":{[^}]*}//' > .build/bench-shape-base.jsonl
  for shape in shape-100k.jsonl shape-100k-cp1252.csv shape-history-400k.csv; do
    file="$data/$shape"
    read -r seconds kib <<< "$(measure sh -c "'$escalate' check --as-of 2024-10-01 --format jsonl '$file' > .build/bench-shape.jsonl 2>/dev/null")"
    verdict=""
    if [ "$shape" != shape-history-400k.csv ]; then
      sed 's/"source":{[^}]*}//' .build/bench-shape.jsonl | cmp -s - .build/bench-shape-base.jsonl \
        && verdict="(the CSV's alerts)" || verdict="(WRONG: not the CSV's alerts)"
    fi
    echo "$shape, whole process: $seconds s, $((kib / 1024)) MiB $verdict"
  done
fi
