#!/usr/bin/python3
"""Expected values for the audit cmdlets (calibration, entropy, KL, noisy-label ranking), computed independently of
the C# engine with torch, numpy, scipy and scikit-learn.

Run with Debian's python3:  /usr/bin/python3 tests/data/generate_audit_expected.py
It rewrites tests/data/audit_expected.json (and tests/data/audit-*.csv, the synthetic inputs). Tests never run Python.

Definitions (the help text states the same):
- confidence = max_c q_c (binary: max(q, 1-q)); correct = argmax q == label (soft targets: argmax of the target).
- ECE (Guo et al. 2017): bins B_m = ((m-1)/M, m/M]; ECE = sum_m |B_m|/n * |acc(B_m) - conf(B_m)|; MCE = max_m of the
  gap over non-empty bins. With sample weights every |.| and mean is weighted.
- Brier: mean over rows of sum_c (q_c - t_c)^2 (t one-hot or the target distribution); binary: (q_1 - y)^2, as
  sklearn.metrics.brier_score_loss.
- Entropy H(q), H(t), cross-entropy H(t, q), KL(t || q): scipy.stats.entropy / scipy.special.rel_entr, in nats
  (and other bases where a case says so).
- Noisy-label ranking: loss = -log q_y; margin = q_y - max_{c != y} q_c; normalised = log(t_y / q_y) with t_y the
  mean of q_y over the rows labelled y. Ties go to the earlier row.
"""
import csv
import json
import os

import numpy as np
import torch
import torch.nn.functional as F
from scipy.special import rel_entr
from scipy.stats import entropy as sp_entropy
from sklearn.metrics import brier_score_loss

torch.set_default_dtype(torch.float64)
HERE = os.path.dirname(os.path.abspath(__file__))
EXAMPLES = os.path.join(HERE, "..", "..", "examples")
RNG = np.random.default_rng(20261123)
CASES = []


def floats(a):
    return np.asarray(a, dtype=np.float64).tolist()


def read_example(name, prefix=None):
    with open(os.path.join(EXAMPLES, name)) as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    label_col = header.index("label")
    if prefix:
        cols = [i for i, h in enumerate(header) if h.startswith(prefix)]
        classes = [header[i][len(prefix):] for i in cols]
    else:
        cols = [i for i in range(len(header)) if i != label_col]
        classes = [header[i] for i in cols]
    scores = np.array([[float(r[i]) for i in cols] for r in body])
    labels = []
    for r in body:
        v = r[label_col]
        labels.append(classes.index(v) if v in classes else int(v))
    return scores, np.array(labels)


def calibration(conf, correct, weight, bins):
    edges = np.arange(bins + 1) / bins  # m/M, exactly as the C# code divides
    w_total = weight.sum()
    ece, mce = 0.0, float("nan")
    counts, mean_conf, acc = [], [], []
    for m in range(bins):
        lo, hi = edges[m], edges[m + 1]
        inside = (conf > lo) & (conf <= hi) if m > 0 else (conf >= lo) & (conf <= hi)
        w = weight[inside].sum()
        counts.append(int(inside.sum()))
        if w == 0:
            mean_conf.append(float("nan"))
            acc.append(float("nan"))
            continue
        c = (weight[inside] * conf[inside]).sum() / w
        a = (weight[inside] * correct[inside]).sum() / w
        mean_conf.append(c)
        acc.append(a)
        gap = abs(a - c)
        ece += w / w_total * gap
        mce = gap if np.isnan(mce) else max(mce, gap)
    return dict(ece=ece, mce=mce, bin_counts=counts, bin_confidence=floats(mean_conf), bin_accuracy=floats(acc))


def distribution(scores, kind, temperature=1.0):
    if kind == "binary_logits":
        p1 = torch.sigmoid(torch.tensor(scores[:, 0]) / temperature).numpy()
        return np.stack([1 - p1, p1], axis=1)
    if kind == "logits":
        return F.softmax(torch.tensor(scores) / temperature, dim=1).numpy()
    return scores.copy()


def log_q(scores, kind, temperature=1.0, eps=np.finfo(np.float64).eps):
    if kind == "binary_logits":
        z = torch.tensor(scores[:, 0]) / temperature
        return torch.stack([F.logsigmoid(-z), F.logsigmoid(z)], dim=1).numpy()
    if kind == "logits":
        return F.log_softmax(torch.tensor(scores) / temperature, dim=1).numpy()
    return np.log(np.clip(scores, eps, 1 - eps))


def case(name, scores, kind, labels=None, targets=None, weight=None, bins=15, temperature=1.0, classes=None,
         source=None, base=None):
    n = len(scores)
    q = distribution(scores, kind, temperature)
    lq = log_q(scores, kind, temperature)
    w = np.ones(n) if weight is None else np.asarray(weight, dtype=np.float64)
    binary = kind == "binary_logits"
    if binary:
        pred = (q[:, 1] > 0.5).astype(int)
    else:
        pred = q.argmax(axis=1)
    conf = q[np.arange(n), pred]
    ent = sp_entropy(q.T)  # nats, per row
    out = dict(name=name, kind=kind, bins=bins, temperature=temperature, source=source, n=n,
               classes=classes, sample_weight=None if weight is None else floats(w),
               entropy_rows=floats(ent), entropy_mean=float((w * ent).sum() / w.sum()))
    if base is not None:
        out["base"] = base
        out["entropy_mean_base"] = float((w * sp_entropy(q.T, base=base)).sum() / w.sum())
    if source is None:
        out["scores"] = floats(scores)
    if targets is not None:
        t = np.asarray(targets)
        truth = t.argmax(axis=1)
        h_t = sp_entropy(t.T)
        kl = rel_entr(t, q).sum(axis=1)  # rel_entr(0, q) = 0
        ce = F.cross_entropy(torch.tensor(scores) / temperature, torch.tensor(t), reduction="none").numpy()
        brier = ((q - t) ** 2).sum(axis=1)
        out.update(targets=floats(t), target_entropy_rows=floats(h_t), kl_rows=floats(kl), cross_entropy_rows=floats(ce),
                   target_entropy_mean=float((w * h_t).sum() / w.sum()), kl_mean=float((w * kl).sum() / w.sum()),
                   cross_entropy_mean=float((w * ce).sum() / w.sum()))
    else:
        y = np.asarray(labels)
        truth = y
        ce = -lq[np.arange(n), y]
        if binary:
            brier = (q[:, 1] - y) ** 2
            out["sklearn_brier"] = float(brier_score_loss(y, q[:, 1], sample_weight=w))
        else:
            onehot = np.eye(q.shape[1])[y]
            brier = ((q - onehot) ** 2).sum(axis=1)
        out.update(labels=[int(v) for v in y], cross_entropy_rows=floats(ce),
                   cross_entropy_mean=float((w * ce).sum() / w.sum()), kl_mean=float((w * ce).sum() / w.sum()),
                   target_entropy_mean=0.0)
        if not binary:
            # torch's own loss, as an independent check that H(t, q) of a one-hot t is the cross-entropy loss.
            out["torch_loss_mean"] = float(F.cross_entropy(torch.tensor(scores) / temperature, torch.tensor(y)).item()) \
                if kind == "logits" else float(F.nll_loss(torch.tensor(lq), torch.tensor(y)).item())
    correct = (pred == truth).astype(np.float64)
    out.update(calibration(conf, correct, w, bins))
    out["brier"] = float((w * brier).sum() / w.sum())
    out["accuracy"] = float((w * correct).sum() / w.sum())
    out["mean_confidence"] = float((w * conf).sum() / w.sum())
    CASES.append(out)
    return q, truth


def noisy(name, scores, labels, kind, top, source, temperature=1.0):
    q = distribution(scores, kind, temperature)
    n, k = q.shape
    y = np.asarray(labels)
    qy = q[np.arange(n), y]
    others = q.copy()
    others[np.arange(n), y] = -np.inf
    margin = qy - others.max(axis=1)
    loss = -log_q(scores, kind, temperature)[np.arange(n), y]
    threshold = np.array([qy[y == c].mean() if (y == c).any() else np.nan for c in range(k)])
    normalised = np.log(threshold[y]) - np.log(qy) if kind == "logits" else loss + np.log(threshold[y])
    order = {
        # np.lexsort sorts by the last key first; the row index breaks ties (earlier first).
        "Loss": np.lexsort((np.arange(n), -loss)),
        "Margin": np.lexsort((np.arange(n), margin)),
        "Normalized": np.lexsort((np.arange(n), -normalised)),
    }
    result = dict(name=name, source=source, kind=kind, top=top, temperature=temperature,
                  class_threshold=floats(threshold))
    for by, idx in order.items():
        idx = idx[:top]
        result[by] = dict(rows=[int(i) + 1 for i in idx], loss=floats(loss[idx]), margin=floats(margin[idx]),
                          normalized=floats(normalised[idx]), label_probability=floats(qy[idx]))
    CASES.append(result)


def json_safe(v):
    """JSON has no NaN or Infinity: write them as the strings "NaN", "Infinity", "-Infinity" (as expected.json does)."""
    if isinstance(v, float) and not np.isfinite(v):
        return "NaN" if np.isnan(v) else ("Infinity" if v > 0 else "-Infinity")
    if isinstance(v, dict):
        return {k: json_safe(x) for k, x in v.items()}
    if isinstance(v, list):
        return [json_safe(x) for x in v]
    return v


def write_csv(name, header, rows):
    with open(os.path.join(HERE, name), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def main():
    iris, iris_y = read_example("iris-logits.csv")
    iris_p, iris_py = read_example("iris-probabilities.csv", prefix="p_")
    digits, digits_y = read_example("digits-logits.csv", prefix="logit_")
    iris_classes = ["setosa", "versicolor", "virginica"]

    case("iris_logits", iris, "logits", iris_y, source="iris-logits.csv", classes=iris_classes, base=2)
    case("iris_probabilities", iris_p, "probabilities", iris_py, source="iris-probabilities.csv", classes=iris_classes)
    case("digits_logits", digits, "logits", digits_y, source="digits-logits.csv", base=10)
    case("digits_logits_m10", digits, "logits", digits_y, source="digits-logits.csv", bins=10)
    case("digits_logits_t2", digits, "logits", digits_y, source="digits-logits.csv", temperature=2.0)
    sw = RNG.uniform(0.1, 3.0, size=len(iris))
    case("iris_logits_sample_weight", iris, "logits", iris_y, weight=sw, source="iris-logits.csv", classes=iris_classes)

    # Soft targets: 60 rows of 4 classes, Dirichlet targets (some exactly 0: the 0·log 0 limit).
    logits = RNG.normal(0, 2, size=(60, 4))
    targets = RNG.dirichlet([0.6] * 4, size=60)
    targets[::7, 3] = 0.0
    targets /= targets.sum(axis=1, keepdims=True)
    case("soft_targets", logits, "logits", targets=targets, bins=10)
    write_csv("audit-soft.csv", ["logit_%d" % c for c in range(4)] + ["y_%d" % c for c in range(4)],
              [[repr(float(v)) for v in row] + [repr(float(v)) for v in t] for row, t in zip(logits, targets)])

    # Binary: one logit column, 0/1 labels.
    x = RNG.normal(0.3, 2.5, size=80)
    yb = (RNG.uniform(size=80) < 1 / (1 + np.exp(-0.7 * x))).astype(int)
    case("binary_logits", x[:, None], "binary_logits", yb, bins=10)
    write_csv("audit-binary.csv", ["logit_pos", "label"], [[repr(float(v)), int(t)] for v, t in zip(x, yb)])

    # Class-count entropy and Gini impurity (decision-tree node impurity).
    for name, counts in [("counts_uniform3", [50, 50, 50]), ("counts_skewed", [30, 10, 0, 5]),
                         ("counts_pure", [7, 0])]:
        c = np.asarray(counts, dtype=np.float64)
        p = c / c.sum()
        CASES.append(dict(name=name, kind="counts", counts=floats(c), entropy=float(sp_entropy(p)),
                          entropy_bits=float(sp_entropy(p, base=2)), gini=float(1 - (p ** 2).sum())))

    noisy("noisy_digits", digits, digits_y, "logits", 20, "digits-logits.csv")
    noisy("noisy_iris", iris, iris_y, "logits", 10, "iris-logits.csv")
    noisy("noisy_iris_probabilities", iris_p, iris_py, "probabilities", 10, "iris-probabilities.csv")

    with open(os.path.join(HERE, "audit_expected.json"), "w") as f:
        json.dump(json_safe(dict(meta=dict(torch=torch.__version__, numpy=np.__version__), cases=CASES)), f, indent=1,
                  allow_nan=False)
        f.write("\n")


if __name__ == "__main__":
    main()
