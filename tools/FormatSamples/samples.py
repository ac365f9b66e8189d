#!/usr/bin/python3
"""Test files for the file formats of issue 15 (Parquet, Arrow IPC, JSON Lines, .npy/.npz, compressed text), the
Python half of the generator, and the expected values, computed by PyTorch from the values the files store.

Run the whole generator from the repository root (it is deterministic: a second run rewrites the same bytes):
    bash tools/FormatSamples/generate.sh            # = the four steps below, into tests/data/formats
    /usr/bin/python3 tools/FormatSamples/samples.py write  tests/data/formats   # 1. samples.csv, JSON Lines, npy/npz, .gz/.zst/.br
    dotnet run --project tools/FormatSamples -- tests/data/formats              # 2. Parquet (and CSV) written by DuckDB
    (cd tools/FormatSamples && npm ci) && node tools/FormatSamples/arrow.mjs tests/data/formats   # 3. Arrow IPC by apache-arrow (JS)
    /usr/bin/python3 tools/FormatSamples/samples.py expect tests/data/formats   # 4. read everything back, expected.json

Needs Debian's python3 with numpy, torch, zstandard and brotli (apt-get install -y python3-numpy python3-torch
python3-zstandard python3-brotli), the .NET SDK (DuckDB.NET.Data.Full from NuGet) and node with npm. The tests read
the files and expected.json; they never run Python, node or DuckDB.

The data: samples.csv holds N=200 rows of K=5 classes (id, logit_0..logit_4 as float64 written with repr, which
round-trips, label 0..4, label_name, weight). Every other file is that data (or its float32 rounding, or a damaged
copy) written by another writer. Step 4 reads back what it can read independently (CSV text written by DuckDB,
.npy/.npz through numpy, JSON Lines through json), checks it bit for bit against samples.csv, and computes the
expectations from the stored values: float32 files from the float32 values widened to float64, never from text.
"""
import gzip
import hashlib
import io
import json
import os
import sys
import zipfile

import numpy as np

N, K = 200, 5
CLASSES = ["ant", "bee", "cat", "dog", "eel"]
SEED = 20261115
# Damage, by 0-based row index (the same rows in every damaged file of a kind).
WIDE_NULLS = {5: 2, 100: 0}          # row -> logit column set to null (rows 6 and 101, row groups 0 and 1)
LIST_SHORT, LIST_LONG = 17, 130      # the logits list has K-1 / K+1 numbers
LIST_NULL_ELEMENT = 70               # one element of the list is null
LIST_NULL = 150                      # the whole list is null
JSON_SHORT, JSON_STRING = 17, 42     # JSON Lines: an array of K-1 numbers; a string where a number goes


def source():
    """The sample data, deterministic: labels, logits that favour the label (so accuracy means something), one row
    of large logits (log-sum-exp must shift), sample weights."""
    rng = np.random.default_rng(SEED)
    label = rng.integers(0, K, size=N)
    logits = rng.normal(0.0, 1.5, size=(N, K))
    logits[np.arange(N), label] += 2.0
    logits[3] = [88.5, -40.25, 87.0, 3.0, -1e-3]      # exp(88.5) overflows float32: the shift is needed
    label[3] = 2
    weight = np.round(rng.uniform(0.5, 2.0, size=N), 3)
    return dict(id=np.arange(N, dtype=np.int64), logits=logits, label=label.astype(np.int64), weight=weight)


def write_samples_csv(path, d):
    with open(path, "w", newline="\n") as f:
        f.write("id," + ",".join(f"logit_{c}" for c in range(K)) + ",label,label_name,weight\n")
        for i in range(N):
            f.write(f"{d['id'][i]}," + ",".join(repr(float(v)) for v in d["logits"][i]) +
                    f",{d['label'][i]},{CLASSES[d['label'][i]]},{repr(float(d['weight'][i]))}\n")


def read_samples_csv(path):
    rows = [line.rstrip("\n").split(",") for line in open(path)][1:]
    return dict(id=np.array([int(r[0]) for r in rows], dtype=np.int64),
                logits=np.array([[float(v) for v in r[1:1 + K]] for r in rows], dtype=np.float64),
                label=np.array([int(r[1 + K]) for r in rows], dtype=np.int64),
                weight=np.array([float(r[-1]) for r in rows], dtype=np.float64))


def num(v):
    """A float for JSON: repr of a float64 round-trips exactly."""
    return float(v)


def write_bytes(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def jsonl(rows):
    return "".join(json.dumps(r, separators=(",", ":")) + "\n" for r in rows).encode("utf-8")


def write_jsonl(out, d):
    lst = [dict(id=int(d["id"][i]), logits=[num(v) for v in d["logits"][i]], label=int(d["label"][i]),
                weight=num(d["weight"][i])) for i in range(N)]
    wide = [dict(id=int(d["id"][i]), **{f"logit_{c}": num(d["logits"][i][c]) for c in range(K)},
                 label=CLASSES[d["label"][i]]) for i in range(N)]
    dirty = [dict(r) for r in lst]
    dirty[JSON_SHORT]["logits"] = dirty[JSON_SHORT]["logits"][:K - 1]
    dirty[JSON_STRING]["logits"] = list(dirty[JSON_STRING]["logits"])
    dirty[JSON_STRING]["logits"][3] = "1.5x"
    dirty_wide = [dict(r) for r in wide]
    dirty_wide[JSON_STRING]["logit_3"] = "n/a"
    write_bytes(f"{out}/jsonl/list-f64.jsonl", jsonl(lst))
    write_bytes(f"{out}/jsonl/wide-f64-names.ndjson", jsonl(wide))
    write_bytes(f"{out}/jsonl/dirty-list-f64.jsonl", jsonl(dirty))
    write_bytes(f"{out}/jsonl/dirty-wide-f64.jsonl", jsonl(dirty_wide))
    write_bytes(f"{out}/compressed/list-f64.jsonl.gz", gzip.compress(jsonl(lst), compresslevel=9, mtime=0))


def npy_bytes(a):
    b = io.BytesIO()
    np.save(b, a, allow_pickle=False)
    return b.getvalue()


def npz_bytes(arrays, compressed):
    """What numpy.savez / savez_compressed write (zip entries '<name>.npy', zip64 extras as numpy forces them),
    with a fixed timestamp so the file is the same on every run (numpy stamps the current time)."""
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED if compressed else zipfile.ZIP_STORED) as z:
        for name, a in arrays.items():
            info = zipfile.ZipInfo(name + ".npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED if compressed else zipfile.ZIP_STORED
            with z.open(info, "w", force_zip64=True) as f:
                f.write(npy_bytes(a))
    return b.getvalue()


def soft_targets(d):
    """Soft targets for the probability files: label smoothing 0.1 then a per-row random tilt, rows summing to 1
    in float32 as closely as float32 allows."""
    rng = np.random.default_rng(SEED + 1)
    t = np.full((N, K), 0.1 / K)
    t[np.arange(N), d["label"]] += 0.9
    t = t * rng.uniform(0.8, 1.2, size=(N, K))
    return (t / t.sum(axis=1, keepdims=True)).astype(np.float32)


def probabilities(d):
    x = d["logits"] - d["logits"].max(axis=1, keepdims=True)
    p = np.exp(x)
    return (p / p.sum(axis=1, keepdims=True)).astype(np.float32)


def write_numpy(out, d):
    f64 = np.ascontiguousarray(d["logits"])
    f32 = f64.astype(np.float32)
    write_bytes(f"{out}/npy/logits-f64.npy", npy_bytes(f64))
    write_bytes(f"{out}/npy/logits-f32.npy", npy_bytes(f32))
    write_bytes(f"{out}/npy/logits-f64-fortran.npy", npy_bytes(np.asfortranarray(f64)))
    write_bytes(f"{out}/npy/labels.npy", npy_bytes(d["label"]))
    write_bytes(f"{out}/npz/logits-labels-f32.npz", npz_bytes(dict(logits=f32, labels=d["label"]), False))
    write_bytes(f"{out}/npz/logits-labels-f64-deflate.npz",
                npz_bytes(dict(logits=f64, labels=d["label"].astype(np.int32)), True))
    write_bytes(f"{out}/npz/probabilities-targets-f32.npz",
                npz_bytes(dict(probabilities=probabilities(d), targets=soft_targets(d)), False))
    write_bytes(f"{out}/npz/probabilities-labels-f32.npz",
                npz_bytes(dict(probabilities=probabilities(d), labels=d["label"]), False))
    write_bytes(f"{out}/npz/scores-y-f64.npz", npz_bytes(dict(scores=f64, y=d["label"]), False))


def write_compressed(out, repo):
    import brotli
    import zstandard
    iris = open(f"{repo}/examples/iris-logits.csv", "rb").read()
    half = iris.index(b"\n", len(iris) // 2) + 1
    write_bytes(f"{out}/compressed/iris-logits.csv.gz", gzip.compress(iris, compresslevel=9, mtime=0))
    # Two gzip members back to back (what `cat a.gz b.gz` or a parallel gzip writes): one stream to a reader.
    write_bytes(f"{out}/compressed/iris-logits-members.csv.gz",
                gzip.compress(iris[:half], 9, mtime=0) + gzip.compress(iris[half:], 9, mtime=0))
    write_bytes(f"{out}/compressed/iris-logits.csv.zst",
                zstandard.ZstdCompressor(level=19, write_checksum=True).compress(iris))
    # Two frames written by a streaming writer: no content size in the frame headers.
    frames = b""
    for part in (iris[:half], iris[half:]):
        b = io.BytesIO()
        with zstandard.ZstdCompressor(level=3, write_content_size=False).stream_writer(b, closefd=False) as w:
            w.write(part)
        frames += b.getvalue()
    write_bytes(f"{out}/compressed/iris-logits-frames.csv.zst", frames)
    write_bytes(f"{out}/compressed/iris-logits.csv.br", brotli.compress(iris, quality=11))


# ---------------------------------------------------------------- step 4: read back and expect

def check_equal(what, got, want):
    got, want = np.asarray(got), np.asarray(want)
    if got.shape != want.shape or got.dtype != want.dtype or got.tobytes() != want.tobytes():
        raise SystemExit(f"{what}: stored values differ from samples.csv ({got.dtype}{got.shape} vs {want.dtype}{want.shape})")


def zstd_frames(data):
    """Every zstd frame, decoded and joined (as the zstd tool does)."""
    import zstandard
    out = b""
    while data:
        d = zstandard.ZstdDecompressor().decompressobj()
        out += d.decompress(data)
        data = d.unused_data
    return out


def read_duckdb_csv(path, names):
    rows = [line.rstrip("\n").split(",") for line in open(path)]
    header = rows[0]
    return {n: [r[header.index(n)] for r in rows[1:]] for n in names}


def expect(values, label, weight=None, rejected=(), classes=None, soft=None, probabilities=False):
    """What PyTorch (float64) gives on the rows not rejected: per-row losses (null for rejected rows), mean, sum,
    accuracy, counts, softmax of the first used row, and the sample-weighted mean (the module's definition:
    sum(w_i * l_i) / sum(w_i))."""
    import torch
    import torch.nn.functional as F
    values = np.asarray(values, dtype=np.float64)
    n = len(values)
    keep = np.array([i not in set(rejected) for i in range(n)])
    x = torch.tensor(values[keep], dtype=torch.float64)
    if probabilities:
        eps = np.finfo(np.float64).eps
        logp = torch.log(torch.clamp(x, eps, 1 - eps))
        if soft is not None:
            t = torch.tensor(np.asarray(soft, dtype=np.float64)[keep])
            per = -(t * logp).sum(dim=1)          # no renormalisation of p: the module's probability definition
        else:
            per = F.nll_loss(logp, torch.tensor(np.asarray(label)[keep]), reduction="none")
        first = x[0]
    elif soft is not None:
        t = torch.tensor(np.asarray(soft, dtype=np.float64)[keep])
        per = F.cross_entropy(x, t, reduction="none")
        first = F.softmax(x[0:1], dim=1)[0]
    else:
        y = torch.tensor(np.asarray(label)[keep], dtype=torch.long)
        per = F.cross_entropy(x, y, reduction="none")
        assert abs(float(F.cross_entropy(x, y, reduction="mean")) - float(per.mean())) < 1e-15
        first = F.softmax(x[0:1], dim=1)[0]
    per_np = per.numpy()
    truth = np.asarray(soft)[keep].argmax(axis=1) if soft is not None else np.asarray(label)[keep]
    pred = values[keep].argmax(axis=1)
    loss_none = [None] * n
    for j, i in enumerate(np.flatnonzero(keep)):
        loss_none[i] = float(per_np[j])
    e = dict(count=n, used=int(keep.sum()), ignored=0, rejected=int(n - keep.sum()),
             loss_mean=float(per.mean()), loss_sum=float(per.sum()),
             accuracy=float((pred == truth).mean()),
             perplexity=float(torch.exp(per.mean())),
             softmax_first_used_row=[float(v) for v in first],
             first_used_row=int(np.flatnonzero(keep)[0]) + 1,
             loss_none=loss_none)
    if weight is not None:
        w = np.asarray(weight, dtype=np.float64)[keep]
        e["loss_mean_sample_weighted"] = float((w * per_np).sum() / w.sum())
        e["loss_sum_sample_weighted"] = float((w * per_np).sum())
    if classes is not None:
        e["classes"] = classes
    return e


def sha256(path):
    return hashlib.sha256(open(path, "rb").read()).hexdigest()


def run_expect(out, repo):
    d = read_samples_csv(f"{out}/samples.csv")
    f64 = d["logits"]
    f32 = f64.astype(np.float32)
    lab, w = d["label"], d["weight"]

    # DuckDB's CSV (its own text of what it stored): doubles must come back bit for bit; floats are written as the
    # shortest text that gives the float32 back, which a CSV reader then reads as a different double.
    cols = [f"logit_{c}" for c in range(K)]
    c64 = read_duckdb_csv(f"{out}/csv/wide-f64.duckdb.csv", cols + ["label", "weight"])
    check_equal("csv/wide-f64.duckdb.csv", np.array([[float(v) for v in c64[c]] for c in cols]).T, f64)
    c32 = read_duckdb_csv(f"{out}/csv/wide-f32.duckdb.csv", cols + ["label"])
    c32_as_float32 = np.array([[np.float32(v) for v in c32[c]] for c in cols], dtype=np.float32).T
    check_equal("csv/wide-f32.duckdb.csv (as float32)", c32_as_float32, f32)
    c32_as_double = np.array([[float(v) for v in c32[c]] for c in cols]).T

    # numpy's own reader for .npy / .npz
    check_equal("npy/logits-f64.npy", np.load(f"{out}/npy/logits-f64.npy"), f64)
    check_equal("npy/logits-f32.npy", np.load(f"{out}/npy/logits-f32.npy"), f32)
    check_equal("npy/logits-f64-fortran.npy", np.ascontiguousarray(np.load(f"{out}/npy/logits-f64-fortran.npy")), f64)
    check_equal("npy/labels.npy", np.load(f"{out}/npy/labels.npy"), lab)
    with np.load(f"{out}/npz/logits-labels-f32.npz") as z:
        check_equal("npz logits", z["logits"], f32)
        check_equal("npz labels", z["labels"], lab)
    with np.load(f"{out}/npz/logits-labels-f64-deflate.npz") as z:
        check_equal("npz deflate logits", z["logits"], f64)
    with np.load(f"{out}/npz/probabilities-targets-f32.npz") as z:
        probs, soft = z["probabilities"], z["targets"]
    with np.load(f"{out}/npz/scores-y-f64.npz") as z:
        check_equal("npz scores", z["scores"], f64)

    # json for JSON Lines
    lst = [json.loads(line) for line in open(f"{out}/jsonl/list-f64.jsonl")]
    check_equal("jsonl/list-f64.jsonl", np.array([r["logits"] for r in lst]), f64)
    wide = [json.loads(line) for line in open(f"{out}/jsonl/wide-f64-names.ndjson")]
    check_equal("jsonl/wide-f64-names.ndjson", np.array([[r[c] for c in cols] for r in wide]), f64)
    import brotli
    import zstandard
    iris_bytes = open(f"{repo}/examples/iris-logits.csv", "rb").read()
    for name, dec in [("iris-logits.csv.gz", gzip.decompress), ("iris-logits-members.csv.gz", gzip.decompress),
                      ("iris-logits.csv.zst", zstd_frames), ("iris-logits-frames.csv.zst", zstd_frames),
                      ("iris-logits.csv.br", brotli.decompress)]:
        if dec(open(f"{out}/compressed/{name}", "rb").read()) != iris_bytes:
            raise SystemExit(f"compressed/{name} does not decompress to examples/iris-logits.csv")
    if gzip.decompress(open(f"{out}/compressed/list-f64.jsonl.gz", "rb").read()) != open(f"{out}/jsonl/list-f64.jsonl", "rb").read():
        raise SystemExit("compressed/list-f64.jsonl.gz")
    iris = [line.rstrip("\n").split(",") for line in iris_bytes.decode().splitlines()]
    iris_classes = iris[0][:3]
    iris_x = np.array([[float(v) for v in r[:3]] for r in iris[1:]])
    iris_y = np.array([iris_classes.index(r[3]) for r in iris[1:]])

    datasets = {
        "f64": expect(f64, lab, w),
        "f32": expect(f32, lab, w),
        "f32_text": expect(c32_as_double, lab),
        "f64_wide_nulls": expect(f64, lab, w, rejected=WIDE_NULLS),
        "f64_list_damaged": expect(f64, lab, w, rejected=[LIST_SHORT, LIST_LONG, LIST_NULL_ELEMENT, LIST_NULL]),
        "f32_list_damaged": expect(f32, lab, rejected=[LIST_SHORT, LIST_LONG, LIST_NULL_ELEMENT, LIST_NULL]),
        "f64_json_damaged": expect(f64, lab, w, rejected=[JSON_SHORT, JSON_STRING]),
        "f64_json_wide_damaged": expect(f64, lab, rejected=[JSON_STRING]),
        "probabilities_labels_f32": expect(probs, lab, probabilities=True),
        "probabilities_soft_f32": expect(probs, None, soft=soft, probabilities=True),
        "iris": expect(iris_x, iris_y, classes=iris_classes),
    }
    datasets["f32_text"]["note"] = ("DuckDB's CSV of the float32 file: the shortest text of each float32, read as "
                                    "double; differs from f32 (float32 widened), which is what the binary files give")
    datasets["probabilities_labels_f32"]["note"] = "-log(clip(p_y, eps, 1-eps)), eps = 2^-52, p not renormalised"
    datasets["probabilities_soft_f32"]["note"] = "-sum_c t_c log(clip(p_c, eps, 1-eps)), eps = 2^-52, p and t as stored"

    lists = sorted([LIST_SHORT, LIST_LONG, LIST_NULL_ELEMENT, LIST_NULL])
    list_reasons = {LIST_SHORT: f"list of {K - 1} numbers, not {K}", LIST_LONG: f"list of {K + 1} numbers, not {K}",
                    LIST_NULL_ELEMENT: "null element", LIST_NULL: "null list"}
    files = {}

    def add(path, dataset, **kw):
        files[path] = dict(dataset=dataset, **kw)

    pq = dict(format="parquet", writer="DuckDB (DuckDB.NET.Data.Full)", rows=N, row_group_size=64, row_groups=4)
    wide_cols = dict(scores=cols, label="label", weight="weight", id="id")
    list_cols = dict(scores="logits", label="label", weight="weight", id="id")
    add("parquet/wide-f64.snappy.parquet", "f64", compression="snappy", types="logit_* DOUBLE, label INTEGER", **wide_cols, **pq)
    add("parquet/wide-f64.zstd.parquet", "f64", compression="zstd", types="logit_* DOUBLE, label INTEGER", **wide_cols, **pq)
    add("parquet/wide-f32.snappy.parquet", "f32", compression="snappy", types="logit_* FLOAT, label INTEGER", **wide_cols, **pq)
    add("parquet/wide-f32.zstd.parquet", "f32", compression="zstd", types="logit_* FLOAT, label BIGINT", **wide_cols, **pq)
    add("parquet/wide-f64-names.zstd.parquet", "f64", compression="zstd", types="logit_* DOUBLE, label VARCHAR (class names)",
        classes_by_name=CLASSES, **wide_cols, **pq)
    add("parquet/list-f64.snappy.parquet", "f64", compression="snappy", types="logits DOUBLE[], label INTEGER", **list_cols, **pq)
    add("parquet/list-f32.zstd.parquet", "f32", compression="zstd", types="logits FLOAT[], label INTEGER", **list_cols, **pq)
    add("parquet/list-f32-names.snappy.parquet", "f32", compression="snappy", types="logits FLOAT[], label VARCHAR (class names)",
        classes_by_name=CLASSES, **list_cols, **pq)
    add("parquet/list-f64-array5.zstd.parquet", "f64", compression="zstd",
        types="logits DOUBLE[5] (DuckDB ARRAY: a Parquet list like the others)", **list_cols, **pq)
    add("parquet/dirty-wide-f64.snappy.parquet", "f64_wide_nulls", compression="snappy", types="logit_* DOUBLE with nulls",
        rejected_rows=[dict(row=i + 1, row_group_index=i // 64, column=f"logit_{c}", value=None, reason="null")
                       for i, c in sorted(WIDE_NULLS.items())], **wide_cols, **pq)
    add("parquet/dirty-list-f64.snappy.parquet", "f64_list_damaged", compression="snappy", types="logits DOUBLE[] damaged",
        rejected_rows=[dict(row=i + 1, row_group_index=i // 64, column="logits", reason=list_reasons[i]) for i in lists],
        **list_cols, **pq)
    add("parquet/dirty-list-f32.zstd.parquet", "f32_list_damaged", compression="zstd", types="logits FLOAT[] damaged, no weight",
        rejected_rows=[dict(row=i + 1, row_group_index=i // 64, column="logits", reason=list_reasons[i]) for i in lists],
        scores="logits", label="label", id="id", **pq)
    add("csv/wide-f64.duckdb.csv", "f64", format="csv", writer="DuckDB COPY ... (FORMAT csv)", **wide_cols)
    add("csv/wide-f32.duckdb.csv", "f32_text", format="csv", writer="DuckDB COPY ... (FORMAT csv) of the FLOAT table",
        scores=cols, label="label", id="id")

    ar = dict(writer="apache-arrow (npm), tools/FormatSamples/arrow.mjs", rows=N, record_batch_size=64, record_batches=4)
    add("arrow/list-f32.arrow", "f32", format="arrow-file", types="logits List<Float32>, label Int32", **list_cols, **ar)
    add("arrow/list-f32.feather", "f32", format="arrow-file", types="the same bytes as list-f32.arrow (Feather v2 = Arrow IPC file)",
        **list_cols, **ar)
    add("arrow/list-f64-dict.feather", "f64", format="arrow-file", types="logits List<Float64>, label Dictionary<Int32, Utf8>",
        classes_by_name=CLASSES, **list_cols, **ar)
    add("arrow/list-f32-dict.arrows", "f32", format="arrow-stream", types="logits List<Float32>, label Dictionary<Int32, Utf8>",
        classes_by_name=CLASSES, **list_cols, **ar)
    add("arrow/wide-f64.arrows", "f64", format="arrow-stream", types="logit_* Float64, label Int64", **wide_cols, **ar)
    add("arrow/wide-f32-dict.arrow", "f32", format="arrow-file", types="logit_* Float32, label Dictionary<Int32, Utf8>",
        classes_by_name=CLASSES, **wide_cols, **ar)
    add("arrow/dirty-list-f32.arrows", "f32_list_damaged", format="arrow-stream", types="logits List<Float32> damaged, label Int32",
        rejected_rows=[dict(row=i + 1, record_batch_index=i // 64, column="logits", reason=list_reasons[i]) for i in lists],
        scores="logits", label="label", id="id", **ar)

    js = dict(format="jsonl", writer="python json", rows=N)
    add("jsonl/list-f64.jsonl", "f64", scores="logits", label="label", weight="weight", id="id", **js)
    add("jsonl/wide-f64-names.ndjson", "f64", scores=cols, label="label", id="id", classes_by_name=CLASSES, **js)
    add("jsonl/dirty-list-f64.jsonl", "f64_json_damaged", scores="logits", label="label", weight="weight", id="id",
        rejected_rows=[dict(row=JSON_SHORT + 1, column="logits", reason=f"array of {K - 1} numbers, not {K}"),
                       dict(row=JSON_STRING + 1, column="logits", value="1.5x", reason="a string in the array")], **js)
    add("jsonl/dirty-wide-f64.jsonl", "f64_json_wide_damaged", scores=cols, label="label", id="id", classes_by_name=CLASSES,
        rejected_rows=[dict(row=JSON_STRING + 1, column="logit_3", value="n/a", reason="not a number")], **js)
    add("compressed/list-f64.jsonl.gz", "f64", format="jsonl+gzip", scores="logits", label="label", weight="weight", id="id",
        writer="python gzip", rows=N)

    npy = dict(writer=f"numpy {np.__version__}", rows=N)
    add("npy/logits-f64.npy", "f64", format="npy", dtype="<f8", shape=[N, K], labels="npy/labels.npy", **npy)
    add("npy/logits-f32.npy", "f32", format="npy", dtype="<f4", shape=[N, K], labels="npy/labels.npy", **npy)
    add("npy/logits-f64-fortran.npy", "f64", format="npy", dtype="<f8", shape=[N, K], fortran_order=True,
        labels="npy/labels.npy", **npy)
    add("npy/labels.npy", None, format="npy", dtype="<i8", shape=[N], note="the labels of the three .npy matrices", **npy)
    add("npz/logits-labels-f32.npz", "f32", format="npz", arrays=dict(logits="<f4", labels="<i8"), zip="stored", **npy)
    add("npz/logits-labels-f64-deflate.npz", "f64", format="npz", arrays=dict(logits="<f8", labels="<i4"), zip="deflate", **npy)
    add("npz/scores-y-f64.npz", "f64", format="npz", arrays=dict(scores="<f8", y="<i8"), zip="stored",
        note="non-default array names: -LogitColumn scores -LabelColumn y", **npy)
    add("npz/probabilities-labels-f32.npz", "probabilities_labels_f32", format="npz",
        arrays=dict(probabilities="<f4", labels="<i8"), zip="stored", **npy)
    add("npz/probabilities-targets-f32.npz", "probabilities_soft_f32", format="npz",
        arrays=dict(probabilities="<f4", targets="<f4 (soft targets, N x K)"), zip="stored", **npy)

    comp = dict(format="csv", rows=150, scores=iris_classes, label="label")
    add("compressed/iris-logits.csv.gz", "iris", compression="gzip", writer="python gzip", **comp)
    add("compressed/iris-logits-members.csv.gz", "iris", compression="gzip (two members)", writer="python gzip", **comp)
    add("compressed/iris-logits.csv.zst", "iris", compression="zstd (one frame, content size, checksum)",
        writer=f"python zstandard {zstandard.__version__}", **comp)
    add("compressed/iris-logits-frames.csv.zst", "iris", compression="zstd (two frames, no content size)",
        writer=f"python zstandard {zstandard.__version__}", **comp)
    add("compressed/iris-logits.csv.br", "iris", compression="brotli", writer="python brotli", **comp)
    add("samples.csv", "f64", format="csv", writer="python (the source of every file)", scores=cols, label="label",
        weight="weight", id="id")

    for path, f in files.items():
        if not os.path.exists(f"{out}/{path}"):
            raise SystemExit(f"missing {path}: run every step of tools/FormatSamples/generate.sh")
        f["sha256"] = sha256(f"{out}/{path}")
        f["bytes"] = os.path.getsize(f"{out}/{path}")
    import torch
    doc = {
        "about": "Expected values for the files in this folder, from PyTorch float64 cross_entropy on the stored "
                 "values (float32 widened). Written by tools/FormatSamples/samples.py expect; do not edit.",
        "torch": torch.__version__, "numpy": np.__version__,
        "classes": CLASSES, "rows": N, "class_count": K,
        "rows_are": "1-based data rows, as InputProblem.Row; row_group_index and record_batch_index are 0-based",
        "sample_weighted_mean": "sum(w_i * l_i) / sum(w_i) over used rows",
        "datasets": datasets, "files": files,
    }
    with open(f"{out}/expected.json", "w", newline="\n") as f:
        json.dump(doc, f, indent=1, allow_nan=False)
        f.write("\n")
    print(f"expected.json: {len(datasets)} datasets, {len(files)} files")


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in ("write", "expect"):
        raise SystemExit(__doc__)
    out = sys.argv[2]
    repo = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    if sys.argv[1] == "write":
        os.makedirs(out, exist_ok=True)
        d = source()
        write_samples_csv(f"{out}/samples.csv", d)
        d = read_samples_csv(f"{out}/samples.csv")       # what the other writers read
        assert np.array_equal(d["logits"], source()["logits"])
        write_jsonl(out, d)
        write_numpy(out, d)
        write_compressed(out, repo)
        print(f"wrote samples.csv, jsonl/, npy/, npz/, compressed/ in {out}")
    else:
        run_expect(out, repo)


if __name__ == "__main__":
    main()
