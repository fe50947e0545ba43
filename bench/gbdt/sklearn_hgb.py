"""Times sklearn's HistGradientBoosting on the feature matrix Looplab trains on (bench/gbdt-speed.ts).

Reads train.bin (float32, rows x cols, NaN = missing) and y.bin (float64) plus a JSON spec, fits with the same
fixed settings as Looplab (no early stopping, so both do the same number of iterations), best of 3, and
prints {"seconds": [...], "best": s, "sklearn": version} as one JSON line.
"""
import json
import sys
import time

import numpy as np
import sklearn
from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor

folder = sys.argv[1]
spec = json.load(open(f"{folder}/spec.json"))
x = np.fromfile(f"{folder}/train.bin", dtype=np.float32).reshape(spec["rows"], spec["cols"])
y = np.fromfile(f"{folder}/y.bin", dtype=np.float64)
params = dict(
    max_iter=spec["iterations"],
    learning_rate=0.1,
    max_leaf_nodes=31,
    min_samples_leaf=20,
    l2_regularization=0.0,
    max_bins=255,
    early_stopping=False,
    random_state=42,
)
model_class = HistGradientBoostingRegressor if spec["task"] == "regression" else HistGradientBoostingClassifier
seconds = []
for _ in range(3):
    model = model_class(**params)
    started = time.perf_counter()
    model.fit(x, y if spec["task"] == "regression" else y.astype(np.int64))
    seconds.append(time.perf_counter() - started)
print(json.dumps({"seconds": seconds, "best": min(seconds), "sklearn": sklearn.__version__, "threads": spec.get("threads")}))
