#!/usr/bin/python3
"""The peers a user would pick instead, timed in the same run as the module (bench/run.sh calls this):
PyTorch's F.cross_entropy forward and forward+backward on the engine's shapes, float32 and float64, and
pandas.read_csv + F.cross_entropy on the CSV file. Prints lines in the benchmark's format. Optional: run.sh skips
it when Debian's python3-torch / python3-pandas are absent.

usage: /usr/bin/python3 bench/peers.py [--threads 2] [--repeats 7] [--csv bench/data/logits_1m_10.csv]
"""
import argparse
import statistics
import time

import torch
import torch.nn.functional as F

SHAPES = [(1_000_000, 10), (100_000, 1_000), (2_000, 50_000)]


def median_ms(repeats, fn):
    fn()  # warm-up
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--repeats", type=int, default=7)
    p.add_argument("--csv", default=None)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    g = torch.Generator().manual_seed(42)
    for rows, classes in SHAPES:
        for dtype, name in ((torch.float32, "float32"), (torch.float64, "float64")):
            x = (torch.randn(rows, classes, generator=g) * 2).to(dtype)
            y = torch.randint(0, classes, (rows,), generator=g)

            def forward():
                with torch.no_grad():
                    F.cross_entropy(x, y)

            def forward_backward():
                xg = x.detach().requires_grad_(True)
                F.cross_entropy(xg, y).backward()

            f = median_ms(a.repeats, forward)
            fb = median_ms(a.repeats, forward_backward)
            print(f"torch {rows}x{classes} {name} threads={a.threads} forward_ms={f:.2f} forward_backward_ms={fb:.2f}", flush=True)
            del x, y
    if a.csv:
        import pandas as pd

        def end_to_end():
            df = pd.read_csv(a.csv)
            x = torch.from_numpy(df.iloc[:, :-1].to_numpy())
            y = torch.from_numpy(df["label"].to_numpy())
            return float(F.cross_entropy(x, y))

        ms = median_ms(max(3, a.repeats // 2), end_to_end)
        print(f"pandas_torch csv threads={a.threads} ms={ms:.2f} loss={end_to_end():.17g}", flush=True)


if __name__ == "__main__":
    main()
