#!/usr/bin/env bash
# Runs Ablate's benchmark and the PyTorch peer on this machine in one go and prints the speed ratio per
# reference model. The peer runs at both of its thread settings and keeps its faster figure per model.
#
#   scripts/bench-vs-pytorch.sh [PATH/TO/torch_peer.py]     (STEPS=30 WARMUP=5 by default;
#                                                            TRACE=1 also writes per-op-type profiles)
#
# Needs Debian's python3-torch and libopenblas0-pthread for the peer (installed here if missing and root).
set -euo pipefail
cd "$(dirname "$0")/.."
peer=${1:-../shared/peers/torch_peer.py}
steps=${STEPS:-30}
warmup=${WARMUP:-5}
out=${OUT:-runs/bench-$(date +%Y%m%d-%H%M%S)}
mkdir -p "$out"

if ! /usr/bin/python3 -c "import torch" 2>/dev/null || ! dpkg -s libopenblas0-pthread >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3-torch libopenblas0-pthread
  else
    echo "install the peer's dependencies first: sudo apt-get install python3-torch libopenblas0-pthread" >&2
    exit 1
  fi
fi

{
  echo "# machine"
  lscpu | grep -E "Model name|^CPU\(s\)|Flags" | sed 's/Flags:.*\(avx[^ ]*\).*/Flags: (AVX flags) &/' | cut -c1-200
} > "$out/machine.txt"
grep -o -E "avx512[a-z_0-9]*|amx[a-z_0-9]*|avx2|fma" /proc/cpuinfo | sort -u | tr '\n' ' ' >> "$out/machine.txt"
echo >> "$out/machine.txt"

echo "PyTorch peer (--threads 1 and 2)..." >&2
for t in 1 2; do
  /usr/bin/python3 "$peer" --models transformer,gru_attn,vit --steps "$steps" --warmup "$warmup" --threads "$t" | grep '^{' > "$out/peer-threads$t.jsonl"
done
echo "Ablate float32 (with the matmul probe in both precisions), bfloat16 and bfloat16_rewrite..." >&2
./ablate bench --matmul --steps "$steps" --warmup "$warmup" --precision float32 2>/dev/null | grep '^{' > "$out/ablate-float32.jsonl"
for p in bfloat16 bfloat16_rewrite; do
  ./ablate bench --steps "$steps" --warmup "$warmup" --precision "$p" 2>/dev/null | grep '^{' > "$out/ablate-$p.jsonl"
done
if [ -n "${TRACE:-}" ]; then
  echo "Per-op-type profiles (TRACE=1)..." >&2
  for p in float32 bfloat16 bfloat16_rewrite; do
    ./ablate bench --steps 3 --warmup "$warmup" --precision "$p" --trace 2>&1 | grep -v '^{' | grep -v 'oneDNN supports' > "$out/trace-$p.txt"
  done
fi

/usr/bin/python3 - "$out" <<'PY'
import json, sys, pathlib
out = pathlib.Path(sys.argv[1])
def load(name):
    rows = [json.loads(l) for l in (out / name).read_text().splitlines() if l.strip()]
    return [r for r in rows if "model" in r]
machine = [json.loads(l) for l in (out / "ablate-float32.jsonl").read_text().splitlines() if '"machine"' in l]
peer = {}
for f in ("peer-threads1.jsonl", "peer-threads2.jsonl"):
    for r in load(f):
        if r["model"] not in peer or r["per_s"] > peer[r["model"]]["per_s"]:
            peer[r["model"]] = r
precisions = ("float32", "bfloat16", "bfloat16_rewrite")
ours = {p: {} for p in precisions}
peak = {}
for p in precisions:
    f = f"ablate-{p}.jsonl"
    for r in load(f):
        if r["model"] == "matmul_2048":
            peak[r["precision"]] = r["per_s"]
        else:
            ours[p][r["model"]] = r
def share(r, probe):
    return f"{r['achieved_gflop_s']} ({r['achieved_gflop_s'] / peak[probe]:.0%})" if peak.get(probe) else str(r['achieved_gflop_s'])
lines = ["| model | unit | PyTorch peer (best threads) | float32 | ratio | bfloat16 | ratio | bfloat16_rewrite | ratio | GFLOP/step | GFLOP/s (share of probe): float32 | bfloat16 | bfloat16_rewrite | peak RSS MB |",
         "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
for m in ("transformer", "gru_attn", "vit"):
    p, a, b, w = peer[m], ours["float32"][m], ours["bfloat16"][m], ours["bfloat16_rewrite"][m]
    lines.append(f"| {m} | {a['unit']} | {p['per_s']:,.0f} (threads {p['threads']}) | {a['per_s']:,.0f} | {a['per_s']/p['per_s']:.2f}x | "
                 f"{b['per_s']:,.0f} | {b['per_s']/p['per_s']:.2f}x | {w['per_s']:,.0f} | {w['per_s']/p['per_s']:.2f}x | {a['gflop_per_step']} | "
                 f"{share(a, 'float32')} | {share(b, 'bfloat16')} | {share(w, 'bfloat16')} | {a['peak_rss_mb']} |")
lines.append("")
lines.append(f"TensorFlow 2048x2048 matmul probe on this machine: float32 {peak.get('float32')} GFLOP/s, bfloat16 {peak.get('bfloat16')} GFLOP/s.")
if machine:
    lines.append(f"CPU features: {machine[0]['machine']}.")
table = "\n".join(lines)
(out / "table.md").write_text(table + "\n")
print(table)
PY
echo "raw figures: $out" >&2
