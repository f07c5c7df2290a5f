#!/usr/bin/env bash
# Runs Ablate's benchmark and the PyTorch peer on this machine in one go and prints the speed ratio per
# reference model. The peer runs at both of its thread settings and keeps its faster figure per model.
#
#   scripts/bench-vs-pytorch.sh [PATH/TO/torch_peer.py]     (STEPS=30 WARMUP=5 by default)
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
echo "Ablate float32 (with the matmul probe) and bfloat16..." >&2
./ablate bench --matmul --steps "$steps" --warmup "$warmup" --precision float32 2>/dev/null | grep '^{' > "$out/ablate-float32.jsonl"
./ablate bench --steps "$steps" --warmup "$warmup" --precision bfloat16 2>/dev/null | grep '^{' > "$out/ablate-bfloat16.jsonl"

/usr/bin/python3 - "$out" <<'PY'
import json, sys, pathlib
out = pathlib.Path(sys.argv[1])
def load(name):
    return [json.loads(l) for l in (out / name).read_text().splitlines() if l.strip()]
peer = {}
for f in ("peer-threads1.jsonl", "peer-threads2.jsonl"):
    for r in load(f):
        if r["model"] not in peer or r["per_s"] > peer[r["model"]]["per_s"]:
            peer[r["model"]] = r
ours = {"float32": {}, "bfloat16": {}}
peak = {}
for f, p in (("ablate-float32.jsonl", "float32"), ("ablate-bfloat16.jsonl", "bfloat16")):
    for r in load(f):
        if r["model"] == "matmul_2048":
            peak[r["precision"]] = r["per_s"]
        else:
            ours[p][r["model"]] = r
lines = ["| model | unit | PyTorch peer (best threads) | Ablate float32 | ratio | Ablate bfloat16 | ratio | GFLOP/step | float32 GFLOP/s (share of TF matmul peak) | peak RSS MB |",
         "|---|---|---|---|---|---|---|---|---|---|"]
for m in ("transformer", "gru_attn", "vit"):
    p, a, b = peer[m], ours["float32"][m], ours["bfloat16"][m]
    share = a["achieved_gflop_s"] / peak["float32"] if peak.get("float32") else float("nan")
    lines.append(f"| {m} | {a['unit']} | {p['per_s']:,.0f} (threads {p['threads']}) | {a['per_s']:,.0f} | {a['per_s']/p['per_s']:.2f}x | "
                 f"{b['per_s']:,.0f} | {b['per_s']/p['per_s']:.2f}x | {a['gflop_per_step']} | {a['achieved_gflop_s']} ({share:.0%}) | {a['peak_rss_mb']} |")
lines.append("")
lines.append(f"TensorFlow 2048x2048 matmul on this machine: float32 {peak.get('float32')} GFLOP/s, bfloat16 {peak.get('bfloat16')} GFLOP/s.")
table = "\n".join(lines)
(out / "table.md").write_text(table + "\n")
print(table)
PY
echo "raw figures: $out" >&2
