#!/usr/bin/python3
"""Expected values for Measure-Classification (issue 16), computed by scikit-learn (and torch for the softmax).

Run with Debian's python3 (torch 1.13, scikit-learn 1.2.1, numpy):
    /usr/bin/python3 tests/data/generate_classification_expected.py            # ~3 minutes (the 10M-row figures)
    ... --skip-big-expectations   # ~20 s: keeps the JSON's committed big_binary figures instead of recomputing them
    ... --big PATH                # also writes the 10M-row file (85 MB, logit_1,label) to PATH
It rewrites tests/data/classification/<case>.csv (the inputs) and tests/data/classification_expected.json.
The tests read those files; they never run Python. The 10M-row file is never committed: it is defined by an integer
formula (see "big_binary" in the JSON) so a C# test can write the same bytes itself; its expected figures (computed by
scikit-learn on the arrays, and checked against an exact rational computation) are committed.

Conventions (every one is also written to the JSON "notes"):
- Class order is the column order of the score columns (logit_<class> / p_<class>), never alphabetical. Labels may be
  class names or indices; scikit-learn is always given the integer index in column order, with labels=range(C).
- Predicted class = argmax of the scores as given (logits, or probabilities), ties to the lowest class index
  (numpy.argmax). One logit column: predicted 1 iff logit > 0 (a logit of exactly 0 is the tie [0.5, 0.5] -> class 0).
- Binary: the positive class is class index 1 (the second column; for one column with 0/1 labels, label 1).
  RocAuc, AveragePrecision and the curves use the positive-class probability: sigmoid(logit) for one logit column,
  softmax(logits)[:, 1] for two logit columns (NOT the raw logit_pos, whose ranking differs), p_<class 1> as given
  for probabilities. Macro*/Weighted*/Micro* figures average over both classes (average='macro' etc.), as for
  multi-class; the positive-class-only figures (average='binary') are recorded as binary_precision/recall/f1.
- Multi-class RocAuc = roc_auc_score(y, P, multi_class='ovr', average='macro', labels=range(C)) with P the
  softmax of the logits in float64 (torch.softmax), or the probabilities as given (not clipped, not renormalised).
  Multi-class AveragePrecision = average_precision_score(label_binarize(y, classes=range(C)), P, average='macro'),
  which is what scikit-learn >= 1.3 computes for multi-class y (1.2 has no multi-class path) when every class
  occurs in y. Curves: per class, one-vs-rest on P[:, k].
- A class absent from the labels: scikit-learn raises for RocAuc ("Only one class present in y_true") and for
  multi-class AveragePrecision (>= 1.3: shape mismatch); those figures are null, with alternatives recorded.
- Sample weights: every figure passes sample_weight; the confusion matrix and Support are then weighted sums
  (confusion_matrix_counts and count are the unweighted ones). roc_curve/precision_recall_curve drop rows of
  weight 0 before building thresholds, so a zero-weight row's score is not a threshold.
- Curves are scikit-learn 1.2.1's arrays exactly. roc_curve: the first threshold is thresholds[1] + 1 in 1.2 (it is
  +Infinity from 1.3 on); both drop_intermediate=True (the default) and False are recorded.
  precision_recall_curve: every distinct threshold (no drop_intermediate in 1.2; its default is False in 1.3+).
"""
import argparse
import csv
import hashlib
import json
import os
import time
import warnings
from fractions import Fraction

import numpy as np
import scipy
import sklearn
import torch
from sklearn.metrics import (accuracy_score, average_precision_score, balanced_accuracy_score, cohen_kappa_score,
                             confusion_matrix, f1_score, matthews_corrcoef, precision_recall_curve,
                             precision_recall_fscore_support, roc_auc_score, roc_curve)
from sklearn.preprocessing import label_binarize

torch.set_default_dtype(torch.float64)
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "classification")
RNG = np.random.default_rng(20261216)
CASES = []
TOL = 1e-12


def floats(a):
    return np.asarray(a, dtype=np.float64).tolist()


def json_safe(v):
    """JSON has no NaN or Infinity: write them as the strings "NaN", "Infinity", "-Infinity" (as expected.json does)."""
    if isinstance(v, float) and not np.isfinite(v):
        return "NaN" if np.isnan(v) else ("Infinity" if v > 0 else "-Infinity")
    if isinstance(v, dict):
        return {k: json_safe(x) for k, x in v.items()}
    if isinstance(v, list):
        return [json_safe(x) for x in v]
    return v


def dump_json(obj, f):
    """json.dump(indent=1), except that a list of numbers stays on one line (keeps the file small and diffable)."""
    def enc(o, ind):
        pad = " " * ind
        if isinstance(o, dict):
            if not o:
                return "{}"
            items = [pad + " " + json.dumps(k) + ": " + enc(v, ind + 1) for k, v in o.items()]
            return "{\n" + ",\n".join(items) + "\n" + pad + "}"
        if isinstance(o, list) and o and all(isinstance(v, str) for v in o) and max(map(len, o)) > 60:
            return "[\n" + ",\n".join(pad + " " + json.dumps(v) for v in o) + "\n" + pad + "]"
        if isinstance(o, list) and o and all(isinstance(v, (list, dict)) for v in o):
            if all(isinstance(v, list) and all(not isinstance(x, (list, dict)) for x in v) for v in o):
                return "[" + ", ".join(enc(v, ind + 1) for v in o) + "]"
            return "[\n" + ",\n".join(pad + " " + enc(v, ind + 1) for v in o) + "\n" + pad + "]"
        return json.dumps(o, allow_nan=False)
    f.write(enc(obj, 0))
    f.write("\n")


def write_csv(name, header, rows):
    with open(os.path.join(OUT, name), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def softmax_torch(x):
    return torch.softmax(torch.tensor(x), dim=1).numpy()


def softmax_alt(x):
    """A second softmax (exp of the max-shifted row, correctly rounded sum) to prove no figure hangs on an ulp."""
    import math
    e = np.exp(x - x.max(axis=1, keepdims=True))
    s = np.array([math.fsum(r) for r in e])
    return e / s[:, None]


def check_separated(P, name):
    """Scores of one class must be bit-identical or clearly apart, so another float computation ranks them alike."""
    for k in range(P.shape[1]):
        v = np.unique(P[:, k])
        if len(v) > 1:
            gap = np.diff(v) / np.maximum(np.abs(v[1:]), 1e-300)
            if gap.min() < 1e-11:
                raise SystemExit("%s: class %d has near-tied distinct scores (relative gap %g)" % (name, k, gap.min()))


def close(a, b, what):
    a, b = float(a), float(b)
    if np.isnan(a) and np.isnan(b):
        return
    if not abs(a - b) <= TOL * max(1.0, abs(b)):
        raise SystemExit("second computation disagrees on %s: %r vs %r" % (what, a, b))


# ---- independent second computations (numpy formulas, no scikit-learn) ----

def own_confusion(y, pred, C, w):
    m = np.zeros((C, C))
    np.add.at(m, (y, pred), w)
    return m


def own_auc(pos, score, w):
    """Weighted Mann-Whitney: P(score_pos > score_neg) + 1/2 P(tie)."""
    keep = w != 0
    pos, score, w = pos[keep], score[keep], w[keep]
    sp, wp = score[pos], w[pos]
    sn, wn = score[~pos], w[~pos]
    order = np.argsort(sn, kind="mergesort")
    sn, wn = sn[order], wn[order]
    cw = np.concatenate([[0.0], np.cumsum(wn)])
    lo = np.searchsorted(sn, sp, side="left")
    hi = np.searchsorted(sn, sp, side="right")
    num = (wp * (cw[lo] + 0.5 * (cw[hi] - cw[lo]))).sum()
    return num / (wp.sum() * wn.sum())


def own_ap(pos, score, w):
    """Step-wise AP: sum over distinct thresholds (descending) of (recall gain) x (precision at that threshold)."""
    keep = w != 0
    pos, score, w = pos[keep], score[keep], w[keep]
    order = np.argsort(-score, kind="mergesort")
    s, tpw, aw = score[order], (w * pos)[order], w[order]
    ends = np.r_[np.nonzero(np.diff(s))[0], len(s) - 1]
    tp = np.cumsum(tpw)[ends]
    allw = np.cumsum(aw)[ends]
    gain = np.diff(np.r_[0.0, tp])
    return float((gain / tp[-1] * tp / allw).sum())


def figures(y, pred, P, C, w=None, binary=False, curves=True, labels_all=True):
    """Every figure Measure-Classification returns, by scikit-learn, plus the second-computation checks."""
    labels = list(range(C)) if labels_all else None
    sw = w
    ww = np.ones(len(y)) if w is None else np.asarray(w, dtype=np.float64)
    prec, rec, f1, sup = precision_recall_fscore_support(y, pred, labels=labels, zero_division=0, sample_weight=sw)
    mp, mr, mf, _ = precision_recall_fscore_support(y, pred, labels=labels, average="macro", zero_division=0,
                                                    sample_weight=sw)
    out = dict(
        accuracy=float(accuracy_score(y, pred, sample_weight=sw)),
        balanced_accuracy=float(balanced_accuracy_score(y, pred, sample_weight=sw)),
        macro_precision=float(mp), macro_recall=float(mr), macro_f1=float(mf),
        weighted_f1=float(f1_score(y, pred, labels=labels, average="weighted", zero_division=0, sample_weight=sw)),
        micro_f1=float(f1_score(y, pred, labels=labels, average="micro", zero_division=0, sample_weight=sw)),
        matthews_corrcoef=float(matthews_corrcoef(y, pred, sample_weight=sw)),
        cohen_kappa=float(cohen_kappa_score(y, pred, labels=labels, sample_weight=sw)),
        confusion_matrix=floats(confusion_matrix(y, pred, labels=list(range(C)), sample_weight=sw)),
    )
    if w is not None:
        out["confusion_matrix_counts"] = confusion_matrix(y, pred, labels=list(range(C))).tolist()
    counts = np.bincount(y, minlength=C)
    out["per_class"] = dict(precision=floats(prec), recall=floats(rec), f1=floats(f1), support=floats(sup),
                            count=[int(c) for c in counts])
    if binary:
        bp, br, bf, _ = precision_recall_fscore_support(y, pred, average="binary", pos_label=1, zero_division=0,
                                                        sample_weight=sw)
        out.update(binary_precision=float(bp), binary_recall=float(br), binary_f1=float(bf))

    # second computation of the threshold metrics from the confusion matrix
    m = own_confusion(y, pred, C, ww)
    tot = m.sum()
    close(np.trace(m) / tot, out["accuracy"], "accuracy")
    t_k, p_k = m.sum(axis=1), m.sum(axis=0)
    cov_ytyp = np.trace(m) * tot - (t_k * p_k).sum()
    cov_ypyp, cov_ytyt = tot ** 2 - (p_k ** 2).sum(), tot ** 2 - (t_k ** 2).sum()
    mcc = 0.0 if cov_ypyp * cov_ytyt == 0 else cov_ytyp / np.sqrt(cov_ytyt * cov_ypyp)
    close(mcc, out["matthews_corrcoef"], "mcc")
    po, pe = np.trace(m) / tot, (t_k * p_k).sum() / tot ** 2
    close((po - pe) / (1 - pe), out["cohen_kappa"], "kappa")
    rk = np.diag(m)[t_k > 0] / t_k[t_k > 0]
    close(rk.mean(), out["balanced_accuracy"], "balanced accuracy")
    for k in (range(C) if labels_all else []):
        pk = m[k, k] / p_k[k] if p_k[k] > 0 else 0.0
        r = m[k, k] / t_k[k] if t_k[k] > 0 else 0.0
        close(pk, prec[k], "precision %d" % k)
        close(r, rec[k], "recall %d" % k)
        close(0.0 if pk + r == 0 else 2 * pk * r / (pk + r), f1[k], "f1 %d" % k)

    # ranking figures
    present = [k for k in range(C) if (ww[y == k] > 0).any()]
    if binary:
        s = P[:, 1]
        out["roc_auc"] = float(roc_auc_score(y, s, sample_weight=sw))
        out["average_precision"] = float(average_precision_score(y, s, sample_weight=sw))
        close(own_auc(y == 1, s, ww), out["roc_auc"], "auc")
        close(own_ap(y == 1, s, ww), out["average_precision"], "ap")
        curve_classes = [1]
    else:
        Y = label_binarize(y, classes=list(range(C)))
        auc_k, ap_k = [], []
        for k in range(C):
            if k in present:
                if ((Y[:, k] == 0) & (ww > 0)).any():
                    auc_k.append(float(roc_auc_score(Y[:, k], P[:, k], sample_weight=sw)))
                    close(own_auc(Y[:, k] == 1, P[:, k], ww), auc_k[-1], "auc %d" % k)
                else:
                    auc_k.append(float("nan"))
                ap_k.append(float(average_precision_score(Y[:, k], P[:, k], sample_weight=sw)))
                close(own_ap(Y[:, k] == 1, P[:, k], ww), ap_k[-1], "ap %d" % k)
            else:
                auc_k.append(float("nan"))
                ap_k.append(float("nan"))
        out["per_class"]["roc_auc"] = auc_k
        out["per_class"]["average_precision"] = ap_k
        if len(present) == C:
            out["roc_auc"] = float(roc_auc_score(y, P, multi_class="ovr", average="macro", labels=list(range(C)),
                                                 sample_weight=sw))
            out["average_precision"] = float(average_precision_score(Y, P, average="macro", sample_weight=sw))
            close(np.mean(auc_k), out["roc_auc"], "macro auc")
            close(np.mean(ap_k), out["average_precision"], "macro ap")
        else:
            try:
                roc_auc_score(y, P, multi_class="ovr", average="macro", labels=list(range(C)), sample_weight=sw)
                raise SystemExit("expected scikit-learn to raise for an absent class")
            except ValueError as e:
                out["roc_auc_sklearn_error"] = str(e)
            out["roc_auc"] = None
            out["average_precision"] = None
            out["roc_auc_over_present_classes"] = float(np.mean([auc_k[k] for k in present]))
            out["average_precision_over_present_classes"] = float(np.mean([ap_k[k] for k in present]))
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                out["average_precision_sklearn12_multilabel_all_classes"] = float(
                    average_precision_score(Y, P, average="macro", sample_weight=sw))
        curve_classes = list(range(C))

    if curves:
        roc, pr = [], []
        for k in curve_classes:
            truth = (y == k).astype(int)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                f1_, t1_, th1 = roc_curve(truth, P[:, k], sample_weight=sw, drop_intermediate=True)
                f0_, t0_, th0 = roc_curve(truth, P[:, k], sample_weight=sw, drop_intermediate=False)
                pp, rr, tt = precision_recall_curve(truth, P[:, k], sample_weight=sw)
            roc.append(dict(cls=k, drop_intermediate_true=dict(fpr=floats(f1_), tpr=floats(t1_), thresholds=floats(th1)),
                            drop_intermediate_false=dict(fpr=floats(f0_), tpr=floats(t0_), thresholds=floats(th0))))
            pr.append(dict(cls=k, precision=floats(pp), recall=floats(rr), thresholds=floats(tt)))
        out["curves"] = dict(roc=roc, precision_recall=pr)
    return out


def case(name, header_scores, scores, kind, classes, y, label_names=False, weight=None, groups=None, curves=True,
         score_fmt=repr, notes=None, labels_all_variant=False):
    """Write <name>.csv and record its expectations. kind: 'logits', 'probabilities' or 'binary_logit' (one column)."""
    n, ncol = scores.shape
    C = len(classes)
    y = np.asarray(y)
    if kind == "binary_logit":
        pred = (scores[:, 0] > 0).astype(int)
        s1 = torch.sigmoid(torch.tensor(scores[:, 0])).numpy()
        P = np.stack([1 - s1, s1], axis=1)
        P_alt = np.stack([1 - s1, 1 / (1 + np.exp(-scores[:, 0]))], axis=1)
    elif kind == "logits":
        pred = scores.argmax(axis=1)
        P, P_alt = softmax_torch(scores), softmax_alt(scores)
    else:
        pred = scores.argmax(axis=1)
        P, P_alt = scores.copy(), scores.copy()
    binary = C == 2
    check_separated(P[:, 1:2] if binary else P, name)

    header = list(header_scores) + ["label"] + (["w"] if weight is not None else []) + \
        (["split"] if groups is not None else [])
    rows = []
    for i in range(n):
        r = [score_fmt(float(v)) for v in scores[i]]
        r.append(classes[y[i]] if label_names else int(y[i]))
        if weight is not None:
            r.append(repr(float(weight[i])))
        if groups is not None:
            r.append(groups[i])
        rows.append(r)
    write_csv(name + ".csv", header, rows)

    res = figures(y, pred, P, C, w=weight, binary=binary, curves=curves)
    alt = figures(y, pred, P_alt, C, w=weight, binary=binary, curves=curves)
    # the alternative probabilities must give the same ranking figures and curve shapes
    for key in ("roc_auc", "average_precision"):
        if res[key] is not None:
            close(alt[key], res[key], key + " (alternative softmax)")
    if curves:
        for a, b in zip(res["curves"]["roc"] + res["curves"]["precision_recall"],
                        alt["curves"]["roc"] + alt["curves"]["precision_recall"]):
            for sub in ("drop_intermediate_true", "drop_intermediate_false"):
                if sub in a and len(a[sub]["fpr"]) != len(b[sub]["fpr"]):
                    raise SystemExit("%s: curve length depends on the softmax computation" % name)
            if "precision" in a and len(a["precision"]) != len(b["precision"]):
                raise SystemExit("%s: PR curve length depends on the softmax computation" % name)

    entry = dict(name=name, file="classification/%s.csv" % name,
                 task="binary" if binary else "multiclass", input=kind if kind != "binary_logit" else "logits",
                 score_columns=list(header_scores), one_column_binary=kind == "binary_logit",
                 classes=list(classes), label_format="name" if label_names else "index",
                 positive_class=dict(index=1, name=classes[1]) if binary else None,
                 sample_weight_column="w" if weight is not None else None,
                 group_by="split" if groups is not None else None, n_rows=n,
                 auc_scores=("sigmoid(logit_1) in float64 (torch.sigmoid)" if kind == "binary_logit" else
                             "softmax(logits)[:, 1] in float64 (torch.softmax)" if binary and kind == "logits" else
                             "the probability column of class 1 as given" if binary else
                             "softmax of the logits in float64 (torch.softmax), per row" if kind == "logits" else
                             "the probabilities as given (no clipping, no renormalisation)"),
                 curves_recorded=curves, notes=notes or [])
    if n <= 400:
        entry["predicted"] = [int(v) for v in pred]
        entry["auc_score_values"] = floats(P[:, 1] if binary else P)
    entry.update(res)
    if labels_all_variant:
        v = figures(y, pred, P, C, w=weight, binary=binary, curves=False, labels_all=False)
        entry["labels_observed_variant"] = {k: v[k] for k in ("macro_precision", "macro_recall", "macro_f1",
                                                              "weighted_f1", "micro_f1", "cohen_kappa")}
    if groups is not None:
        per = []
        g = np.asarray(groups)
        for name_g in dict.fromkeys(groups):  # first appearance order
            sel = g == name_g
            gr = figures(y[sel], pred[sel], P[sel], C, w=None if weight is None else np.asarray(weight)[sel],
                         binary=binary, curves=False)
            gr["group"] = name_g
            gr["n_rows"] = int(sel.sum())
            per.append(gr)
        entry["groups"] = per
    CASES.append(entry)


# ---- the 10M-row binary file: defined by integers only, so C# can write the very same bytes ----
BIG_FORMULA = dict(
    header="logit_1,label",
    row_index="i = 0 .. n-1 (0-based, data rows only; lines end with \\n, no trailing blank line)",
    k="k = (i * 7919) mod 10007  (0 <= k <= 10006)",
    logit="logit = (k - 5003) / 1000, written as [-]<integer part>.<3 digits>, e.g. -5.003, 0.000, 0.017, 5.003",
    label="h = (i * 2654435761 + 12345) mod 2^32; label = 1 if (h mod 10007) < k else 0",
    positive_score="sigmoid(logit); AUC/AP only depend on the ranking, which the logit gives (no ties are created)",
)


def big_arrays(n):
    i = np.arange(n, dtype=np.int64)
    k = (i * 7919) % 10007
    h = (i * 2654435761 + 12345) % (2 ** 32)
    y = ((h % 10007) < k).astype(np.int64)
    return k, y


def big_text_chunks(n, chunk=1_000_000):
    yield b"logit_1,label\n"
    for start in range(0, n, chunk):
        k, y = big_arrays(min(n, start + chunk))
        k, y = k[start:], y[start:]
        v = k - 5003
        lines = ["%s%d.%03d,%d\n" % ("-" if a < 0 else "", abs(a) // 1000, abs(a) % 1000, b) for a, b in zip(v.tolist(), y.tolist())]
        yield "".join(lines).encode("ascii")


def big_expected(n):
    t0 = time.time()
    k, y = big_arrays(n)
    x = (k - 5003) / 1000.0
    pred = (x > 0).astype(np.int64)
    s1 = torch.sigmoid(torch.tensor(x)).numpy()
    if len(np.unique(s1)) != len(np.unique(x)):
        raise SystemExit("sigmoid merged distinct logits")
    P = np.stack([1 - s1, s1], axis=1)
    res = figures(y, pred, P, 2, binary=True, curves=False) if n <= 200_000 else None
    if res is None:
        # the same figures without the O(n * thresholds) second AP computation
        res = dict(accuracy=float(accuracy_score(y, pred)), balanced_accuracy=float(balanced_accuracy_score(y, pred)))
        prec, rec, f1, sup = precision_recall_fscore_support(y, pred, labels=[0, 1], zero_division=0)
        mp, mr, mf, _ = precision_recall_fscore_support(y, pred, labels=[0, 1], average="macro", zero_division=0)
        bp, br, bf, _ = precision_recall_fscore_support(y, pred, average="binary", zero_division=0)
        res.update(macro_precision=float(mp), macro_recall=float(mr), macro_f1=float(mf),
                   weighted_f1=float(f1_score(y, pred, labels=[0, 1], average="weighted")),
                   micro_f1=float(f1_score(y, pred, labels=[0, 1], average="micro")),
                   matthews_corrcoef=float(matthews_corrcoef(y, pred)),
                   cohen_kappa=float(cohen_kappa_score(y, pred, labels=[0, 1])),
                   confusion_matrix=floats(confusion_matrix(y, pred, labels=[0, 1])),
                   per_class=dict(precision=floats(prec), recall=floats(rec), f1=floats(f1), support=floats(sup),
                                  count=[int(c) for c in np.bincount(y, minlength=2)]),
                   binary_precision=float(bp), binary_recall=float(br), binary_f1=float(bf),
                   roc_auc=float(roc_auc_score(y, s1)), average_precision=float(average_precision_score(y, s1)))
    # exact rational AUC and AP from the counts per distinct logit (an independent check)
    pos = np.bincount(k, weights=y, minlength=10007).astype(np.int64)
    tot = np.bincount(k, minlength=10007).astype(np.int64)
    neg = tot - pos
    P_, N_ = int(pos.sum()), int(neg.sum())
    below = 0
    num = 0
    for kk in range(10007):
        num += int(pos[kk]) * (2 * below + int(neg[kk]))
        below += int(neg[kk])
    auc = Fraction(num, 2 * P_ * N_)
    ap, tp, allc = Fraction(0), 0, 0
    for kk in range(10006, -1, -1):
        if tot[kk] == 0:
            continue
        tp += int(pos[kk])
        allc += int(tot[kk])
        ap += Fraction(int(pos[kk]), P_) * Fraction(tp, allc)
    close(float(auc), res["roc_auc"], "big auc")
    close(float(ap), res["average_precision"], "big ap")
    res["roc_auc_exact_rational"] = float(auc)
    res["average_precision_exact_rational"] = float(ap)
    res["n_rows"] = n
    res["positives"] = P_
    res["distinct_scores"] = int((tot > 0).sum())
    h = hashlib.sha256()
    size = 0
    for chunk in big_text_chunks(n):
        h.update(chunk)
        size += len(chunk)
    res["file_sha256"] = h.hexdigest()
    res["file_bytes"] = size
    print("big_binary n=%d: %.1f s" % (n, time.time() - t0))
    return res


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--big", metavar="PATH", help="also write the 10M-row binary file (logit_1,label) to PATH")
    ap.add_argument("--skip-big-expectations", action="store_true",
                    help="do not recompute the committed 10M-row figures (keeps the JSON's big_binary as it is)")
    args = ap.parse_args()
    os.makedirs(OUT, exist_ok=True)

    # 1. binary, two logit columns (neg/pos), index labels 0/1
    n = 60
    x = RNG.normal(0, 1.5, size=(n, 2))
    y = (RNG.uniform(size=n) < 1 / (1 + np.exp(-(x[:, 1] - x[:, 0])))).astype(int)
    case("binary_two_logits", ["logit_neg", "logit_pos"], x, "logits", ["neg", "pos"], y,
         notes=["Scores for RocAuc/AP/curves: softmax(logit_neg, logit_pos)[1] = sigmoid(logit_pos - logit_neg); "
                "ranking by logit_pos alone gives a different AUC (%r)." %
                float(roc_auc_score(y, x[:, 1]))])

    # 2. binary, one logit column logit_1, 0/1 labels; ties (repeated logits) and an exact 0 logit (predicted 0)
    n = 50
    x = np.round(RNG.normal(0.2, 2.0, size=n), 1)
    x[[3, 17, 31]] = 0.0
    x[[5, 6, 7, 8]] = 1.5
    y = (RNG.uniform(size=n) < 1 / (1 + np.exp(-x))).astype(int)
    y[[5, 6]] = 1
    y[[7, 8]] = 0
    case("binary_one_logit", ["logit_1"], x[:, None], "binary_logit", ["0", "1"], y,
         notes=["One logit column with 0/1 labels: binary, score = sigmoid(logit_1); predicted 1 iff logit_1 > 0. "
                "Logits are rounded to 1 decimal, so many scores tie (sklearn groups ties into one threshold)."])

    # 3. multiclass, 3 classes, logits
    n = 90
    x = RNG.normal(0, 2.0, size=(n, 3))
    y = np.array([RNG.choice(3, p=p) for p in softmax_torch(x * 0.8)])
    case("multiclass3_logits", ["logit_0", "logit_1", "logit_2"], x, "logits", ["0", "1", "2"], y)

    # 4. multiclass, 10 classes, logits
    n = 100
    x = RNG.normal(0, 2.0, size=(n, 10))
    y = np.array([RNG.choice(10, p=p) for p in softmax_torch(x * 0.6)])
    case("multiclass10_logits", ["logit_%d" % c for c in range(10)], x, "logits", [str(c) for c in range(10)], y)

    # 5. probabilities, 3 classes (exact zeros and exactly tied rows included)
    n = 80
    p = RNG.dirichlet([0.8, 1.0, 1.2], size=n)
    p[[2, 9, 40]] = [0.5, 0.5, 0.0]  # argmax tie -> class 0; exact 0 probability
    p[[11, 12]] = [0.0, 0.25, 0.75]
    p[[20, 21, 22]] = p[19]
    y = np.array([RNG.choice(3, p=np.clip(r, 0.02, 1) / np.clip(r, 0.02, 1).sum()) for r in p])
    case("probabilities3", ["p_0", "p_1", "p_2"], p, "probabilities", ["0", "1", "2"], y,
         notes=["Rows 3, 10, 41 (1-based) are [0.5, 0.5, 0]: predicted class 0 (tie to the lowest index). "
                "Probabilities go to scikit-learn as given: no clipping (clipping would merge 0 with tiny values)."])

    # 6. tied scores: 4 classes, logits drawn from a few integer prototypes (identical rows tie exactly)
    protos = np.array([[0, 0, 0, 0], [0, 2, 2, 0], [0, 1, 3, 1], [0, -1, 0, 2], [0, 3, 3, 3], [0, 0, 4, 0],
                       [0, 2, -1, -1], [0, 1, 1, 2]], dtype=np.float64)
    idx = RNG.integers(0, len(protos), size=120)
    x = protos[idx]
    y = RNG.integers(0, 4, size=120)
    y[idx == 5] = 2
    case("ties_rounded_logits", ["logit_a", "logit_b", "logit_c", "logit_d"], x, "logits", ["a", "b", "c", "d"], y,
         notes=["Every row is one of 8 integer prototypes with logit_a = 0, so scores tie across rows in every class. "
                "Argmax ties ([0,0,0,0] -> a, [0,2,2,0] -> b, [0,3,3,3] -> b, [0,1,1,2] -> d) go to the lowest index."])

    # 7. a class that is never predicted (class 3 is in the labels)
    n = 70
    x = RNG.normal(0, 1.5, size=(n, 4))
    x[:, 3] -= 6.0
    y = np.array([RNG.choice(4, p=[0.3, 0.3, 0.25, 0.15]) for _ in range(n)])
    assert (x.argmax(axis=1) != 3).all()
    case("never_predicted", ["logit_0", "logit_1", "logit_2", "logit_3"], x, "logits", ["0", "1", "2", "3"], y,
         notes=["Class 3 is never predicted: its precision is 0/0 -> 0 (zero_division=0) and counts in the macro mean."])

    # 8. a class absent from the labels (class 2), but predicted for some rows
    n = 70
    x = RNG.normal(0, 1.5, size=(n, 4))
    y = RNG.choice([0, 1, 3], size=n)
    x[[4, 9, 30], 2] += 8.0
    case("absent_class", ["logit_0", "logit_1", "logit_2", "logit_3"], x, "logits", ["0", "1", "2", "3"], y,
         notes=["Class 2 never occurs in the labels but is predicted: recall 0/0 -> 0 (zero_division=0) in "
                "MacroRecall, while balanced_accuracy_score averages only the classes present in y_true (so the "
                "two differ). RocAuc and AveragePrecision: scikit-learn raises (ovr AUC of class 2 has one class "
                "only; multi-class AP in >= 1.3 has a shape mismatch) -> null here; alternatives recorded: the macro "
                "mean over the classes present in the labels, and scikit-learn 1.2's multilabel AP which counts the "
                "absent class as 0. Per-class curves of class 2: tpr is NaN (roc_curve) and recall is 1 "
                "(precision_recall_curve), as scikit-learn returns them."])

    # 9. a class in neither labels nor predictions: labels=range(C) vs scikit-learn's default labels (observed)
    n = 40
    x = RNG.normal(0, 1.5, size=(n, 4))
    x[:, 3] -= 9.0
    y = RNG.integers(0, 3, size=n)
    case("unused_class", ["logit_0", "logit_1", "logit_2", "logit_3"], x, "logits", ["0", "1", "2", "3"], y,
         curves=False, labels_all_variant=True,
         notes=["Class 3 is neither a label nor a prediction. The figures use labels=range(C) (every score column "
                "is a class): class 3 gets precision = recall = F1 = 0 and pulls the macro means down. "
                "labels_observed_variant holds scikit-learn's default (labels=None: only observed classes); the "
                "implementer chooses and documents one (recommended: every column is a class, as recorded)."])

    # 10. sample weights, multiclass (weights include 0 and non-integers; a zero-weight row holds the top score)
    n = 75
    x = RNG.normal(0, 2.0, size=(n, 3))
    y = np.array([RNG.choice(3, p=p) for p in softmax_torch(x * 0.7)])
    w = np.round(RNG.uniform(0.1, 3.0, size=n), 3)
    w[::9] = 0.0
    w[[1, 2]] = [0.5, 2.25]
    x[0] = [9.0, -3.0, -3.0]  # highest class-0 score; weight 0 -> not a threshold
    y[0] = 1
    case("sample_weights", ["logit_0", "logit_1", "logit_2"], x, "logits", ["0", "1", "2"], y, weight=w,
         notes=["Sample weights in column w (zeros every 9th row, from row 1). Confusion matrix and Support are "
                "weighted sums; roc_curve/precision_recall_curve drop zero-weight rows first, so row 1's class-0 "
                "score (the highest) is not a class-0 threshold."])

    # 11. binary probabilities with class-name labels and sample weights
    n = 64
    p1 = np.round(RNG.beta(2, 2, size=n), 2)
    y = (RNG.uniform(size=n) < p1).astype(int)
    p = np.stack([1 - p1, p1], axis=1)
    p[[0, 1], :] = [0.5, 0.5]  # tie -> predicted "no"
    w = np.round(RNG.uniform(0, 2, size=n), 2)
    w[[5, 6]] = 0.0
    case("binary_probabilities_weighted", ["p_no", "p_yes"], p, "probabilities", ["no", "yes"], y, label_names=True,
         weight=w, notes=["Labels are the names no/yes; positive class = yes (index 1, the second column). "
                          "Score = p_yes as given. p is rounded to 2 decimals (many ties); p = [0.5, 0.5] predicts no."])

    # 12. class-name labels, column order not alphabetical, with -GroupBy split
    n = 96
    x = RNG.normal(0, 1.8, size=(n, 3))
    y = np.array([RNG.choice(3, p=p) for p in softmax_torch(x)])
    groups = list(RNG.choice(["train", "valid"], size=n))
    case("class_names", ["logit_cat", "logit_dog", "logit_bird"], x, "logits", ["cat", "dog", "bird"], y,
         label_names=True, groups=groups,
         notes=["Class order is the column order cat, dog, bird (not alphabetical). Labels are names. "
                "groups[] holds the figures per value of the split column (-GroupBy split), in order of first "
                "appearance."])

    # 13. larger case: 5,000 rows, 10 classes, logits with 3 decimals (short text, still exact doubles)
    n = 5000
    y = RNG.integers(0, 10, size=n)
    x = np.round(RNG.normal(0, 1.6, size=(n, 10)) + 1.8 * np.eye(10)[y], 3)
    case("large_10class", ["logit_%d" % c for c in range(10)], x, "logits", [str(c) for c in range(10)], y,
         curves=False, notes=["5,000 rows. Curves are not recorded (size); per-class AUC and AP are."])

    meta = dict(sklearn=sklearn.__version__, torch=torch.__version__, numpy=np.__version__, scipy=scipy.__version__,
                tolerance="1e-12 (relative, absolute below 1)")
    notes = [" ".join(l.split()) for l in __doc__.split("Conventions (every one is also written to the JSON \"notes\"):")[1]
             .split("\n- ") if l.strip()]
    path = os.path.join(HERE, "classification_expected.json")
    big = None
    if args.skip_big_expectations and os.path.exists(path):
        with open(path) as f:
            big = json.load(f).get("big_binary")
    if big is None:
        big = dict(formula=BIG_FORMULA, n_default=10_000_000,
                   sizes=[big_expected(100_000), big_expected(10_000_000)],
                   notes=["Expected figures for the first n rows of the formula file, n = 100,000 and 10,000,000. "
                          "scikit-learn needs about a minute for the 10M figures on this machine; AUC and AP are "
                          "also checked against exact rational arithmetic over the 10,007 distinct logits. "
                          "Scores tie heavily (about 1,000 rows per distinct logit)."])
    out = dict(meta=meta, notes=notes, cases=CASES, big_binary=big)
    with open(path, "w") as f:
        dump_json(json_safe(out), f)

    if args.big:
        with open(args.big, "wb") as f:
            for chunk in big_text_chunks(10_000_000):
                f.write(chunk)
        print("wrote", args.big)


if __name__ == "__main__":
    main()
