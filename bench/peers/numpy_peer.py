#!/usr/bin/python3
"""NumPy / SciPy peers of the engine (performance issue 18), in memory, single thread, on the engine bench's shapes
(1M x 10, 100k x 1000, 2k x 50k float64, N(0, 2^2) logits, uniform labels):

  scipy          scipy.special.logsumexp(x, axis=1) - x[i, y_i], mean
  numpy          max-shift-exp-sum written out: m = max, e = exp(x - m) into a reused buffer, log(sum) + m - x[i, y_i]
  numpy_blocked  the same over row blocks of about 64K doubles (cache-sized, as the engine does)
  forward+backward (numpy, numpy_blocked): also the gradient of the mean, (softmax - one_hot) / N

and exp's cost per element (np.exp and torch.exp on a 1M float64 array, out= preallocated), so that a PyTorch figure
can be read against the exp it showed on this machine (Debian's torch 1.13 exp on doubles is scalar).
Prints one line per figure:

  numpy shape=1000000x10 impl=numpy forward_ms=.. forward_backward_ms=.. exp_ns_per_element=.. loss=..
  torch exp dtype=float64 exp_ns_per_element=.. (numpy: ..)

usage: /usr/bin/python3 bench/peers/numpy_peer.py [--repeats 5] [--shape 1000000x10] [--no-torch]
Run it with Debian's /usr/bin/python3 (numpy 1.24, scipy 1.10, torch 1.13). Threads are pinned to 1 before numpy is
imported (OMP / OpenBLAS / MKL); none of these kernels call BLAS.
"""
import os

for _v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS"):
    os.environ[_v] = "1"

import argparse  # noqa: E402
import math  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402
import scipy  # noqa: E402
from scipy.special import logsumexp  # noqa: E402

SHAPES = [(1_000_000, 10), (100_000, 1_000), (2_000, 50_000)]
BLOCK_DOUBLES = 65_536


def median_ms(repeats, fn):
    return median_ms_cpu(repeats, fn)[0]


def median_ms_cpu(repeats, fn):
    """Median wall ms and median process CPU ms (all threads; far less disturbed on a busy, shared machine)."""
    fn()  # warm-up: page faults, caches
    times, cpu = [], []
    for _ in range(repeats):
        c = time.process_time()
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
        cpu.append((time.process_time() - c) * 1000)
    return statistics.median(times), statistics.median(cpu)


def ce_scipy(x, y):
    rows = x.shape[0]
    return float(np.mean(logsumexp(x, axis=1) - x[np.arange(rows), y]))


def ce_numpy(x, y, buf):
    """Forward: the whole array at once, exp into a reused buffer (no temporaries of the input's size)."""
    rows = x.shape[0]
    m = x.max(axis=1, keepdims=True)
    e = np.subtract(x, m, out=buf)
    np.exp(e, out=e)
    s = e.sum(axis=1)
    return float(np.mean(np.log(s) + m[:, 0] - x[np.arange(rows), y]))


def ce_numpy_backward(x, y, buf):
    """Forward + gradient of the mean: buf ends up holding (softmax - one_hot) / N."""
    rows = x.shape[0]
    ar = np.arange(rows)
    m = x.max(axis=1, keepdims=True)
    e = np.subtract(x, m, out=buf)
    np.exp(e, out=e)
    s = e.sum(axis=1, keepdims=True)
    loss = float(np.mean(np.log(s[:, 0]) + m[:, 0] - x[ar, y]))
    e *= 1.0 / (s * rows)  # softmax / N
    e[ar, y] -= 1.0 / rows
    return loss


def ce_blocked(x, y, buf, backward=False):
    """The same kernels over row blocks of about 64K doubles, so each block's temporaries stay in L2."""
    rows, classes = x.shape
    step = max(1, BLOCK_DOUBLES // classes)
    total = 0.0
    for a in range(0, rows, step):
        b = min(rows, a + step)
        xb, yb = x[a:b], y[a:b]
        ar = np.arange(b - a)
        m = xb.max(axis=1, keepdims=True)
        e = np.subtract(xb, m, out=buf[: b - a])
        np.exp(e, out=e)
        s = e.sum(axis=1, keepdims=True)
        total += float(np.sum(np.log(s[:, 0]) + m[:, 0] - xb[ar, yb]))
        if backward:
            e *= 1.0 / (s * rows)
            e[ar, yb] -= 1.0 / rows
    return total / rows


def exp_ns(repeats, n=1_000_000):
    rng = np.random.default_rng(1)
    a = rng.standard_normal(n) * 2
    out = np.empty_like(a)
    ms = median_ms(repeats, lambda: np.exp(a, out=out))
    return ms * 1e6 / n


def torch_exp_ns(repeats, dtype, n=1_000_000, threads=1):
    import torch

    torch.set_num_threads(threads)
    a = (torch.randn(n, generator=torch.Generator().manual_seed(1), dtype=torch.float64) * 2).to(dtype)
    out = torch.empty_like(a)
    ms, cpu = median_ms_cpu(repeats, lambda: torch.exp(a, out=out))
    torch.set_num_threads(1)
    return ms * 1e6 / n, cpu * 1e6 / n


def torch_log_softmax_ns(repeats, rows=1000, classes=1000):
    """What F.cross_entropy spends its exps in: log_softmax over rows, per element, 1 thread, float64."""
    import torch

    torch.set_num_threads(1)
    x = torch.randn(rows, classes, generator=torch.Generator().manual_seed(1), dtype=torch.float64) * 2
    ms = median_ms(repeats, lambda: torch.log_softmax(x, 1))
    return ms * 1e6 / (rows * classes)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--repeats", type=int, default=5)
    p.add_argument("--shape", default=None, help="only this shape, e.g. 1000000x10")
    p.add_argument("--no-torch", action="store_true")
    a = p.parse_args()
    print(f"# numpy {np.__version__} scipy {scipy.__version__} python {sys.version.split()[0]} threads=1", flush=True)
    npx = exp_ns(max(a.repeats, 7))
    print(f"numpy exp dtype=float64 exp_ns_per_element={npx:.3f}", flush=True)
    if not a.no_torch:
        try:
            import torch

            r = max(a.repeats, 7)
            t64, t64c = torch_exp_ns(r, torch.float64)
            t32, _ = torch_exp_ns(r, torch.float32)
            t64x2, t64x2c = torch_exp_ns(r, torch.float64, threads=2)
            ls = torch_log_softmax_ns(r)
            print(f"torch exp dtype=float64 exp_ns_per_element={t64:.3f} cpu_ns_per_element={t64c:.3f} torch={torch.__version__} threads=1 (numpy: {npx:.3f}; {t64 / npx:.1f}x numpy's)", flush=True)
            print(f"torch exp dtype=float32 exp_ns_per_element={t32:.3f} torch={torch.__version__} threads=1", flush=True)
            print(f"torch exp dtype=float64 threads=2 exp_ns_per_element={t64x2:.3f} cpu_ns_per_element={t64x2c:.3f} (OpenMP: wall per element with two threads)", flush=True)
            print(f"torch log_softmax dtype=float64 shape=1000x1000 threads=1 ns_per_element={ls:.3f}", flush=True)
        except ImportError:
            print("torch exp (torch not installed)", flush=True)
    shapes = SHAPES if a.shape is None else [s for s in SHAPES if f"{s[0]}x{s[1]}" == a.shape]
    for rows, classes in shapes:
        rng = np.random.default_rng(42)
        x = rng.standard_normal((rows, classes)) * 2
        y = rng.integers(0, classes, rows)
        buf = np.empty_like(x)
        blockbuf = np.empty((max(1, BLOCK_DOUBLES // classes), classes))
        ref = ce_scipy(x, y)
        results = [
            ("scipy", lambda: ce_scipy(x, y), None),
            ("numpy", lambda: ce_numpy(x, y, buf), lambda: ce_numpy_backward(x, y, buf)),
            ("numpy_blocked", lambda: ce_blocked(x, y, blockbuf), lambda: ce_blocked(x, y, blockbuf, backward=True)),
        ]
        for name, fwd, both in results:
            loss = fwd()
            f, fc = median_ms_cpu(a.repeats, fwd)
            fb = median_ms(a.repeats, both) if both else math.nan
            # exp's share of the forward pass: rows*classes exps at the measured per-element cost
            print(f"numpy shape={rows}x{classes} impl={name} float64 threads=1 forward_ms={f:.2f} forward_backward_ms={fb:.2f} forward_cpu_ms={fc:.2f} "
                  f"exp_ns_per_element={npx:.3f} exp_share={npx * rows * classes / 1e6 / f:.2f} loss={loss:.17g} rel_vs_scipy={abs(loss - ref) / abs(ref):.1e}",
                  flush=True)
        del x, y, buf


if __name__ == "__main__":
    main()
