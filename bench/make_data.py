#!/usr/bin/python3
"""Writes the benchmark CSV: N rows of C logits and a label column, the way a PyTorch user's export looks:
float32 logits (torch's default dtype) written with their shortest round-trip text, as pandas.DataFrame.to_csv
does. 1,000,000 x 10 is about 120 MB.

usage: /usr/bin/python3 bench/make_data.py OUT.csv [ROWS] [CLASSES]
"""
import sys

import numpy as np

out, rows, classes = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000, int(sys.argv[3]) if len(sys.argv) > 3 else 10
rng = np.random.default_rng(0)
with open(out, "w") as f:
    f.write(",".join("logit_%d" % k for k in range(classes)) + ",label\n")
    step = 100_000
    for start in range(0, rows, step):
        n = min(step, rows - start)
        x = rng.normal(0.0, 2.0, size=(n, classes)).astype(np.float32)
        y = rng.integers(0, classes, size=n)
        f.write("".join(",".join(map(str, r)) + ",%d\n" % t for r, t in zip(x, y)))
