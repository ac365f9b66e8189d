#!/usr/bin/python3
"""Expected values for the sequence and modern losses (issue 17): token-level evaluation, target log-probability
rows, z-loss, logit soft-capping, focal loss (multi-class, and torchvision's sigmoid focal loss) and the regularised
objective (L2/L1 penalty on a parameter file). Computed in float64 by PyTorch (autograd for every gradient),
torchvision and scikit-learn, each checked against a second computation (numpy formulas) where cheap.

Run with Debian's python3 (torch 1.13, torchvision 0.14, scikit-learn 1.2.1, numpy):
    /usr/bin/python3 tests/data/generate_sequence_expected.py
It rewrites tests/data/sequence/*.csv, tests/data/objective/*.csv (the inputs) and tests/data/sequence_expected.json.
The tests read those files; they never run Python.

Conventions (also written to the JSON "notes"; where PyTorch is silent these are our choices):
- Token-level: Loss = F.cross_entropy over the flattened tokens (ignore_index=-100, weight= for class weights), i.e.
  the mean over non-ignored tokens (class weights: sum w[y]*l / sum w[y]). SequenceLoss = unweighted mean over
  sequences of each sequence's own Loss, skipping sequences with no contributing token (all ignored, or total weight
  0); those are counted as EmptySequences and listed per sequence with Tokens 0 and Loss/Perplexity/Accuracy NaN.
  Sequences counts every distinct sequence id; SequencesUsed = Sequences - EmptySequences. Per-sequence results are
  in order of first appearance of the id in the file (rows are interleaved; ids are not sorted, neither as numbers
  nor as strings). Perplexity = exp(Loss), BitsPerToken = Loss / ln 2, for the total and per sequence.
  Accuracy = share of non-ignored tokens whose argmax (ties to the lowest index) equals the label.
- Sample weights (column w) on tokens: Loss = sum w*l / sum w over non-ignored tokens (the same per sequence);
  Accuracy is weighted the same way. Not combined with class weights here.
- Log-probability rows (column logprob = natural log of p(target)): token loss = -logprob; every figure as above.
  Padding tokens are simply absent from that file, so its all-padding sequence does not exist there.
- z-loss (PaLM; Liger-Kernel's lse_square_scale): row loss = CE_row + z*lse(x)^2 with lse over the row's logits;
  ignored rows contribute 0 to both parts. Mean: CE part as PyTorch (divided by sum w[y], or the count of
  non-ignored rows), z part divided by the count of non-ignored rows (Liger: "z_loss is not scaled by weight").
  Label smoothing applies to the CE part only. Recorded: total, ce and z parts for none/mean/sum, and autograd
  gradients of the mean and sum totals.
- Soft-capping (Gemma 2): capped = tanh(x / c) * c, computed in that order, then everything (CE, smoothing, z-loss)
  uses the capped logits; gradients are with respect to the raw logits (autograd through tanh).
- Multi-class focal loss: row loss = -alpha[y] * (1 - p_y)^gamma * log p_y with log p_y = log_softmax(x)[y],
  p_y = exp(log p_y) (torch ops, autograd; no PyTorch reference exists). alpha defaults to 1 for every class.
  Mean = plain mean over non-ignored rows (NOT divided by sum alpha[y], unlike CE's weight=); gamma = 0 without alpha
  equals F.cross_entropy exactly. 1 - p_y is computed as 1 - exp(log p_y) (as every common implementation does);
  it cancels when p_y is close to 1, so inputs keep p_y <= ~0.999.
- Sigmoid focal loss: exactly torchvision.ops.sigmoid_focal_loss(inputs, targets, alpha, gamma, reduction); mean is
  over every element (rows x labels for multi-label); alpha < 0 disables the alpha factor; alpha=-1, gamma=0 equals
  F.binary_cross_entropy_with_logits.
- Objective: scikit-learn LogisticRegression (multinomial, lbfgs, fit_intercept=True) minimises
  sum_i CE_i + 1/(2C) * ||coef_||^2 (the intercept is not penalised). With the logits X @ coef_.T + intercept_ and the
  parameter file holding coef_ only, Measure-CrossEntropy -Reduction Sum -L2 (1/(2C)) -ParameterPath <coef file>
  equals that objective. Penalty = L2 * sum theta^2 + L1 * sum |theta|, added to the reduced loss (Sum or Mean).
"""
import csv
import json
import math
import os

import numpy as np
import sklearn
import torch
import torch.nn.functional as F
import torchvision
from scipy.special import logsumexp
from sklearn.datasets import load_iris
from sklearn.linear_model import LogisticRegression
from torchvision.ops import sigmoid_focal_loss

torch.set_default_dtype(torch.float64)
HERE = os.path.dirname(os.path.abspath(__file__))
SEQ = os.path.join(HERE, "sequence")
OBJ = os.path.join(HERE, "objective")
RNG = np.random.default_rng(20261217)
TOL = 1e-12
LN2 = math.log(2.0)


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


def write_csv(folder, name, header, rows):
    with open(os.path.join(folder, name), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        if header:
            w.writerow(header)
        w.writerows(rows)


def r(v):
    return repr(float(v))


def close(a, b, what, tol=TOL):
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    ok = np.isclose(a, b, rtol=tol, atol=tol, equal_nan=True)
    if not ok.all():
        raise SystemExit("second computation disagrees on %s: %r vs %r" % (what, a[~ok][:3], b[~ok][:3]))


def np_ce_rows(x, y, weight=None, smoothing=0.0, ignore=-100):
    """numpy CE per row (PyTorch's formula incl. weights and smoothing); ignored rows 0."""
    x = np.asarray(x, dtype=np.float64)
    C = x.shape[1]
    w = np.ones(C) if weight is None else np.asarray(weight)
    lsm = x - logsumexp(x, axis=1, keepdims=True)
    out = np.zeros(len(x))
    for i, t in enumerate(y):
        if t == ignore:
            continue
        out[i] = (1 - smoothing) * w[t] * -lsm[i, t] + smoothing / C * (w * -lsm[i]).sum()
    return out


# ---------------------------------------------------------------- 1 and 2: token-level and log-probability rows

def seq_summary(ids, num_rows, contrib, weight_rows):
    """Per sequence (first-appearance order): sum of num_rows / sum of weight_rows over its contributing rows."""
    per = []
    for s in dict.fromkeys(ids):
        sel = np.array([i == s for i in ids]) & contrib
        wsum = float(weight_rows[sel].sum())
        loss = float(num_rows[sel].sum() / wsum) if wsum > 0 else float("nan")
        per.append(dict(sequence=s, tokens=int(sel.sum()), loss=loss, perplexity=math.exp(loss),
                        bits_per_token=loss / LN2, weight_sum=wsum))
    used = [p for p in per if p["weight_sum"] > 0]
    return per, used


def token_level(name, ids, logits, labels, class_weight=None, sample_weight=None, note=None):
    x = torch.tensor(logits, requires_grad=False)
    t = torch.tensor(labels, dtype=torch.long)
    cw = None if class_weight is None else torch.tensor(class_weight)
    rows = F.cross_entropy(x, t, weight=cw, reduction="none").numpy()  # includes w[y]; ignored rows 0
    keep = np.asarray(labels) != -100
    pred = np.asarray(logits).argmax(axis=1)
    correct = (pred == np.asarray(labels)).astype(np.float64)
    # second computation
    close(rows, np_ce_rows(logits, labels, class_weight), name + " rows")
    if sample_weight is None:
        wy = np.where(keep, 1.0 if class_weight is None else np.asarray(class_weight)[np.where(keep, labels, 0)], 0.0)
        num_rows = rows
        loss = float(F.cross_entropy(x, t, weight=cw, reduction="mean"))
        close(loss, rows.sum() / wy.sum(), name + " mean")
        acc_w = keep.astype(np.float64)
    else:
        sw = np.asarray(sample_weight, dtype=np.float64)
        wy = np.where(keep, sw, 0.0)
        num_rows = sw * rows
        loss = float(num_rows.sum() / wy.sum())
        acc_w = wy
    per, used = seq_summary(ids, num_rows, keep, wy)
    # accuracy per sequence (unweighted for class weights, sample-weighted for sample weights)
    for p in per:
        sel = np.array([i == p["sequence"] for i in ids]) & keep
        a = acc_w[sel].sum()
        p["accuracy"] = float((acc_w[sel] * correct[sel]).sum() / a) if a > 0 else float("nan")
    seq_loss = float(np.mean([p["loss"] for p in used]))
    out = dict(name=name, kind="token_level", file="sequence/tokens.csv",
               class_weight=None if class_weight is None else floats(class_weight),
               sample_weight_column="w" if sample_weight is not None else None, ignore_index=-100,
               loss=loss, sequence_loss=seq_loss, sequences=len(per), sequences_used=len(used),
               empty_sequences=len(per) - len(used), tokens=int(keep.sum()), ignored=int((~keep).sum()),
               weight_sum=float(wy.sum()), perplexity=math.exp(loss), bits_per_token=loss / LN2,
               accuracy=float((acc_w * correct).sum() / acc_w.sum()),
               loss_none=floats(rows), predicted=[int(v) for v in pred], per_sequence=per, notes=note or [])
    return out


def logprob_level(name, ids, logprob, sample_weight=None):
    lp = np.asarray(logprob)
    rows = -lp
    w = np.ones(len(lp)) if sample_weight is None else np.asarray(sample_weight, dtype=np.float64)
    keep = np.ones(len(lp), dtype=bool)
    per, used = seq_summary(ids, w * rows, keep, w)
    loss = float((w * rows).sum() / w.sum())
    if sample_weight is None:
        close(loss, -float(torch.tensor(lp).mean()), name + " mean")
    return dict(name=name, kind="logprob", file="sequence/tokens-logprob.csv",
                sample_weight_column="w" if sample_weight is not None else None,
                loss=loss, sequence_loss=float(np.mean([p["loss"] for p in used])), sequences=len(per),
                sequences_used=len(used), empty_sequences=len(per) - len(used), tokens=len(lp),
                weight_sum=float(w.sum()), perplexity=math.exp(loss), bits_per_token=loss / LN2,
                loss_none=floats(rows), per_sequence=per)


def make_tokens():
    V = 8
    lengths = {"3": 9, "10": 14, "7": 5, "2": 11, "25": 4, "1": 1, "12": 8}
    rows = []
    for s, L in lengths.items():
        n_pad = 4 if s == "25" else int(RNG.integers(0, 4))
        for pos in range(L + n_pad if s != "25" else L):
            logits = RNG.normal(0, 2.0, size=V)
            if s == "25" or pos >= L:
                label = -100
            else:
                p = np.exp(logits - logits.max())
                p /= p.sum()
                label = int(RNG.choice(V, p=0.6 * p + 0.4 / V))
            rows.append((s, logits, label))
    # a token whose argmax ties (two equal logits) -> lowest index
    s0, l0, y0 = rows[3]
    l0 = l0.copy()
    j = int(l0.argmax())
    k = (j + 3) % V
    l0[max(j, k)] = l0[min(j, k)] = l0[j]
    rows[3] = (s0, l0, min(j, k))
    order = RNG.permutation(len(rows))
    # keep id "3" first so the first-appearance order is fixed and not sorted: 3, ...
    first = [i for i in order if rows[i][0] == "3"][0]
    order = [first] + [i for i in order if i != first]
    rows = [rows[i] for i in order]
    ids = [r_[0] for r_ in rows]
    logits = np.array([r_[1] for r_ in rows])
    labels = np.array([r_[2] for r_ in rows])
    w = np.round(RNG.uniform(0.2, 2.0, size=len(rows)), 2)
    w[[i for i, s in enumerate(ids) if s == "7"]] = 0.0  # sequence 7 has total weight 0 in the weighted variant
    w[5] = 0.0
    return ids, logits, labels, w


# ---------------------------------------------------------------- 3, 4: z-loss and soft-capping

def modern_ce(name, logits, target, z=0.0, smoothing=0.0, weight=None, softcap=None, file=None, note=None):
    x = torch.tensor(logits, requires_grad=True)
    t = torch.tensor(target, dtype=torch.long)
    cw = None if weight is None else torch.tensor(weight)

    def parts(xr, reduction):
        xc = torch.tanh(xr / softcap) * softcap if softcap is not None else xr
        ce = F.cross_entropy(xc, t, weight=cw, label_smoothing=smoothing, reduction=reduction)
        keep = (t != -100).to(xr.dtype)
        zr = z * torch.logsumexp(xc, dim=1) ** 2 * keep
        if reduction == "none":
            zz = zr
        elif reduction == "sum":
            zz = zr.sum()
        else:
            zz = zr.sum() / keep.sum()
        return ce, zz, xc

    out = dict(name=name, file=file, logits=floats(logits), target=[int(v) for v in target], z=z,
               label_smoothing=smoothing, weight=None if weight is None else floats(weight), softcap=softcap,
               ignore_index=-100, notes=note or [])
    for red in ("none", "mean", "sum"):
        ce, zz, xc = parts(x, red)
        total = ce + zz
        if red == "none":
            out.update(loss_none=floats(total.detach()), ce_none=floats(ce.detach()), z_none=floats(zz.detach()))
        else:
            g, = torch.autograd.grad(total, x)
            out.update({"loss_" + red: float(total), "ce_" + red: float(ce), "z_" + red: float(zz),
                        "grad_" + red: floats(g)})
    if softcap is not None:
        out["capped_logits"] = floats(xc.detach())
    # second computation: numpy formulas on the capped logits
    xc_np = np.tanh(np.asarray(logits) / softcap) * softcap if softcap is not None else np.asarray(logits)
    keep = np.asarray(target) != -100
    ce_rows = np_ce_rows(xc_np, target, weight, smoothing)
    z_rows = z * logsumexp(xc_np, axis=1) ** 2 * keep
    close(out["ce_none"], ce_rows, name + " ce rows")
    close(out["z_none"], z_rows, name + " z rows")
    wy = np.where(keep, 1.0 if weight is None else np.asarray(weight)[np.where(keep, target, 0)], 0.0)
    close(out["loss_mean"], ce_rows.sum() / wy.sum() + z_rows.sum() / keep.sum(), name + " mean")
    close(out["loss_sum"], ce_rows.sum() + z_rows.sum(), name + " sum")
    if softcap is None and z > 0 and weight is None:
        # closed-form gradient of the mean: (softmax*((1-eps)+eps) - onehot*(1-eps) - eps/C)/N + 2z*lse*softmax/N
        C = xc_np.shape[1]
        p = np.exp(xc_np - logsumexp(xc_np, axis=1, keepdims=True))
        lse = logsumexp(xc_np, axis=1)
        g = p - smoothing / C
        g[np.arange(len(target))[keep], np.asarray(target)[keep]] -= 1 - smoothing
        g += 2 * z * lse[:, None] * p
        g[~keep] = 0
        close(out["grad_mean"], g / keep.sum(), name + " closed-form gradient")
    return out


# ---------------------------------------------------------------- 5: focal losses

def focal_multiclass(name, logits, target, gamma, alpha=None, file=None, note=None):
    x = torch.tensor(logits, requires_grad=True)
    t = torch.tensor(target, dtype=torch.long)
    keep = t != -100
    C = x.shape[1]
    a = torch.ones(C) if alpha is None else torch.tensor(alpha)

    def rows(xr):
        logp = F.log_softmax(xr, dim=1).gather(1, torch.where(keep, t, 0)[:, None])[:, 0]
        p = logp.exp()
        loss = -a[torch.where(keep, t, 0)] * (1 - p) ** gamma * logp
        return torch.where(keep, loss, torch.zeros_like(loss))

    out = dict(name=name, file=file, logits=floats(logits), target=[int(v) for v in target], gamma=gamma,
               alpha=None if alpha is None else floats(alpha), ignore_index=-100, notes=note or [])
    l = rows(x)
    out["loss_none"] = floats(l.detach())
    mean = l.sum() / keep.sum()
    total = l.sum()
    out["loss_mean"], out["loss_sum"] = float(mean), float(total)
    out["grad_mean"] = floats(torch.autograd.grad(mean, x, retain_graph=True)[0])
    out["grad_sum"] = floats(torch.autograd.grad(total, x)[0])
    # second computation (numpy) and the p_y range
    lsm = np.asarray(logits) - logsumexp(logits, axis=1, keepdims=True)
    kp = np.asarray(target) != -100
    ty = np.where(kp, target, 0)
    lp = lsm[np.arange(len(target)), ty]
    an = np.ones(C) if alpha is None else np.asarray(alpha)
    ref = np.where(kp, -an[ty] * (1 - np.exp(lp)) ** gamma * lp, 0.0)
    close(out["loss_none"], ref, name + " rows")
    out["max_p_target"] = float(np.exp(lp[kp]).max())
    assert out["max_p_target"] < 0.9995, "keep p_y away from 1 (1 - p cancels)"
    # references to contrast
    ce_mean = float(F.cross_entropy(torch.tensor(logits), t, weight=None if alpha is None else torch.tensor(alpha)))
    out["cross_entropy_mean_same_weight"] = ce_mean
    out["alpha_normalised_mean"] = float(total / (a[torch.where(keep, t, 0)] * keep).sum())
    if gamma == 0 and alpha is None:
        close(out["loss_mean"], ce_mean, name + " gamma 0 = CE")
        ce_x = torch.tensor(logits, requires_grad=True)
        g_ce, = torch.autograd.grad(F.cross_entropy(ce_x, t), ce_x)
        close(out["grad_mean"], g_ce.numpy(), name + " gamma 0 = CE gradient")
    return out


def focal_sigmoid(name, logits, targets, alpha, gamma, file=None, note=None):
    x = torch.tensor(logits, requires_grad=True)
    y = torch.tensor(targets)
    out = dict(name=name, file=file, kind="multilabel" if np.ndim(logits) == 2 else "binary",
               logits=floats(logits), targets=floats(targets), alpha=alpha, gamma=gamma, notes=note or [])
    none = sigmoid_focal_loss(x, y, alpha=alpha, gamma=gamma, reduction="none")
    out["loss_none"] = floats(none.detach())
    for red in ("mean", "sum"):
        v = sigmoid_focal_loss(x, y, alpha=alpha, gamma=gamma, reduction=red)
        out["loss_" + red] = float(v)
        out["grad_" + red] = floats(torch.autograd.grad(v, x)[0])
    # second computation (numpy)
    xn, yn = np.asarray(logits, dtype=np.float64), np.asarray(targets, dtype=np.float64)
    p = 1 / (1 + np.exp(-xn))
    ce = np.maximum(xn, 0) - xn * yn + np.log1p(np.exp(-np.abs(xn)))
    pt = p * yn + (1 - p) * (1 - yn)
    ref = ce * (1 - pt) ** gamma
    if alpha >= 0:
        ref = ref * (alpha * yn + (1 - alpha) * (1 - yn))
    close(out["loss_none"], ref, name + " rows", tol=1e-11)
    if alpha < 0 and gamma == 0:
        bce = F.binary_cross_entropy_with_logits(torch.tensor(logits), y)
        close(out["loss_mean"], float(bce), name + " = BCE")
    return out


# ---------------------------------------------------------------- 6: regularised objective

def objective():
    iris = load_iris()
    X, y = iris.data, iris.target
    names = list(iris.target_names)
    C = 2.0
    clf = LogisticRegression(C=C, multi_class="multinomial", solver="lbfgs", tol=1e-12, max_iter=100000,
                             fit_intercept=True).fit(X, y)
    coef, intercept = clf.coef_, clf.intercept_
    logits = X @ coef.T + intercept
    lam2 = 1.0 / (2.0 * C)
    ce_rows = logsumexp(logits, axis=1) - logits[np.arange(len(y)), y]
    ce_sum = float(ce_rows.sum())
    pen2 = lam2 * float((coef ** 2).sum())
    obj = ce_sum + pen2
    # second computation: torch CE and scikit-learn's own objective function
    close(ce_sum, float(F.cross_entropy(torch.tensor(logits), torch.tensor(y), reduction="sum")), "iris ce")
    from sklearn._loss.loss import HalfMultinomialLoss
    from sklearn.linear_model._linear_loss import LinearModelLoss
    lml = LinearModelLoss(base_loss=HalfMultinomialLoss(n_classes=3), fit_intercept=True)
    sk_obj = float(lml.loss(np.hstack([coef, intercept[:, None]]), X, y.astype(np.float64), None, 1.0 / C))
    close(obj, sk_obj, "iris objective vs scikit-learn's LinearModelLoss")
    # optimality: gradient of the objective with respect to (coef, intercept) at the fitted values
    W = torch.tensor(coef, requires_grad=True)
    b = torch.tensor(intercept, requires_grad=True)
    o = F.cross_entropy(torch.tensor(X) @ W.T + b, torch.tensor(y), reduction="sum") + lam2 * (W ** 2).sum()
    gW, gb = torch.autograd.grad(o, (W, b))
    grad_max = float(max(gW.abs().max(), gb.abs().max()))
    # the same gradient for the objectives it is not: no penalty, and a penalty that includes the intercept
    o_plain = F.cross_entropy(torch.tensor(X) @ W.T + b, torch.tensor(y), reduction="sum")
    gW0, gb0 = torch.autograd.grad(o_plain, (W, b), retain_graph=True)
    grad_max_no_penalty = float(max(gW0.abs().max(), gb0.abs().max()))
    o_int = o_plain + lam2 * ((W ** 2).sum() + (b ** 2).sum())
    gW1, gb1 = torch.autograd.grad(o_int, (W, b))
    grad_max_intercept_penalised = float(max(gW1.abs().max(), gb1.abs().max()))

    write_csv(OBJ, "iris-logits.csv", ["logit_" + n for n in names] + ["label"],
              [[r(v) for v in row] + [names[t]] for row, t in zip(logits, y)])
    write_csv(OBJ, "iris-coef.csv", None, [[r(v) for v in row] for row in coef])
    write_csv(OBJ, "iris-intercept.csv", None, [[r(v) for v in intercept]])
    theta = np.round(RNG.normal(0, 1.5, size=20), 6)
    theta[7] = 0.0
    theta[12] = -theta[3]
    write_csv(OBJ, "l1-params.csv", None, [[r(v)] for v in theta])
    lam1 = 0.03
    l1 = float(np.abs(theta).sum())
    l2t = float((theta ** 2).sum())
    ce_mean = float(ce_rows.mean())
    close(ce_mean, float(F.cross_entropy(torch.tensor(logits), torch.tensor(y))), "iris ce mean")
    return dict(
        logits_file="objective/iris-logits.csv", classes=names, n_rows=len(y),
        sklearn=dict(C=C, multi_class="multinomial", solver="lbfgs", tol=1e-12, max_iter=100000, fit_intercept=True,
                     n_iter=int(clf.n_iter_[0]), objective_gradient_max_abs=grad_max,
                     gradient_max_abs_without_penalty=grad_max_no_penalty,
                     gradient_max_abs_if_intercept_were_penalised=grad_max_intercept_penalised),
        coef=floats(coef), intercept=floats(intercept), labels=[int(v) for v in y],
        logits_formula="X @ coef_.T + intercept_ in float64 (numpy), written with repr",
        cases=[
            dict(name="iris_l2_sum", parameter_file="objective/iris-coef.csv", reduction="Sum", l2=lam2, l1=0.0,
                 loss=ce_sum, penalty=pen2, objective=obj, sklearn_objective=sk_obj,
                 notes=["objective = sum_i CE_i + 1/(2C) * ||coef_||^2 = what LogisticRegression minimised; "
                        "iris-intercept.csv is not part of the penalty."]),
            dict(name="iris_l2_mean", parameter_file="objective/iris-coef.csv", reduction="Mean", l2=lam2, l1=0.0,
                 loss=ce_mean, penalty=pen2, objective=ce_mean + pen2),
            dict(name="iris_l1_sum_random_params", parameter_file="objective/l1-params.csv", reduction="Sum",
                 l2=0.0, l1=lam1, parameters=floats(theta), loss=ce_sum, penalty=lam1 * l1,
                 objective=ce_sum + lam1 * l1),
            dict(name="iris_elastic_mean_random_params", parameter_file="objective/l1-params.csv", reduction="Mean",
                 l2=0.125, l1=lam1, parameters=floats(theta), loss=ce_mean, penalty=0.125 * l2t + lam1 * l1,
                 objective=ce_mean + 0.125 * l2t + lam1 * l1),
        ],
        notes=["iris-coef.csv holds coef_ as 3 lines of 4 numbers (no header); read every number of a parameter "
               "file in row-major order. l1-params.csv holds one number per line (20 values, one exactly 0, "
               "two of opposite sign and equal magnitude).",
               "The objective's gradient at the fitted parameters (max abs over coef and intercept) is recorded as "
               "objective_gradient_max_abs (L-BFGS stops on its own ftol; the value is small), next to the same "
               "figure without the penalty and with a penalised intercept (both large): this is the objective "
               "scikit-learn minimised. The recorded figures are exact for the recorded coef_, optimal or not."],
    )


def main():
    os.makedirs(SEQ, exist_ok=True)
    os.makedirs(OBJ, exist_ok=True)
    result = dict(meta=dict(torch=torch.__version__, torchvision=torchvision.__version__,
                            sklearn=sklearn.__version__, numpy=np.__version__, tolerance="1e-12"))
    result["notes"] = [" ".join(l.split()) for l in
                       __doc__.split("Conventions (also written to the JSON \"notes\"; where PyTorch is silent these "
                                     "are our choices):")[1].split("\n- ") if l.strip()]

    # 1 + 2: tokens
    ids, logits, labels, w = make_tokens()
    V = logits.shape[1]
    write_csv(SEQ, "tokens.csv", ["seq"] + ["logit_%d" % c for c in range(V)] + ["label", "w"],
              [[s] + [r(v) for v in row] + [int(t), r(wi)] for s, row, t, wi in zip(ids, logits, labels, w)])
    lp_all = F.log_softmax(torch.tensor(logits), dim=1).numpy()
    keep = labels != -100
    lp = lp_all[np.arange(len(labels)), np.where(keep, labels, 0)]
    lp_ids = [s for s, k in zip(ids, keep) if k]
    write_csv(SEQ, "tokens-logprob.csv", ["seq", "logprob", "w"],
              [[s, r(v), r(wi)] for s, v, wi, k in zip(ids, lp, w, keep) if k])
    cw = np.round(RNG.uniform(0.3, 2.5, size=V), 2)
    tl = [
        token_level("tokens_plain", ids, logits, labels,
                    note=["Sequence 25 is all padding (label -100): an empty sequence, skipped by SequenceLoss. "
                          "Sequence 1 has a single token. One token has two equal top logits (argmax -> lower "
                          "index)."]),
        token_level("tokens_class_weight", ids, logits, labels, class_weight=cw,
                    note=["PyTorch weight= over the flattened tokens; per sequence the same formula on its tokens; "
                          "Accuracy is unweighted."]),
        token_level("tokens_sample_weight", ids, logits, labels, sample_weight=w,
                    note=["Weights from column w; sequence 7 has total weight 0 here, so it is empty too (NaN, "
                          "skipped by SequenceLoss). Accuracy is weighted by w."]),
    ]
    close(tl[0]["loss_none"], np.where(keep, -lp, 0.0), "logprob = -loss")
    lpl = [logprob_level("logprob_plain", lp_ids, lp[keep]), logprob_level("logprob_sample_weight", lp_ids, lp[keep], w[keep])]
    close(lpl[0]["loss"], tl[0]["loss"], "logprob loss = token loss")
    close(lpl[1]["loss"], tl[2]["loss"], "weighted logprob loss = weighted token loss")
    close(lpl[0]["sequence_loss"], tl[0]["sequence_loss"], "logprob sequence loss")
    tokens_input = dict(seq=ids, logits=floats(logits), label=[int(v) for v in labels], w=floats(w))
    result["tokens"] = dict(file="sequence/tokens.csv", logprob_file="sequence/tokens-logprob.csv",
                            input=tokens_input, cases=tl + lpl)

    # 3: z-loss
    n, C = 24, 6
    x = RNG.normal(0, 2.5, size=(n, C))
    x[4] += 40.0           # large common offset: lse^2 ~ 1600
    x[9] = [800.0, 799.0, 790.0, -5.0, 0.0, 1.0]
    t = RNG.integers(0, C, size=n)
    t[[2, 11, 17]] = -100
    write_csv(SEQ, "zloss.csv", ["logit_%d" % c for c in range(C)] + ["label"],
              [[r(v) for v in row] + [int(l)] for row, l in zip(x, t)])
    zw = np.round(RNG.uniform(0.4, 2.0, size=C), 2)
    result["z_loss"] = [
        modern_ce("z_1e-4", x, t, z=1e-4, file="sequence/zloss.csv"),
        modern_ce("z_0.01_smoothing_0.1", x, t, z=0.01, smoothing=0.1, file="sequence/zloss.csv",
                  note=["Smoothing applies to the CE part; the z part is z*lse^2 whatever the smoothing."]),
        modern_ce("z_1e-3_weight_smoothing_0.05", x, t, z=1e-3, smoothing=0.05, weight=zw, file="sequence/zloss.csv",
                  note=["Liger convention: mean = CE_sum / sum w[y] + z_sum / (non-ignored rows); the z part is "
                        "not class-weighted."]),
    ]

    # 4: soft-capping
    x = RNG.normal(0, 3.0, size=(14, 5))
    x[0] = [1e4, 0.0, -1e4, 5.0, -5.0]
    x[1] = [1e300, -1e300, 0.0, 1e300, 2.0]
    x[2] = [-1e300, -1e4, 25.0, 29.0, 31.0]
    x[3] = [45.0, 44.0, 60.0, -60.0, 0.5]
    x[4] = [1e-300, -1e-300, 0.0, 1e-8, -1e-8]
    t = RNG.integers(0, 5, size=14)
    t[[0, 1, 2]] = [2, 3, 0]   # the target logit is tiny or capped in the extreme rows
    t[7] = -100
    write_csv(SEQ, "softcap.csv", ["logit_%d" % c for c in range(5)] + ["label"],
              [[r(v) for v in row] + [int(l)] for row, l in zip(x, t)])
    result["softcap"] = [
        modern_ce("softcap_30", x, t, softcap=30.0, file="sequence/softcap.csv",
                  note=["Gemma 2's final-logit cap. +-1e4 and +-1e300 cap to exactly +-30 (tanh = +-1) with a zero "
                        "gradient there; row 2 has two logits capped to -30, so they tie.",
                        "Autograd's factor is 1 - tanh(x/c)^2 from the rounded tanh: exactly 0 where tanh rounds to "
                        "+-1 (1/cosh^2 would give a tiny non-zero value there). Compare gradients with an absolute "
                        "tolerance (|a - b| <= 1e-12 * max(1, |b|)): elements near 0 differ by ~1e-17 between "
                        "exact formulas, i.e. hugely in relative terms."]),
        modern_ce("softcap_5_weight", x, t, softcap=5.0, weight=[0.5, 1.0, 2.0, 1.5, 0.75], file="sequence/softcap.csv"),
        modern_ce("softcap_30_smoothing_z", x, t, softcap=30.0, smoothing=0.1, z=1e-4, file="sequence/softcap.csv",
                  note=["Cap first; smoothing and the z-loss (lse of the capped logits) follow, as in Liger."]),
    ]

    # 5: focal
    x = RNG.normal(0, 1.5, size=(30, 5))
    t = RNG.integers(0, 5, size=30)
    x[[0, 1, 2], t[[0, 1, 2]]] += [6.0, 4.5, 3.0]  # confident rows: p_y about 0.9 to 0.99
    t[[4, 19]] = -100
    write_csv(SEQ, "focal.csv", ["logit_%d" % c for c in range(5)] + ["label"],
              [[r(v) for v in row] + [int(l)] for row, l in zip(x, t)])
    alpha = [0.25, 0.5, 1.0, 0.75, 2.0]
    result["focal"] = [
        focal_multiclass("focal_gamma2", x, t, 2.0, file="sequence/focal.csv"),
        focal_multiclass("focal_gamma0_equals_ce", x, t, 0.0, file="sequence/focal.csv",
                         note=["gamma = 0, no alpha: equals F.cross_entropy (loss and gradient)."]),
        focal_multiclass("focal_gamma2_alpha", x, t, 2.0, alpha=alpha, file="sequence/focal.csv",
                         note=["Mean is the plain mean over non-ignored rows; alpha_normalised_mean (divided by "
                               "sum alpha[y]) is recorded only to show the difference."]),
        focal_multiclass("focal_gamma0.5_alpha", x, t, 0.5, alpha=alpha, file="sequence/focal.csv"),
        focal_multiclass("focal_gamma0_alpha", x, t, 0.0, alpha=alpha, file="sequence/focal.csv",
                         note=["gamma = 0 with alpha: sum equals CE with weight=alpha, but the mean does not (plain "
                               "mean vs sum alpha[y]); cross_entropy_mean_same_weight is CE's."]),
    ]
    xb = np.round(RNG.normal(0, 2.0, size=25), 6)
    xb[0] = 0.0
    yb = (RNG.uniform(size=25) < 1 / (1 + np.exp(-xb))).astype(np.float64)
    write_csv(SEQ, "focal-binary.csv", ["logit_1", "label"], [[r(v), int(l)] for v, l in zip(xb, yb)])
    xm = RNG.normal(0, 2.0, size=(12, 4))
    ym = (RNG.uniform(size=(12, 4)) < 0.4).astype(np.float64)
    labs = ["a", "b", "c", "d"]
    write_csv(SEQ, "focal-multilabel.csv", ["logit_" + c for c in labs] + ["y_" + c for c in labs],
              [[r(v) for v in row] + [int(v) for v in tr] for row, tr in zip(xm, ym)])
    result["sigmoid_focal"] = [
        focal_sigmoid("binary_alpha0.25_gamma2", xb, yb, 0.25, 2.0, file="sequence/focal-binary.csv",
                      note=["torchvision defaults (alpha=0.25, gamma=2)."]),
        focal_sigmoid("binary_alpha-1_gamma2", xb, yb, -1.0, 2.0, file="sequence/focal-binary.csv",
                      note=["alpha = -1: no alpha factor."]),
        focal_sigmoid("binary_alpha-1_gamma0_equals_bce", xb, yb, -1.0, 0.0, file="sequence/focal-binary.csv"),
        focal_sigmoid("multilabel_alpha0.25_gamma2", xm, ym, 0.25, 2.0, file="sequence/focal-multilabel.csv",
                      note=["mean over all 12 x 4 elements."]),
        focal_sigmoid("multilabel_alpha-1_gamma1.5", xm, ym, -1.0, 1.5, file="sequence/focal-multilabel.csv"),
    ]

    # 6: objective
    result["objective"] = objective()

    with open(os.path.join(HERE, "sequence_expected.json"), "w") as f:
        dump_json(json_safe(result), f)


if __name__ == "__main__":
    main()
