#!/usr/bin/env python3
"""Count the characters of a test file that never occur in a training file.

    scripts/unseen-characters.py data/gettext-en-fr/train.tsv data/gettext-en-fr/heldout.tsv

A BPE vocabulary learned on the training file has no symbol for such a character; byte fallback
spells it as UTF-8 bytes instead of <unk>. Tabs and line ends are not counted.
"""
import collections
import sys


def main(train_path, test_path):
    with open(train_path, encoding="utf-8") as f:
        seen = set(f.read())
    with open(test_path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    counts = collections.Counter(ch for line in lines for ch in line if ch != "\t")
    unseen = {ch: n for ch, n in counts.items() if ch not in seen}
    total = sum(counts.values())
    missing = sum(unseen.values())
    hit = sum(1 for line in lines if any(ch in unseen for ch in line))
    print(f"{test_path}: {missing} of {total} characters never occur in {train_path} "
          f"({100.0 * missing / total:.3f}%), {len(unseen)} distinct, "
          f"in {hit} of {len(lines)} lines")
    for ch, n in sorted(unseen.items(), key=lambda kv: (-kv[1], kv[0]))[:20]:
        print(f"  U+{ord(ch):04X} {ch!r} {n}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: unseen-characters.py TRAIN.tsv TEST.tsv")
    main(sys.argv[1], sys.argv[2])
