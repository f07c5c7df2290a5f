#!/usr/bin/env bash
# Measures the translation data pipeline (docs/data-pipeline.md): for each corpus size, the time and
# peak RSS of './ablate explain' (which reads every split, learns the tokenizer and tokenizes the
# training split into its cache, without training), first with no token cache, then with it.
#   scripts/measure-data-pipeline.sh [PAIRS...]        (default: 20000 200000 2000000)
# Synthetic corpora are written to $WORK (default /tmp/ablate-pipeline) by synthetic-corpus.py.
# Set ABLATE_JAR to measure another build of the jar.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${WORK:-/tmp/ablate-pipeline}"
jar="${ABLATE_JAR:-$here/experiments/target/ablate.jar}"
sizes=("$@")
(( ${#sizes[@]} )) || sizes=(20000 200000 2000000)
[[ -x /usr/bin/time ]] || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 1; }
[[ -f "$jar" ]] || (cd "$here" && mvn -q -B -DskipTests package)
mkdir -p "$work"
echo "| pairs | text MB | cache | seconds | peak RSS MB |"
echo "|---:|---:|---|---:|---:|"
for n in "${sizes[@]}"; do
  corpus="$work/synthetic-$n"
  [[ -d "$corpus" ]] || /usr/bin/python3 "$here/scripts/synthetic-corpus.py" "$n" "$corpus"
  rm -rf "$corpus/.cache"
  mb=$(( $(stat -c %s "$corpus/train.tsv") / 1000000 ))
  for state in cold warm; do
    /usr/bin/time -f "%e %M" -o "$work/time.txt" \
      java -XX:+UseParallelGC ${ABLATE_JAVA_OPTS:-} -jar "$jar" explain "$here/configs/mt-transformer.yaml" \
      --set data.corpus="$corpus" > "$work/explain.log" 2>&1 \
      || { echo "explain failed for $n pairs: see $work/explain.log" >&2; exit 1; }
    read -r seconds kb < <(tail -1 "$work/time.txt")
    echo "| $n | $mb | $state | $seconds | $(( kb / 1024 )) |"
  done
done
