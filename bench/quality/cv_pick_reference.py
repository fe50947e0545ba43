#!/usr/bin/python3
"""What honest selection between sklearn's two references scores (issue 17's closing question).

    /usr/bin/python3 bench/quality/cv_pick_reference.py OUT_DIR toy:wine toy:diabetes \
        extra:seaborn_titanic:/path/seaborn_titanic.csv:survived:binary:alive

The bar of bench/quality.ts is max(LR/Ridge, HGB) on the TEST rows: it knows, after the fact, which of the two
does better there. A method that must choose before seeing the test rows can at best choose as well as
cross-validation can. This script makes that choice the way sklearn users do: 5-fold cross_val_score of both
references (the same pipelines, split and seed as toy_reference.py; StratifiedKFold for classification,
KFold for regression, shuffled with seed 7) on the training rows only, the better mean is picked, refit on the
training rows and scored on the test rows. It prints one line per dataset: both CV means ± std, the pick and
its test score next to the post-hoc bar.
"""
import os
import sys
import warnings

import numpy as np
from sklearn.model_selection import KFold, StratifiedKFold, cross_val_score, train_test_split
from sklearn.pipeline import Pipeline

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import toy_reference as ref  # noqa: E402

SCORING = {"binary": "roc_auc", "multiclass": "f1_macro", "regression": "r2"}


def pick(name, path, target, task, drop, out_dir):
    header, body = ref.read_csv(path)
    t = header.index(target)
    keep = [i for i, r in enumerate(body) if ref.present(r[t])]
    X, num, cat, _ = ref.feature_matrix(header, body, target, set(drop), set())
    X[:, num] = X[:, num].astype(float)
    y = (np.array([float(body[i][t]) for i in keep]) if task == "regression"
         else np.array([body[i][t].strip() for i in keep], dtype=object))
    X = X[keep]
    idx_tr, idx_te = train_test_split(np.arange(len(keep)), test_size=0.2, random_state=ref.SEED, shuffle=True,
                                      stratify=None if task == "regression" else y)
    from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor
    from sklearn.linear_model import LogisticRegression, Ridge
    models = ({"linear": Ridge(alpha=1.0), "hgb": HistGradientBoostingRegressor(random_state=0)}
              if task == "regression" else
              {"linear": LogisticRegression(max_iter=5000), "hgb": HistGradientBoostingClassifier(random_state=0)})
    folds = (KFold(5, shuffle=True, random_state=ref.SEED) if task == "regression"
             else StratifiedKFold(5, shuffle=True, random_state=ref.SEED))
    cv, test = {}, {}
    for key, model in models.items():
        pipe = Pipeline([("pre", ref.make_pre(num, cat)), ("model", model)])
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            scores = cross_val_score(pipe, X[idx_tr], y[idx_tr], cv=folds, scoring=SCORING[task])
            pipe.fit(X[idx_tr], y[idx_tr])
        cv[key] = (float(scores.mean()), float(scores.std(ddof=1)))
        test[key] = ref.score(task, pipe, X[idx_te], y[idx_te])
    chosen = max(cv, key=lambda k: cv[k][0])
    print(f"| {name} | {SCORING[task]} | linear {cv['linear'][0]:.4f} ± {cv['linear'][1]:.4f} | "
          f"hgb {cv['hgb'][0]:.4f} ± {cv['hgb'][1]:.4f} | {chosen} | {test[chosen]:.4f} | "
          f"{max(test.values()):.4f} |", flush=True)


def main(argv):
    out_dir = argv[0]
    os.makedirs(out_dir, exist_ok=True)
    print("| dataset | metric | CV linear | CV hgb | CV picks | its test score | post-hoc bar (max of both) |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for item in argv[1:]:
        parts = item.split(":")
        if parts[0] == "toy":
            path, target = ref.write_toy(parts[1], out_dir)
            pick(parts[1], path, target, ref.TOY[parts[1]][2], [], out_dir)
        else:
            _, name, path, target, task, *drop = parts
            pick(name, path, target, task, drop, out_dir)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
