#!/usr/bin/env python3
"""Writes a synthetic EN->FR corpus of N training pairs made of the bundled corpus' words.

Used to measure the data pipeline at sizes the real corpora do not reach (docs/data-pipeline.md):
    /usr/bin/python3 scripts/synthetic-corpus.py 2000000 /tmp/synthetic-2m
Each pair takes the word counts of a random bundled pair and fills them with random words of the
same side, so lengths follow the real corpus. dev.tsv, test.tsv and heldout.tsv are the bundled ones. Seeded, so
the same N gives the same files.
"""
import os
import random
import shutil
import sys


def main():
    if len(sys.argv) != 3 or not sys.argv[1].isdigit() or int(sys.argv[1]) < 1:
        sys.exit("usage: synthetic-corpus.py PAIRS OUTPUT_FOLDER   (PAIRS a whole number >= 1)")
    pairs, out = int(sys.argv[1]), sys.argv[2]
    bundled = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "gettext-en-fr")
    if os.path.exists(out):
        sys.exit(f"{out} exists; choose a new folder (nothing was written)")
    with open(os.path.join(bundled, "train.tsv"), encoding="utf-8") as f:
        rows = [line.rstrip("\n").split("\t") for line in f if "\t" in line]
    src_words = [w for s, _ in rows for w in s.split()]
    tgt_words = [w for _, t in rows for w in t.split()]
    rng = random.Random(pairs)
    os.makedirs(out)
    with open(os.path.join(out, "train.tsv"), "w", encoding="utf-8") as f:
        for _ in range(pairs):
            s, t = rng.choice(rows)
            src = " ".join(rng.choice(src_words) for _ in range(max(1, len(s.split()))))
            tgt = " ".join(rng.choice(tgt_words) for _ in range(max(1, len(t.split()))))
            f.write(f"{src}\t{tgt}\n")
    for split in ("dev.tsv", "test.tsv", "heldout.tsv"):
        shutil.copy(os.path.join(bundled, split), os.path.join(out, split))


if __name__ == "__main__":
    main()
