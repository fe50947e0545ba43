#!/usr/bin/python3
"""sklearn references for bench/quality.ts --toy and --extra (issue 17).

    /usr/bin/python3 bench/quality/toy_reference.py toy   OUT_DIR [--only iris,wine]
    /usr/bin/python3 bench/quality/toy_reference.py extra OUT_DIR SPEC.json [--only tips,mpg]

Needs numpy and scikit-learn only (Debian's python3-sklearn 1.2.1 ships without pandas, so nothing here uses
pandas: the toy sets are loaded with as_frame=False and the CSVs are read and written with the csv module).

toy:   sklearn's load_iris, load_wine, load_breast_cancer, load_diabetes(scaled=False) and load_digits are
       written to OUT_DIR/<name>.csv with sklearn's feature names as the header and the target last:
       species / cultivar / diagnosis as class NAMES (setosa, class_0, malignant, as the shared derived CSVs
       have them), digit as 0-9, progression as the raw integers.
extra: SPEC.json is a list of {name, file, target, task, drop?, dates?} for CSVs that already exist.

For every dataset: rows whose target is missing are left out; the others are split with
train_test_split(test_size=0.2, random_state=7, shuffle=True, stratify=y for classification), the test rows
(0-based data rows of the CSV, header excluded) go to OUT_DIR/<name>_seed7_test_rows.json as
{"test_rows": [...]}, and two references are fitted on the training rows and scored on the test rows, with
the protocol of ../shared/data/baselines/baseline.py:

  preprocessing (the same in front of both models, fitted on the training rows):
    numeric columns     -> SimpleImputer(strategy='median') -> StandardScaler()
    categorical columns -> SimpleImputer(strategy='most_frequent') -> OneHotEncoder(handle_unknown='ignore')
    (dense). HGB gets the same one-hot matrix, as in baseline.py; no OrdinalEncoder/categorical_features.
  a column is numeric when every present cell parses as a float; missing cells are the ones Looplab treats as
  missing ('', 'NA', 'N/A', 'null', 'NaN', '?'), so both sides see the same gaps.
  date columns (SPEC "dates"; ISO 'YYYY-MM-DD' or 'YYYY-MM-DD HH:MM:SS') are replaced by numeric
  <col>_year, <col>_month, <col>_dayofyear (and <col>_hour when any cell has a time), so the reference sees
  the dates too. Columns in "drop" are left out.
  linear: LogisticRegression(max_iter=5000) for classification, Ridge(alpha=1.0) for regression.
  hgb:    HistGradientBoostingClassifier(random_state=0) / HistGradientBoostingRegressor(random_state=0).
  metric: roc_auc (binary, of the class sklearn sorts second; AUC does not depend on which class is
          positive), f1_macro (multiclass), r2 (regression).

Prints one JSON object on stdout: {"_env": {...}, "<name>": {"csv", "target", "task", "metric", "rows",
"n_train", "n_test", "test_rows_file", "drop", "linear_model", "linear", "hgb", "fit_seconds"}}.
"""
import csv
import json
import os
import platform
import sys
import time
import warnings
from datetime import datetime

import numpy as np
import sklearn
from sklearn import datasets
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.metrics import f1_score, r2_score, roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

SEED = 7
MISSING = {"", "NA", "N/A", "null", "NaN", "?"}

TOY = {
    # name: (loader, target column, task, class names as the target values)
    "iris": (lambda: datasets.load_iris(), "species", "multiclass", True),
    "wine": (lambda: datasets.load_wine(), "cultivar", "multiclass", True),
    "breast_cancer": (lambda: datasets.load_breast_cancer(), "diagnosis", "binary", True),
    "diabetes": (lambda: datasets.load_diabetes(scaled=False), "progression", "regression", False),
    "digits": (lambda: datasets.load_digits(), "digit", "multiclass", False),
}


def number_text(x):
    x = float(x)
    return str(int(x)) if x.is_integer() else repr(x)


def write_toy(name, out_dir):
    """Writes the toy set as a headed CSV; returns its path and target column."""
    loader, target, _task, names = TOY[name]
    bunch = loader()
    header = [str(f) for f in bunch.feature_names] + [target]
    path = os.path.join(out_dir, f"{name}.csv")
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for row, y in zip(bunch.data, bunch.target):
            label = str(bunch.target_names[int(y)]) if names else str(int(y))
            w.writerow([number_text(v) for v in row] + [label])
    return path, target


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], [r for r in rows[1:] if r != []]
    for i, r in enumerate(body):
        if len(r) != len(header):
            raise ValueError(f"{path}: data row {i} has {len(r)} fields, the header {len(header)}")
    return header, body


def present(cell):
    return cell.strip() not in MISSING


def as_float(cell):
    try:
        return float(cell)
    except ValueError:
        return None


def date_columns(name, cells):
    """ISO dates / datetimes -> year, month, day of year (and hour when any cell has a time)."""
    parsed = [datetime.fromisoformat(c.strip()) if present(c) else None for c in cells]
    with_time = any(c is not None and (":" in cells[i]) for i, c in enumerate(parsed))
    parts = [("year", lambda d: d.year), ("month", lambda d: d.month),
             ("dayofyear", lambda d: d.timetuple().tm_yday)]
    if with_time:
        parts.append(("hour", lambda d: d.hour + d.minute / 60))
    return [(f"{name}_{p}", [np.nan if d is None else float(fn(d)) for d in parsed]) for p, fn in parts]


def feature_matrix(header, body, target, drop, dates):
    """An object matrix (numbers as float, text as str, missing as nan) and the numeric / text column indices."""
    columns = []  # (name, values, numeric)
    for j, name in enumerate(header):
        if name == target or name in drop:
            continue
        cells = [r[j] for r in body]
        if name in dates:
            columns += [(n, v, True) for n, v in date_columns(name, cells)]
            continue
        values = [as_float(c) if present(c) else np.nan for c in cells]
        if all(v is not None for v in values):
            columns.append((name, values, True))
        else:
            columns.append((name, [c.strip() if present(c) else np.nan for c in cells], False))
    X = np.empty((len(body), len(columns)), dtype=object)
    for j, (_, values, _) in enumerate(columns):
        X[:, j] = values
    num = [j for j, c in enumerate(columns) if c[2]]
    cat = [j for j, c in enumerate(columns) if not c[2]]
    return X, num, cat, [c[0] for c in columns]


def make_pre(num, cat):
    return ColumnTransformer([
        ("num", Pipeline([("imp", SimpleImputer(strategy="median")), ("sc", StandardScaler())]), num),
        ("cat", Pipeline([("imp", SimpleImputer(strategy="most_frequent")),
                          ("oh", OneHotEncoder(handle_unknown="ignore", sparse_output=False))]), cat),
    ])


def score(task, pipe, X, y):
    if task == "regression":
        return float(r2_score(y, pipe.predict(X)))
    if task == "binary":
        classes = list(pipe.classes_)
        return float(roc_auc_score(y == classes[1], pipe.predict_proba(X)[:, 1]))
    return float(f1_score(y, pipe.predict(X), average="macro"))


def reference(name, path, target, task, drop, dates, out_dir):
    header, body = read_csv(path)
    if target not in header:
        raise KeyError(f"{path} has no column {target!r}")
    t = header.index(target)
    keep = [i for i, r in enumerate(body) if present(r[t])]
    X, num, cat, names = feature_matrix(header, body, target, set(drop), set(dates))
    X[:, num] = X[:, num].astype(float)
    if task == "regression":
        y = np.array([float(body[i][t]) for i in keep])
    else:
        y = np.array([body[i][t].strip() for i in keep], dtype=object)
    X = X[keep]
    idx_tr, idx_te = train_test_split(np.arange(len(keep)), test_size=0.2, random_state=SEED, shuffle=True,
                                      stratify=None if task == "regression" else y)
    test_rows = sorted(int(keep[i]) for i in idx_te)
    rows_file = os.path.join(out_dir, f"{name}_seed{SEED}_test_rows.json")
    with open(rows_file, "w") as f:
        json.dump({"dataset": name, "seed": SEED, "test_size": 0.2, "stratified": task != "regression",
                   "row_numbering": "0-based data rows of the source CSV in file order, header excluded",
                   "test_rows": test_rows}, f)
    if task == "regression":
        models = {"linear": Ridge(alpha=1.0), "hgb": HistGradientBoostingRegressor(random_state=0)}
    else:
        models = {"linear": LogisticRegression(max_iter=5000), "hgb": HistGradientBoostingClassifier(random_state=0)}
    out = {"csv": path, "target": target, "task": task,
           "metric": {"binary": "roc_auc", "multiclass": "f1_macro", "regression": "r2"}[task],
           "rows": len(body), "n_train": int(len(idx_tr)), "n_test": int(len(idx_te)),
           "test_rows_file": rows_file, "drop": list(drop),
           "linear_model": "Ridge" if task == "regression" else "LogisticRegression",
           "numeric_columns": [names[j] for j in num], "categorical_columns": [names[j] for j in cat],
           "fit_seconds": {}}
    for key, model in models.items():
        pipe = Pipeline([("pre", make_pre(num, cat)), ("model", model)])
        started = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            pipe.fit(X[idx_tr], y[idx_tr])
        out["fit_seconds"][key] = round(time.perf_counter() - started, 3)
        out[key] = score(task, pipe, X[idx_te], y[idx_te])
    print(f"{name}: {out['metric']} linear {out['linear']:.4f} hgb {out['hgb']:.4f}", file=sys.stderr, flush=True)
    return out


def main(argv):
    only = None
    if "--only" in argv:
        i = argv.index("--only")
        only = set(argv[i + 1].split(","))
        argv = argv[:i] + argv[i + 2:]
    if len(argv) < 2 or argv[0] not in ("toy", "extra") or (argv[0] == "extra" and len(argv) < 3):
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    mode, out_dir = argv[0], argv[1]
    os.makedirs(out_dir, exist_ok=True)
    results = {"_env": {"sklearn": sklearn.__version__, "numpy": np.__version__,
                        "python": platform.python_version(), "seed": SEED}}
    if mode == "toy":
        for name in TOY:
            if only and name not in only:
                continue
            path, target = write_toy(name, out_dir)
            results[name] = reference(name, path, target, TOY[name][2], [], [], out_dir)
    else:
        with open(argv[2]) as f:
            spec = json.load(f)
        for s in spec:
            if only and s["name"] not in only:
                continue
            if not os.path.exists(s["file"]):
                results[s["name"]] = {"error": f"{s['file']} is absent"}
                continue
            try:
                results[s["name"]] = reference(s["name"], s["file"], s["target"], s["task"], s.get("drop", []),
                                               s.get("dates", []), out_dir)
            except Exception as e:  # one bad file does not hide the others
                results[s["name"]] = {"error": f"{type(e).__name__}: {e}"}
    json.dump(results, sys.stdout)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
