#!/usr/bin/python3
"""Writes the bundled example predictions: real models on real data sets that ship with scikit-learn.

Run with Debian's python3 (apt-get install python3-sklearn):  /usr/bin/python3 examples/make_examples.py
Every prediction is out-of-fold (5-fold cross_val_predict), so the losses are honest held-out figures.
"""
import csv
import json
import os

import numpy as np
from sklearn.datasets import load_digits, load_iris
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

HERE = os.path.dirname(os.path.abspath(__file__))
FOLDS = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)


def out_of_fold_logits(model, x, y):
    # decision_function of a multinomial logistic regression is the logit vector: softmax(it) = predict_proba.
    return cross_val_predict(model, x, y, cv=FOLDS, method="decision_function")


def write(name, header, rows):
    with open(os.path.join(HERE, name), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def fmt(v):
    return repr(float(v))  # shortest round-trip text: the CSV holds the model's exact float64 values


def iris():
    data = load_iris()
    model = make_pipeline(StandardScaler(), LogisticRegression(C=0.5, max_iter=2000))
    logits = out_of_fold_logits(model, data.data, data.target)
    names = list(data.target_names)
    # Columns named after the classes, labels given as class names.
    write("iris-logits.csv", names + ["label"],
          [[fmt(v) for v in row] + [names[t]] for row, t in zip(logits, data.target)])
    # The same model's probabilities, p_<class> columns: probability input.
    probs = np.exp(logits - logits.max(axis=1, keepdims=True))
    probs /= probs.sum(axis=1, keepdims=True)
    # The same logits as a model server writes them: JSON Lines with a logits array per row (issue 15).
    with open(os.path.join(HERE, "iris-logits.jsonl"), "w", newline="") as f:
        for i, (row, t) in enumerate(zip(logits, data.target)):
            f.write(json.dumps({"id": i, "logits": [float(v) for v in row], "label": names[t]}, separators=(",", ":")) + "\n")
    write("iris-probabilities.csv", ["id"] + ["p_" + n for n in names] + ["label"],
          [[i + 1] + [fmt(v) for v in row] + [names[t]] for i, (row, t) in enumerate(zip(probs, data.target))])


def digits():
    data = load_digits()
    model = make_pipeline(StandardScaler(), LogisticRegression(C=0.05, max_iter=5000))
    logits = out_of_fold_logits(model, data.data, data.target)
    # logit_<k> columns, labels given as class indices.
    write("digits-logits.csv", ["logit_%d" % k for k in range(10)] + ["label"],
          [[fmt(v) for v in row] + [int(t)] for row, t in zip(logits, data.target)])


if __name__ == "__main__":
    iris()
    digits()
