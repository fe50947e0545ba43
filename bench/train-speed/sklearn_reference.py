"""sklearn reference for bench/train-speed.ts: times MLPClassifier.fit on the bench's generated data.

Usage: python3 sklearn_reference.py X.npy y.npy EPOCHS [REPEATS]. Prints one JSON line per configuration,
with the best (shortest) of REPEATS fits (default 3): the machine is shared, and every ratio the bench prints is
relative to the float64 figure, so one slow fit would skew them all.
"""
import json
import sys
import time
import warnings

import numpy as np

try:
    import sklearn
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.neural_network import MLPClassifier
except ImportError as error:
    print(json.dumps({"error": f"sklearn is not installed: {error}"}))
    sys.exit(0)

try:
    from threadpoolctl import threadpool_info, threadpool_limits
except ImportError:
    threadpool_info = threadpool_limits = None

x32 = np.load(sys.argv[1])
y = np.load(sys.argv[2])
epochs = int(sys.argv[3])
repeats = int(sys.argv[4]) if len(sys.argv) > 4 else 3
blas = [
    {"api": p.get("internal_api"), "threads": p.get("num_threads")}
    for p in (threadpool_info() if threadpool_info else [])
]


def fit_once(x, threads):
    model = MLPClassifier(
        hidden_layer_sizes=(64, 32), batch_size=256, max_iter=epochs, solver="adam", alpha=0,
        learning_rate_init=0.001, shuffle=True, random_state=0, early_stopping=False, tol=0,
        n_iter_no_change=1000,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        start, cpu = time.perf_counter(), time.process_time()
        if threads is not None:
            with threadpool_limits(limits=threads):
                model.fit(x, y)
        else:
            model.fit(x, y)
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    return model, seconds, cpu


def fit(x, label, threads=None):
    runs = [fit_once(x, threads) for _ in range(repeats)]
    model, seconds, cpu = min(runs, key=lambda run: run[1])
    print(json.dumps({
        "label": label,
        "seconds": round(seconds, 3),
        "samplesPerS": epochs * len(y) / seconds,
        "cpuSeconds": round(cpu, 2),
        "allSeconds": [round(run[1], 3) for run in runs],
        "epochs": model.n_iter_,
        "weightsDtype": str(model.coefs_[0].dtype),
        "trainLogLoss": float(model.loss_),
        "sklearn": sklearn.__version__,
        "numpy": np.__version__,
        "blas": blas,
    }), flush=True)


fit(x32.astype(np.float64), "float64")
fit(x32, "float32")
if threadpool_limits:
    fit(x32.astype(np.float64), "float64, 1 BLAS thread", threads=1)
