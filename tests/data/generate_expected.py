#!/usr/bin/python3
"""Expected values for the engine and cmdlet tests, computed by PyTorch (and scikit-learn for probability inputs).

Run with Debian's python3 (apt-get install python3-torch python3-sklearn):
    /usr/bin/python3 tests/data/generate_expected.py
It rewrites tests/data/expected.json. The tests read that file; they never run Python.

Every case gives its inputs, its options (PyTorch's names) and what PyTorch returns in float64: per-row losses
(reduction='none'), the mean and the sum, the gradient of the mean and of the sum with respect to the logits
(autograd), softmax and log_softmax. Where PyTorch has no such option (sample weights, top-k) the expectation is
computed from PyTorch's per-row losses with numpy, by the formula the case names.
"""
import json
import os

import numpy as np
import sklearn
import torch
import torch.nn.functional as F
from sklearn.metrics import log_loss

torch.set_default_dtype(torch.float64)
HERE = os.path.dirname(os.path.abspath(__file__))
RNG = np.random.default_rng(20261122)
CASES = []


def floats(a):
    """Nested lists of Python floats; json writes them with repr, which round-trips a double exactly."""
    return np.asarray(a, dtype=np.float64).tolist()


def multiclass(name, logits, target, weight=None, ignore_index=-100, label_smoothing=0.0, temperature=1.0,
               sample_weight=None, top_k=1):
    x = torch.tensor(logits, requires_grad=True)
    scaled = x / temperature
    t = torch.tensor(target) if np.asarray(target).ndim == 2 else torch.tensor(target, dtype=torch.long)
    w = None if weight is None else torch.tensor(weight)
    kwargs = dict(weight=w, ignore_index=ignore_index, label_smoothing=label_smoothing)
    soft = t.dtype != torch.long

    per_row = F.cross_entropy(scaled, t, reduction="none", **kwargs)
    mean = F.cross_entropy(scaled, t, reduction="mean", **kwargs)
    total = F.cross_entropy(scaled, t, reduction="sum", **kwargs)
    grad_mean, = torch.autograd.grad(mean, x, retain_graph=True)
    grad_sum, = torch.autograd.grad(total, x)

    case = dict(name=name, kind="soft" if soft else "index", logits=floats(logits),
                target=floats(target) if soft else [int(v) for v in target],
                weight=None if weight is None else floats(weight), ignore_index=ignore_index,
                label_smoothing=label_smoothing, temperature=temperature, top_k=top_k,
                loss_none=floats(per_row.detach()), loss_mean=float(mean), loss_sum=float(total),
                grad_mean=floats(grad_mean), grad_sum=floats(grad_sum),
                softmax=floats(F.softmax(scaled, dim=1).detach()),
                log_softmax=floats(F.log_softmax(scaled, dim=1).detach()))

    keep = np.ones(len(logits), dtype=bool) if soft else np.asarray(target) != ignore_index
    pred = np.asarray(logits).argmax(axis=1)
    truth = np.asarray(target).argmax(axis=1) if soft else np.asarray(target)
    case["accuracy"] = float((pred[keep] == truth[keep]).mean()) if keep.any() else float("nan")
    if top_k > 1 and not soft:
        # top-k by torch.topk; ties do not occur in these random logits
        top = torch.topk(torch.tensor(logits), top_k, dim=1).indices.numpy()
        hits = np.array([truth[i] in top[i] for i in range(len(logits))])
        case["top_k_accuracy"] = float(hits[keep].mean())
    if sample_weight is not None:
        sw = np.asarray(sample_weight)
        # Our definition (scikit-learn's sample_weight on top of PyTorch's per-row loss):
        # mean = Σ sw_i·l_i / Σ sw_i·w[y_i] over rows not ignored; soft targets: / Σ sw_i.
        l = per_row.detach().numpy()
        if soft:
            norm = sw
        else:
            wy = np.ones(len(logits)) if weight is None else np.asarray(weight)[np.where(keep, truth, 0)]
            norm = sw * wy * keep
        case["sample_weight"] = floats(sw)
        case["loss_mean_sample_weighted"] = float((sw * l).sum() / norm.sum())
        case["loss_sum_sample_weighted"] = float((sw * l).sum())
        # gradient of that mean: autograd of the same expression
        x2 = torch.tensor(logits, requires_grad=True)
        l2 = F.cross_entropy(x2 / temperature, t, reduction="none", **kwargs)
        m2 = (torch.tensor(sw) * l2).sum() / float(norm.sum())
        g2, = torch.autograd.grad(m2, x2)
        case["grad_mean_sample_weighted"] = floats(g2)
    CASES.append(case)


def binary(name, logits, target, weight=None, pos_weight=None, temperature=1.0, multilabel=False):
    x = torch.tensor(logits, requires_grad=True)
    y = torch.tensor(target)
    w = None if weight is None else torch.tensor(weight)
    pw = None if pos_weight is None else torch.tensor(pos_weight)
    kwargs = dict(weight=w, pos_weight=pw)
    per = F.binary_cross_entropy_with_logits(x / temperature, y, reduction="none", **kwargs)
    mean = F.binary_cross_entropy_with_logits(x / temperature, y, reduction="mean", **kwargs)
    total = F.binary_cross_entropy_with_logits(x / temperature, y, reduction="sum", **kwargs)
    grad_mean, = torch.autograd.grad(mean, x, retain_graph=True)
    grad_sum, = torch.autograd.grad(total, x)
    CASES.append(dict(name=name, kind="multilabel" if multilabel else "binary", logits=floats(logits),
                      target=floats(target), weight=None if weight is None else floats(weight),
                      pos_weight=None if pos_weight is None else floats(pos_weight), temperature=temperature,
                      loss_none=floats(per.detach()), loss_mean=float(mean), loss_sum=float(total),
                      grad_mean=floats(grad_mean), grad_sum=floats(grad_sum),
                      sigmoid=floats(torch.sigmoid(x / temperature).detach())))


def probabilities(name, probs, labels, eps, sample_weight=None):
    p = np.asarray(probs, dtype=np.float64)
    y = np.asarray(labels)
    classes = list(range(p.shape[1]))
    # Per-row values by the definition scikit-learn 1.5+ uses: -log(clip(p_y, eps, 1 - eps)), rows never renormalised.
    clipped = np.clip(p, eps, 1 - eps)
    per_row = -np.log(clipped[np.arange(len(y)), y])
    case = dict(name=name, kind="probabilities", probabilities=floats(p), target=[int(v) for v in y], epsilon=eps,
                loss_none=floats(per_row), loss_mean=float(per_row.mean()), loss_sum=float(per_row.sum()))
    # PyTorch's view of the same: NLLLoss on log(clip(p)).
    case["torch_nll_mean"] = float(F.nll_loss(torch.log(torch.tensor(clipped)), torch.tensor(y)))
    # scikit-learn itself where its version cannot matter: Debian's 1.2 renormalises rows after clipping and 1.5+
    # does not, so log_loss is only an independent reference when no value is clipped and rows sum to 1.
    if np.array_equal(clipped, p):
        case["sklearn_log_loss"] = float(log_loss(y, p, eps=eps, labels=classes))
        if sample_weight is not None:
            case["sklearn_log_loss_sample_weighted"] = float(log_loss(y, p, eps=eps, labels=classes, sample_weight=sample_weight))
    if sample_weight is not None:
        case["sample_weight"] = floats(sample_weight)
        case["loss_mean_sample_weighted"] = float((per_row * sample_weight).sum() / np.sum(sample_weight))
    CASES.append(case)


def strict_json(o):
    """JSON has no NaN or Infinity: write them as the strings .NET parses ("NaN", "Infinity", "-Infinity")."""
    if isinstance(o, float) and not np.isfinite(o):
        return "NaN" if np.isnan(o) else ("Infinity" if o > 0 else "-Infinity")
    if isinstance(o, dict):
        return {k: strict_json(v) for k, v in o.items()}
    if isinstance(o, list):
        return [strict_json(v) for v in o]
    return o


def random_logits(n, c, scale=2.0):
    return RNG.normal(0.0, scale, size=(n, c))


def main():
    # The foundation's example: PyTorch gives 0.41703001627783354 in float64.
    multiclass("three_classes_one_row", [[2.0, 1.0, 0.1]], [0])
    n, c = 37, 5
    x = random_logits(n, c)
    y = RNG.integers(0, c, size=n)
    w = RNG.uniform(0.2, 3.0, size=c)
    multiclass("index_plain", x, y, top_k=3)
    multiclass("index_weighted", x, y, weight=w)
    y_ign = y.copy()
    y_ign[::4] = 2
    multiclass("index_ignore_class", x, y_ign, ignore_index=2)
    y_neg = y.copy()
    y_neg[1::5] = -100
    multiclass("index_ignore_default", x, y_neg)
    multiclass("index_smoothing", x, y, label_smoothing=0.1)
    multiclass("index_weight_ignore_smoothing", x, y_ign, weight=w, ignore_index=2, label_smoothing=0.25)
    multiclass("index_temperature", x, y, temperature=2.5)
    multiclass("index_temperature_weight_smoothing", x, y, weight=w, label_smoothing=0.05, temperature=0.7)
    multiclass("index_sample_weight", x, y, weight=w, sample_weight=RNG.uniform(0.0, 2.0, size=n))
    multiclass("index_all_ignored", x[:4], np.full(4, 1), ignore_index=1)

    soft = RNG.dirichlet(np.ones(c) * 0.7, size=n)
    multiclass("soft_plain", x, soft)
    multiclass("soft_weighted", x, soft, weight=w)
    multiclass("soft_weighted_smoothing", x, soft, weight=w, label_smoothing=0.2)
    multiclass("soft_sample_weight", x, soft, sample_weight=RNG.uniform(0.5, 1.5, size=n))

    # Extreme logits: large spreads, large common offsets, huge magnitudes.
    ext = np.array([[1e4, 0.0, -1e4], [-1e4, 1e4, 0.0], [800.0, 799.0, 798.0], [-800.0, -801.0, -799.5],
                    [1e300, 1e299, -1e300], [50.0, -50.0, 0.0], [1e-300, 0.0, -1e-300], [3e4, 3e4 - 1e-8, 3e4 - 30.0]])
    ext_y = np.array([0, 2, 1, 2, 1, 1, 0, 2])
    multiclass("index_extreme", ext, ext_y)
    multiclass("index_extreme_smoothing", ext[[0, 2, 3, 5, 6, 7]], ext_y[[0, 2, 3, 5, 6, 7]], label_smoothing=0.1)

    wide = random_logits(6, 1000, scale=5.0)
    multiclass("index_wide_1000", wide, RNG.integers(0, 1000, size=6), label_smoothing=0.1)

    bx = RNG.normal(0.0, 3.0, size=29)
    by = RNG.integers(0, 2, size=29).astype(np.float64)
    binary("binary_plain", bx, by)
    binary("binary_pos_weight", bx, by, pos_weight=[2.5])
    binary("binary_weight_pos_weight_temperature", bx, by, weight=[0.7], pos_weight=[0.4], temperature=1.7)
    binary("binary_extreme", np.array([1e4, -1e4, 1e4, -1e4, 40.0, -40.0, 0.0, 700.0, -745.0]),
           np.array([1, 0, 0, 1, 1, 0, 1, 0, 1], dtype=np.float64), pos_weight=[3.0])
    mx = RNG.normal(0.0, 2.0, size=(17, 4))
    my = RNG.integers(0, 2, size=(17, 4)).astype(np.float64)
    binary("multilabel_pos_weight", mx, my, weight=[1.0, 2.0, 0.5, 1.5], pos_weight=[1.0, 3.0, 0.5, 2.0], multilabel=True)

    pr = RNG.dirichlet(np.ones(4) * 2.0, size=23)
    py = RNG.integers(0, 4, size=23)
    eps = float(np.finfo(np.float64).eps)
    probabilities("probabilities_machine_eps", pr, py, eps, sample_weight=RNG.uniform(0.1, 2.0, size=23))
    clip = pr.copy()
    clip[0] = [1.0, 0.0, 0.0, 0.0]   # label 1 has probability 0: clipped to eps
    clip[1] = [0.0, 1.0, 0.0, 0.0]   # label 1 has probability 1: clipped to 1 - eps
    labels = py.copy()
    labels[0] = labels[1] = 1
    probabilities("probabilities_clipped_eps_1e-7", clip, labels, 1e-7)

    # float32 reference for the foundation example (PyTorch gives 0.4170299470424652).
    f32 = F.cross_entropy(torch.tensor([[2.0, 1.0, 0.1]], dtype=torch.float32), torch.tensor([0]))
    meta = dict(torch=torch.__version__, sklearn=sklearn.__version__, numpy=np.__version__,
                float32_three_classes_one_row=float(f32))
    with open(os.path.join(HERE, "expected.json"), "w") as f:
        json.dump(strict_json(dict(meta=meta, cases=CASES)), f, indent=1, allow_nan=False)
        f.write("\n")


if __name__ == "__main__":
    main()
