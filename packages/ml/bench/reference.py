"""scikit-learn and XGBoost on exactly the data and folds the TypeScript benchmark wrote.

Reads <dir>/manifest.json written by bench-ml.ts and prints one JSON object per line, one per (dataset, model).
Run with Debian's /usr/bin/python3 (apt-get install -y python3-sklearn python3-xgboost).
"""
import json
import sys
import time

import numpy as np
import sklearn
import xgboost
from sklearn.cluster import KMeans
from sklearn.ensemble import HistGradientBoostingClassifier, RandomForestClassifier
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler


def load(directory, spec):
    X = np.fromfile(f"{directory}/{spec['x']}", dtype="<f8").reshape(spec["rows"], spec["cols"])
    y = np.fromfile(f"{directory}/{spec['y']}", dtype="<f8") if spec.get("y") else None
    folds = np.fromfile(f"{directory}/{spec['folds']}", dtype="<i4") if spec.get("folds") else None
    return X, y, folds


def models(params, threads):
    trees = params["trees"]
    return {
        "xgboost": lambda: xgboost.XGBClassifier(
            n_estimators=trees,
            max_depth=params["depth"],
            learning_rate=params["learningRate"],
            max_bin=params["bins"],
            tree_method="hist",
            n_jobs=threads,
            random_state=0,
        ),
        "sklearn-hgb": lambda: HistGradientBoostingClassifier(
            max_iter=trees,
            max_depth=params["depth"],
            max_leaf_nodes=None,
            learning_rate=params["learningRate"],
            max_bins=min(params["bins"], 255),
            early_stopping=False,
            random_state=0,
        ),
        # scikit-learn 1.2's forest does not take NaN: impute with the median first.
        "sklearn-rf": lambda: make_pipeline(
            SimpleImputer(strategy="median"),
            RandomForestClassifier(n_estimators=trees, n_jobs=threads, random_state=0),
        ),
        "sklearn-logreg": lambda: make_pipeline(
            SimpleImputer(strategy="mean"), StandardScaler(), LogisticRegression(C=1.0, max_iter=10000)
        ),
    }


def cross_validate(make, X, y, folds):
    aucs, fit_seconds, predict_seconds, predicted = [], [], 0.0, 0
    for fold in np.unique(folds):
        train, test = folds != fold, folds == fold
        model = make()
        started = time.perf_counter()
        model.fit(X[train], y[train])
        fit_seconds.append(time.perf_counter() - started)
        started = time.perf_counter()
        p = model.predict_proba(X[test])[:, 1]
        predict_seconds += time.perf_counter() - started
        predicted += int(test.sum())
        aucs.append(roc_auc_score(y[test], p))
    return {
        "auc": float(np.mean(aucs)),
        "aucStd": float(np.std(aucs)),
        "fitSecondsMedian": float(np.median(fit_seconds)),
        "predictRowsPerSecond": predicted / predict_seconds,
    }


def main():
    directory = sys.argv[1]
    with open(f"{directory}/manifest.json") as handle:
        manifest = json.load(handle)
    threads = manifest["threads"]
    versions = {"sklearn": sklearn.__version__, "xgboost": xgboost.__version__, "numpy": np.__version__}
    print(json.dumps({"versions": versions}), flush=True)
    for spec in manifest["datasets"]:
        X, y, folds = load(directory, spec)
        factories = models(manifest["params"], threads)
        for name in spec["models"]:
            result = cross_validate(factories[name], X, y, folds)
            print(json.dumps({"dataset": spec["name"], "model": name, **result}), flush=True)
    for spec in manifest.get("linear", []):
        X, y, _ = load(directory, spec)
        # newton-cholesky reaches the exact optimum; lbfgs stops on a relative change in the loss ~1e-3 short of it.
        model = LogisticRegression(C=spec["C"], solver="newton-cholesky", tol=1e-12, max_iter=1000).fit(X, y)
        print(
            json.dumps(
                {
                    "dataset": spec["name"],
                    "model": "sklearn-logreg-coefficients",
                    "coefficients": model.coef_[0].tolist(),
                    "intercept": float(model.intercept_[0]),
                }
            ),
            flush=True,
        )
    for spec in manifest.get("kmeans", []):
        X, _, _ = load(directory, spec)
        started = time.perf_counter()
        model = KMeans(n_clusters=spec["k"], n_init=10, random_state=0).fit(X)
        seconds = time.perf_counter() - started
        print(
            json.dumps(
                {"dataset": spec["name"], "model": "sklearn-kmeans", "inertia": float(model.inertia_), "fitSeconds": seconds}
            ),
            flush=True,
        )


if __name__ == "__main__":
    main()
