#!/usr/bin/python3
"""Baseline fraud model: how hard is a fraudgen dataset to learn, and does any one field give the label away?

Trains scikit-learn's gradient-boosted trees (default settings) on the first 70% of the time range of a
CSV dataset and scores the last 30%. The feature set is documented in docs/quality.md: observable fields
only, no ids, no ground truth, no bank decision (fraud_score, status and what follows from them).

Usage: baseline-model.py [--gate] [--json FILE] [--jobs N] NAME=DIR [NAME=DIR ...]
  NAME is a label for the report (for the gate: easy, realistic, hard); DIR a dataset written with
  `fraudgen generate --format csv`.
  --gate checks the quality gate of docs/quality.md and exits 1 when it fails.
Runs with Debian's python3-sklearn and python3-pandas (/usr/bin/python3).
"""
import argparse
import glob
import json
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor

# One OpenMP thread per model fit, set before numpy and scikit-learn load their thread pools:
# OpenMP threads spin while they wait, and on a busy 2-core machine a fit took 31 s instead of
# 5 s with the same result. Datasets are evaluated in parallel processes instead (--jobs).
os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np
import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import precision_recall_curve, roc_auc_score

# The documented feature set. Derived features are computed from the same row (and the customer's row).
NUMERIC = [
    "amount", "installments", "device_age_days",
    "velocity_transactions_1h", "velocity_transactions_6h", "velocity_transactions_24h",
    "velocity_transactions_7d", "velocity_transactions_30d",
    "accumulated_amount_1h", "accumulated_amount_6h", "accumulated_amount_24h",
    "accumulated_amount_7d", "accumulated_amount_30d",
    "velocity_unique_merchants_7d", "velocity_unique_devices_7d",
    "time_since_last_txn_min", "distance_from_last_txn_km",
]
BOOLEAN = [
    "unusual_time", "emulator_detected", "vpn_active", "cvv_validated", "auth_3ds",
    "device_new_for_customer", "new_beneficiary", "new_merchant",
]
CATEGORICAL = [
    "type", "direction", "channel", "customer_profile", "social_class", "mcc_code", "mcc_risk_level", "card_brand",
    "card_type", "card_entry", "pix_key_type", "payee_holder_type", "pix_initiation_mode",
    "payee_account_type", "destination_bank_code", "ip_type",
]
DERIVED = ["local_hour", "weekday", "out_of_home_state", "amount_to_income", "amount_to_avg_30d",
           "customer_income", "customer_account_age_days"]
FEATURES = NUMERIC + BOOLEAN + CATEGORICAL + DERIVED

TRAIN_SHARE = 0.70          # of the time range
SINGLE_FEATURE_RECALL = 0.10
SINGLE_FEATURE_MAX_PRECISION = 0.40
REALISTIC_AUC = (0.80, 0.93)


def read_table(folder, table, columns, numeric=()):
    files = sorted(glob.glob(os.path.join(folder, table, "*.csv")))
    if not files:
        sys.exit(f"baseline-model: no CSV files in {os.path.join(folder, table)}; generate with --format csv")
    dtype = {c: ("float64" if c in numeric else "str") for c in columns}
    return pd.concat((pd.read_csv(f, usecols=columns, dtype=dtype, keep_default_na=False, na_values=[""])
                      for f in files), ignore_index=True)


def load(folder):
    wanted = ["timestamp", "customer_id", "transaction_state", "customer_state", "is_fraud", "fraud_type", "fraud_taxonomy"]
    wanted += NUMERIC + BOOLEAN + CATEGORICAL
    tx = read_table(folder, "transactions", list(dict.fromkeys(wanted)), NUMERIC)
    customers = read_table(folder, "customers", ["customer_id", "monthly_income", "account_created_at"])
    for c in BOOLEAN:
        tx[c] = tx[c].map({"true": 1.0, "false": 0.0})
    # Local wall-clock time: every timestamp carries the same -03:00 offset.
    when = pd.to_datetime(tx["timestamp"].str.slice(0, 19), format="%Y-%m-%dT%H:%M:%S")
    tx["when"] = when
    tx["local_hour"] = when.dt.hour + when.dt.minute / 60.0
    tx["weekday"] = when.dt.weekday.astype(float)
    tx["out_of_home_state"] = (tx["transaction_state"] != tx["customer_state"]).astype(float)
    customers["customer_income"] = pd.to_numeric(customers["monthly_income"])
    opened = pd.to_datetime(customers["account_created_at"].str.slice(0, 19), format="%Y-%m-%dT%H:%M:%S")
    customers["opened"] = opened
    tx = tx.merge(customers[["customer_id", "customer_income", "opened"]], on="customer_id", how="left")
    tx["customer_account_age_days"] = (tx["when"] - tx["opened"]).dt.total_seconds() / 86400.0
    tx["amount_to_income"] = tx["amount"] / tx["customer_income"]
    earlier = tx["velocity_transactions_30d"] - 1
    earlier_sum = tx["accumulated_amount_30d"] - tx["amount"]
    tx["amount_to_avg_30d"] = np.where(earlier > 0, tx["amount"] / (earlier_sum / earlier.where(earlier > 0)), np.nan)
    tx["label"] = (tx["is_fraud"] == "true").astype(int)
    return tx


def encode(train, test, features=FEATURES, categorical=CATEGORICAL):
    """Categorical columns become integer codes learnt on the training part (unknown -> NaN)."""
    X_train, X_test = train[features].copy(), test[features].copy()
    for c in categorical:
        categories = pd.Index(sorted(train[c].dropna().unique()))
        X_train[c] = pd.Categorical(train[c], categories=categories).codes.astype(float)
        X_test[c] = pd.Categorical(test[c], categories=categories).codes.astype(float)
        X_train.loc[X_train[c] < 0, c] = np.nan
        X_test.loc[X_test[c] < 0, c] = np.nan
    return X_train.astype(float), X_test.astype(float)


def best_precision_at_recall(y, score, recall):
    precision, achieved, _ = precision_recall_curve(y, score)
    ok = achieved >= recall
    return float(precision[ok].max()) if ok.any() else 0.0


def single_feature_precision(train, test, y_test, features=FEATURES, categorical=CATEGORICAL, boolean=BOOLEAN):
    """For each feature alone, the best precision at >= 10% recall on the test part, either direction.

    Categories (and booleans, and missing values) are ranked by their fraud share in the training part,
    so a category that is mostly fraud shows up here.
    """
    result = {}
    for c in features:
        if c in categorical or c in boolean or train[c].isna().any() or test[c].isna().any():
            key_train = train[c].astype(str)
            key_test = test[c].astype(str)
            if c not in categorical and c not in boolean:  # numeric with missing values: missing vs. value
                key_train = train[c].isna().astype(str)
                key_test = test[c].isna().astype(str)
            share = train["label"].groupby(key_train).mean()
            score = key_test.map(share).fillna(0.0).to_numpy()
            best = best_precision_at_recall(y_test, score, SINGLE_FEATURE_RECALL)
            if c not in categorical and c not in boolean:  # and the value itself, where present
                values = test[c].to_numpy(dtype=float)
                for sign in (1.0, -1.0):
                    signed = sign * values
                    floor = np.nanmin(signed) - 1.0 if np.isfinite(signed).any() else 0.0
                    best = max(best, best_precision_at_recall(y_test, np.nan_to_num(signed, nan=floor),
                                                              SINGLE_FEATURE_RECALL))
        else:
            values = test[c].to_numpy(dtype=float)
            best = max(best_precision_at_recall(y_test, values, SINGLE_FEATURE_RECALL),
                       best_precision_at_recall(y_test, -values, SINGLE_FEATURE_RECALL))
        result[c] = best
    return result


def split_by_time(rows):
    """The first TRAIN_SHARE of the `when` range to train on, the rest to test."""
    t0, t1 = rows["when"].min(), rows["when"].max()
    cut = t0 + (t1 - t0) * TRAIN_SHARE
    return rows[rows["when"] < cut], rows[rows["when"] >= cut]


def fit_and_score(train, test, features=FEATURES, categorical=CATEGORICAL):
    """The default model trained on `train`; its scores of `test`, the test labels, the AUC-ROC,
    the rows flagged with as many alerts as there are frauds in the test part, and the model."""
    X_train, X_test = encode(train, test, features, categorical)
    model = HistGradientBoostingClassifier(categorical_features=[c in categorical for c in features], random_state=0)
    model.fit(X_train, train["label"])
    score = model.predict_proba(X_test)[:, 1]
    y = test["label"].to_numpy()
    alerts = int(y.sum())
    threshold = np.sort(score)[::-1][max(alerts - 1, 0)]
    return score, y, float(roc_auc_score(y, score)), score >= threshold, model


def evaluate(name, folder):
    started = time.monotonic()
    tx = load(folder)
    train, test = split_by_time(tx)
    loaded = time.monotonic()
    score, y, auc, flagged, _ = fit_and_score(train, test)
    fitted = time.monotonic()
    alerts = int(y.sum())
    per_type = {}
    for fraud_type, rows in test[test["label"] == 1].groupby("fraud_type"):
        per_type[fraud_type] = {"frauds": int(len(rows)), "recall": float(flagged[test.index.get_indexer(rows.index)].mean())}
    quiet = test["fraud_taxonomy"].fillna("").str.contains("QUIET").to_numpy()
    recall_quiet = float(flagged[quiet].mean()) if quiet.any() else None
    legit = y == 0
    auc_quiet = float(roc_auc_score(y[legit | quiet], score[legit | quiet])) if quiet.any() else None
    auc_loud = float(roc_auc_score(y[legit | ~quiet], score[legit | ~quiet])) if ((y == 1) & ~quiet).any() else None
    recall_loud = float(flagged[(y == 1) & ~quiet].mean()) if ((y == 1) & ~quiet).any() else None
    timings = {"load": loaded - started, "fit": fitted - loaded}
    single = single_feature_precision(train, test, y)
    timings["single_features"] = time.monotonic() - fitted
    return {
        "name": name, "dataset": folder,
        "transactions": int(len(tx)), "train": int(len(train)), "test": int(len(test)),
        "fraud_share": float(tx["label"].mean()), "test_frauds": alerts,
        "auc_roc": auc,
        "precision_at_top_alerts": float(y[flagged].mean()) if flagged.any() else 0.0,
        "recall_at_top_alerts": float(flagged[y == 1].mean()) if alerts else 0.0,
        "recall_by_type": per_type,
        "auc_roc_quiet": auc_quiet, "auc_roc_loud": auc_loud,
        "recall_quiet": recall_quiet, "recall_loud": recall_loud, "quiet_test_frauds": int(quiet.sum()),
        "single_feature_precision_at_10pct_recall": single,
        "seconds": time.monotonic() - started, "timings": timings,
    }


def print_report(r):
    print(f"== {r['name']}: {r['dataset']}")
    print(f"   {r['transactions']:,} transactions ({r['train']:,} train, {r['test']:,} test), "
          f"fraud share {r['fraud_share']:.4%}, {r['test_frauds']:,} test frauds, {r['seconds']:.1f} s "
          f"({', '.join(f'{k} {v:.1f} s' for k, v in r['timings'].items())})")
    print(f"   AUC-ROC {r['auc_roc']:.4f}; alerting {r['test_frauds']:,} transactions: precision "
          f"{r['precision_at_top_alerts']:.3f}, recall {r['recall_at_top_alerts']:.3f}")
    if r["recall_quiet"] is not None:
        print(f"   AUC-ROC of quiet fraud {r['auc_roc_quiet']:.4f}, of the rest {r['auc_roc_loud']:.4f}")
        print(f"   recall of quiet fraud {r['recall_quiet']:.3f} ({r['quiet_test_frauds']} frauds), of the rest {r['recall_loud']:.3f}")
    top = sorted(r["single_feature_precision_at_10pct_recall"].items(), key=lambda kv: -kv[1])[:6]
    print("   strongest single features (precision at 10% recall): " +
          ", ".join(f"{k} {v:.3f}" for k, v in top))
    print("   recall by fraud type:")
    for t, v in sorted(r["recall_by_type"].items(), key=lambda kv: -kv[1]["recall"]):
        print(f"     {t:<26} {v['recall']:.3f}  ({v['frauds']} frauds)")


def gate(results):
    failures = []
    by_name = {r["name"]: r for r in results}
    realistic = by_name.get("realistic")
    if realistic is None:
        return ["the gate needs a dataset named realistic"]
    lo, hi = REALISTIC_AUC
    if not lo <= realistic["auc_roc"] <= hi:
        failures.append(f"realistic AUC-ROC {realistic['auc_roc']:.4f} is outside [{lo}, {hi}]")
    if "easy" in by_name and not by_name["easy"]["auc_roc"] > realistic["auc_roc"]:
        failures.append(f"easy AUC-ROC {by_name['easy']['auc_roc']:.4f} is not above realistic")
    if "hard" in by_name and not by_name["hard"]["auc_roc"] < realistic["auc_roc"]:
        failures.append(f"hard AUC-ROC {by_name['hard']['auc_roc']:.4f} is not below realistic")
    for r in results:
        if r["name"] == "easy":
            continue  # easy is allowed to give itself away
        for feature, precision in r["single_feature_precision_at_10pct_recall"].items():
            if precision >= SINGLE_FEATURE_MAX_PRECISION:
                failures.append(f"{r['name']}: {feature} alone reaches precision {precision:.3f} at 10% recall")
    return failures


def run_cli(doc, evaluate_one, print_one, check_gate):
    """The command line both baseline scripts share: NAME=DIR datasets, evaluated in parallel processes."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("datasets", nargs="+", metavar="NAME=DIR")
    parser.add_argument("--gate", action="store_true", help="check the quality gate; exit 1 when it fails")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                        help="datasets evaluated at once, one process each (default: the number of CPUs)")
    args = parser.parse_args()
    if args.jobs < 1:
        parser.error(f"--jobs must be 1 or more, not {args.jobs}")
    specs = []
    for spec in args.datasets:
        name, sep, folder = spec.partition("=")
        if not sep or not name or not folder:
            parser.error(f"'{spec}' is not NAME=DIR (e.g. realistic=/tmp/ds)")
        if not os.path.isdir(folder):
            parser.error(f"{folder} is not a folder")
        specs.append((name, folder))
    if args.jobs == 1 or len(specs) == 1:
        results = [evaluate_one(name, folder) for name, folder in specs]
    else:
        with ProcessPoolExecutor(max_workers=min(args.jobs, len(specs))) as pool:
            results = list(pool.map(evaluate_one, *zip(*specs)))
    for r in results:
        print_one(r)
    if args.json:
        with open(args.json, "w") as out:
            json.dump(results, out, indent=1)
    if args.gate:
        failures = check_gate(results)
        for f in failures:
            print(f"GATE FAILED: {f}")
        if failures:
            return 1
        print("gate passed")
    return 0


def main():
    return run_cli(__doc__, evaluate, print_report, gate)


if __name__ == "__main__":
    sys.exit(main())
