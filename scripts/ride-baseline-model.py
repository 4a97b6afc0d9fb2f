#!/usr/bin/python3
"""Baseline ride fraud model: how hard is a fraudgen rides dataset to learn, type by type, and does any one field give the label away?

The same method as scripts/baseline-model.py (docs/quality.md): scikit-learn's gradient-boosted trees with
default settings, trained on the first 70% of the time range (requested_at) and scored on the last 30%. The
feature set is documented in docs/quality.md, "Rides": fields of the ride row a fraud team sees once the
ride is over and its support ticket handled, and what the team computes from earlier rows (how many
accounts a phone has asked from, how many drivers an account has ridden with, where it usually gets
picked up, who pays shares of split fares), the drivers table and the driver's online sessions. No ids,
no ground truth, and no chargeback (dispute_date arrives 20-90 days after the ride and is how a
stolen card is found: it is the label, not a feature).

Usage: ride-baseline-model.py [--gate] [--json FILE] [--jobs N] NAME=DIR [NAME=DIR ...]
  NAME is a label for the report (for the gate: easy, realistic, hard); DIR a dataset written with
  `fraudgen generate --type rides --format csv` (or --type all).
  --gate checks the rides quality gate of docs/quality.md and exits 1 when it fails.
Runs with Debian's python3-sklearn and python3-pandas (/usr/bin/python3).
"""
import importlib.util
import json
import os
import sys
import time

# Loads the banking script for what both share (it sets one OpenMP thread per fit before numpy loads).
_spec = importlib.util.spec_from_file_location("baseline_model", os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                                               "baseline-model.py"))
base = importlib.util.module_from_spec(_spec)
sys.modules["baseline_model"] = base
_spec.loader.exec_module(base)

import numpy as np
import pandas as pd
from sklearn.metrics import roc_auc_score

# The eleven ride fraud types (the schema's vocabulary); a dataset may hold only some of them.
RIDE_FRAUD_TYPES = [
    "GPS_SPOOFING", "GHOST_RIDE", "PROMO_ABUSE", "SURGE_ABUSE", "MULTI_ACCOUNT_DRIVER", "REFUND_ABUSE",
    "RATING_FRAUD", "PAYMENT_CHARGEBACK", "SPLIT_FARE_FRAUD", "ACCOUNT_TAKEOVER_RIDE", "DESTINATION_DISPARITY",
]

# The documented feature set (docs/quality.md, "Rides").
# Fields of the ride row, as written.
ROW_NUMERIC = [
    "fare_amount", "quoted_price", "promo_amount", "charged_amount", "cancel_fee", "tip_amount", "refund_amount",
    "driver_adjustment", "card_age_days", "account_age_days", "pickup_distance_km", "quoted_distance_m",
    "quoted_duration_s", "surge_multiplier", "counter_offers", "gps_path_ratio", "gps_max_jump_m", "end_to_dropoff_m",
    "rating_by_rider", "rating_by_driver",
    "driver_trips_7d", "driver_rating_7d", "driver_cancels_7d", "rider_requests_7d", "rider_cancels_7d",
    "rider_rating_7d", "pair_rides_7d",
]
ROW_BOOLEAN = ["flight_bank", "zero_fee_day"]
ROW_CATEGORICAL = ["app", "level", "status", "payment_method", "price_basis", "rain", "ticket", "state"]
# Computed from the same row.
ROW_DERIVED = [
    "local_hour", "weekday", "promo_share", "charged_share", "refund_share", "distance_ratio", "duration_ratio",
    "offer_to_quote", "accept_wait_s", "arrive_wait_s", "split_accounts", "to_airport", "to_named_place",
]
# Computed from the earlier rows (requests up to and including this one, in requested_at order).
HISTORY = [
    "device_accounts",          # distinct rider accounts that have asked from this rider_device_id
    "account_devices",          # distinct phones this rider account has asked from
    "device_new_for_account",   # first request of the account from this phone, after requests from others
    "account_requests",         # the account's requests so far
    "account_drivers",          # distinct driver accounts the rider account has had
    "pair_rides",               # requests of this rider account that this driver account accepted
    "pickup_from_usual_km",     # pickup's distance from the mean of the account's earlier pickups
    "account_tickets_before",   # tickets on the account's earlier rides
    "account_refund_share_before",  # refunds over charges of the account's earlier rides
    "account_promo_rides_before",   # the account's earlier rides with a promotion
    "corider_requesters",       # split fares: most requesters any of the ride's co-rider accounts has paid a share for
    "corider_requests",         # split fares: fewest requests of their own any co-rider account has made
    "driver_riders",            # distinct rider accounts the driver account has had
    "driver_new_account_share",  # share of the driver account's rides from rider accounts under 30 days old
]
# From the drivers table (identity links across driver accounts) and driver_sessions.
DRIVER = [
    "driver_account_age_days", "driver_device_accounts", "driver_device_accounts_same_app",
    "driver_payout_accounts", "driver_payout_accounts_same_app", "driver_plate_accounts_same_app",
    "vehicle_year", "vehicle_above_level",
    "offline_gap_before_s",     # how long the driver was offline before the session the ride was accepted in
    "online_before_accept_s",   # how long that session had lasted when the driver accepted
    "co_offline_drivers",       # other driver accounts of the city that went offline within 2 min of that gap's start
]
DRIVER_CATEGORICAL = ["driver_activity", "vehicle_ownership"]
DRIVER_BOOLEAN = ["cnh_paid_activity"]

NUMERIC = ROW_NUMERIC + ROW_DERIVED + HISTORY + DRIVER
BOOLEAN = ROW_BOOLEAN + DRIVER_BOOLEAN
CATEGORICAL = ROW_CATEGORICAL + DRIVER_CATEGORICAL
FEATURES = NUMERIC + BOOLEAN + CATEGORICAL

TYPE_AUC = (0.65, 0.98)     # every type present: learnable, and not given away
WINDOW_DAYS = 30            # history features look back this far
CO_OFFLINE_WINDOW_S = 120

RIDE_COLUMNS = [
    "ride_id", "app", "level", "rider_account_id", "rider_device_id", "driver_id", "state", "city_ibge_code",
    "status", "requested_at", "accepted_at", "arrived_at", "started_at", "ended_at",
    "pickup_lat", "pickup_lon", "dropoff_place", "dropoff_airport", "quoted_distance_m", "quoted_duration_s",
    "actual_distance_m", "actual_duration_s", "surge_multiplier", "flight_bank", "quoted_price", "offer_amount",
    "counter_offers", "price_basis", "fare_amount", "cancel_fee", "payment_method", "zero_fee_day", "tip_amount",
    "rating_by_rider", "rating_by_driver", "driver_trips_7d", "driver_rating_7d", "driver_cancels_7d",
    "rider_requests_7d", "rider_cancels_7d", "rider_rating_7d", "pair_rides_7d", "card_age_days", "promo_amount",
    "split_account_ids", "charged_amount", "gps_path_ratio", "gps_max_jump_m", "end_to_dropoff_m",
    "driver_adjustment", "ticket", "refund_amount", "pickup_distance_km", "account_age_days", "rain",
    # ground truth: the label and the per-type report only, never a feature
    "is_fraud", "fraud_type", "fraud_taxonomy",
]
RIDE_NUMERIC = {
    "pickup_lat", "pickup_lon", "quoted_distance_m", "quoted_duration_s", "actual_distance_m", "actual_duration_s",
    "surge_multiplier", "quoted_price", "offer_amount", "counter_offers", "fare_amount", "cancel_fee", "tip_amount",
    "rating_by_rider", "rating_by_driver", "driver_trips_7d", "driver_rating_7d", "driver_cancels_7d",
    "rider_requests_7d", "rider_cancels_7d", "rider_rating_7d", "pair_rides_7d", "card_age_days", "promo_amount",
    "charged_amount", "gps_path_ratio", "gps_max_jump_m", "end_to_dropoff_m", "driver_adjustment", "refund_amount",
    "pickup_distance_km", "account_age_days",
}


def timestamps(text):
    """fraudgen's timestamps all carry -03:00: local wall-clock time, to the millisecond."""
    return pd.to_datetime(text.str.slice(0, 23), format="%Y-%m-%dT%H:%M:%S.%f")


def seconds(delta):
    return delta.dt.total_seconds()


def ratio(a, b):
    return (a / b.where(b > 0)).astype(float)


class Trailing:
    """Sums over each group's rows in the WINDOW_DAYS before a row, for rows in time order."""

    def __init__(self, rides):
        self.seconds = (rides["when"].astype("int64") // 10**9).to_numpy()

    def sum(self, keys, values, include_self=True):
        """For each row: the sum of values over the rows of its group (keys) in the window up to it (NaN without a group)."""
        codes, _ = pd.factorize(keys)
        key = codes.astype(np.int64) * 10**10 + self.seconds
        order = np.argsort(key, kind="stable")
        sorted_key = key[order]
        v = np.nan_to_num(np.asarray(values, dtype=float))[order]
        csum = np.concatenate([[0.0], np.cumsum(v)])
        pos = np.arange(len(key))
        lo = np.searchsorted(sorted_key, sorted_key - WINDOW_DAYS * 86400, side="right")
        total = csum[pos + 1] - csum[lo] if include_self else csum[pos] - csum[lo]
        out = np.empty(len(key))
        out[order] = total
        out[codes < 0] = np.nan
        return out

    def distinct(self, rides, group, item):
        """Distinct items seen with the group in the window: each (group, item) counts on its first row after a
        gap of WINDOW_DAYS (a close lower bound of the exact count)."""
        pair = rides[group] + "|" + rides[item]
        previous = pd.Series(self.seconds, index=rides.index).groupby(pair).shift(1)
        new = (previous.isna() | (self.seconds - previous > WINDOW_DAYS * 86400)) & pair.notna()
        return self.sum(rides[group].where(rides[item].notna()), new.to_numpy(dtype=float))


def haversine_km(lat1, lon1, lat2, lon2):
    p1, p2 = np.radians(lat1), np.radians(lat2)
    a = np.sin((p2 - p1) / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(np.radians(lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * np.arcsin(np.sqrt(a))


def history_features(r):
    """Features a fraud team computes from the rows of the WINDOW_DAYS before each request: counts since the
    dataset's first day would grow with time and tell the training part from the test part."""
    w = Trailing(r)
    acc, dev, drv = "rider_account_id", "rider_device_id", "driver_id"
    f = {}
    f["device_accounts"] = w.distinct(r, dev, acc)
    f["account_devices"] = w.distinct(r, acc, dev)
    f["account_requests"] = w.sum(r[acc], np.ones(len(r)))
    pair_dev = r[acc] + "|" + r[dev]
    seen_before = w.sum(pair_dev, np.ones(len(r)), include_self=False)
    f["device_new_for_account"] = ((seen_before == 0) & (f["account_requests"] > 1)).astype(float)
    f["account_drivers"] = w.distinct(r, acc, drv)
    has_driver = r[drv].notna().to_numpy()
    f["pair_rides"] = w.sum((r[acc] + "|" + r[drv]).where(has_driver), np.ones(len(r)))
    earlier = f["account_requests"] - 1
    with np.errstate(invalid="ignore", divide="ignore"):
        mean_lat = w.sum(r[acc], r["pickup_lat"], include_self=False) / np.where(earlier > 0, earlier, np.nan)
        mean_lon = w.sum(r[acc], r["pickup_lon"], include_self=False) / np.where(earlier > 0, earlier, np.nan)
        f["pickup_from_usual_km"] = haversine_km(mean_lat, mean_lon, r["pickup_lat"].to_numpy(), r["pickup_lon"].to_numpy())
        f["account_tickets_before"] = w.sum(r[acc], r["ticket"].notna().to_numpy(dtype=float), include_self=False)
        refunds = w.sum(r[acc], r["refund_amount"], include_self=False)
        charges = w.sum(r[acc], r["charged_amount"], include_self=False)
        f["account_refund_share_before"] = np.where(charges > 0, refunds / np.where(charges > 0, charges, 1), np.nan)
        f["account_promo_rides_before"] = w.sum(r[acc], (r["promo_amount"] > 0).to_numpy(dtype=float), include_self=False)
        f["driver_riders"] = w.distinct(r, drv, acc)
        young = w.sum(r[drv], (r["account_age_days"] < 30).to_numpy(dtype=float))
        f["driver_new_account_share"] = young / w.sum(r[drv], np.ones(len(r)))

    # Split fares: each co-rider account, how many requesters it paid shares for in the window, and how many
    # requests of its own it made in the window (before and after this ride's request alike are not known:
    # only up to it).
    f["corider_requesters"] = np.full(len(r), np.nan)
    f["corider_requests"] = np.full(len(r), np.nan)
    splits = r.loc[r["split_account_ids"].notna(), ["order", acc, "split_account_ids", "when"]]
    if len(splits):
        shares = splits.assign(corider=splits["split_account_ids"].str.split("|")).explode("corider")
        own = r[[acc, "order", "when"]].rename(columns={acc: "corider"}).assign(own=1.0, share=0.0, requester=None)
        shares = shares.rename(columns={acc: "requester"})[["corider", "order", "when", "requester"]].assign(own=0.0, share=1.0)
        events = pd.concat([own, shares], ignore_index=True).sort_values(["order", "own"], ascending=[True, False], kind="stable")
        events = events.reset_index(drop=True)
        ew = Trailing(events)
        events["own_in_window"] = ew.sum(events["corider"], events["own"].to_numpy())
        requester_pair = (events["corider"] + "|" + events["requester"].fillna("")).where(events["share"] > 0)
        previous = pd.Series(ew.seconds).groupby(requester_pair).shift(1)
        new = ((previous.isna() | (ew.seconds - previous > WINDOW_DAYS * 86400)) & requester_pair.notna()).to_numpy(dtype=float)
        events["requesters_in_window"] = ew.sum(events["corider"].where(events["share"] > 0), new)
        per_ride = events[events["share"] > 0].groupby("order").agg(requesters=("requesters_in_window", "max"),
                                                                    own=("own_in_window", "min"))
        f["corider_requesters"][per_ride.index.to_numpy()] = per_ride["requesters"].to_numpy()
        f["corider_requests"][per_ride.index.to_numpy()] = per_ride["own"].to_numpy()
    return pd.DataFrame(f, index=r.index)


def driver_features(r, drivers, sessions):
    """Identity links across driver accounts (drivers table) and the driver's session at accept."""
    d = drivers.copy()
    for key, col in (("device_id", "driver_device_accounts"), ("payout_account_hash", "driver_payout_accounts")):
        d[col] = d.groupby(key)["driver_id"].transform("count").astype(float)
        d[col + "_same_app"] = d.groupby([key, "app"])["driver_id"].transform("count").astype(float)
    d["driver_plate_accounts_same_app"] = d.groupby(["vehicle_plate", "app"])["driver_id"].transform("count").astype(float)
    d["driver_registered"] = pd.to_datetime(d["registered_at"], format="%Y-%m-%d")
    d["cnh_paid_activity"] = d["cnh_paid_activity"].map({"true": 1.0, "false": 0.0})
    d = d.rename(columns={"activity": "driver_activity"}).set_index("driver_id")
    keep = ["driver_device_accounts", "driver_device_accounts_same_app", "driver_payout_accounts",
            "driver_payout_accounts_same_app", "driver_plate_accounts_same_app",
            "cnh_paid_activity", "driver_activity", "vehicle_ownership", "vehicle_year"]
    mine = d.reindex(r["driver_id"])
    f = pd.DataFrame({c: mine[c].to_numpy() for c in keep}, index=r.index)
    f["driver_account_age_days"] = seconds(r["when"].dt.normalize() - mine["driver_registered"].to_numpy()) / 86400.0
    rank = {"MOTO": 0, "ECONOMY": 1, "COMFORT": 2, "BLACK": 3}
    f["vehicle_above_level"] = mine["vehicle_level"].map(rank).to_numpy() - r["level"].map(rank).to_numpy()

    # The session each accepted ride lies in, the driver's gap offline before it, and how many other
    # driver accounts of the city went offline within 2 minutes of that gap's start.
    s = sessions.sort_values(["driver_id", "online"], kind="stable").reset_index(drop=True)
    s["previous_offline"] = s.groupby("driver_id")["offline"].shift(1)
    window = CO_OFFLINE_WINDOW_S * 1000
    co = np.full(len(s), np.nan)
    has_gap = s["previous_offline"].notna().to_numpy()
    previous_ms = s["previous_offline"].to_numpy(dtype="datetime64[ms]").astype(np.int64)
    offline_ms = s["offline"].to_numpy(dtype="datetime64[ms]").astype(np.int64)
    for _, idx in s.groupby("city_ibge_code").indices.items():
        times = np.sort(offline_ms[idx])
        idx = idx[has_gap[idx]]
        t = previous_ms[idx]
        co[idx] = np.searchsorted(times, t + window, side="right") - np.searchsorted(times, t - window, side="left") - 1
    s["co_offline_drivers"] = co
    accepted = pd.DataFrame({"order": r["order"], "driver_id": r["driver_id"], "accepted": r["accepted"]})
    accepted = accepted[accepted["accepted"].notna() & accepted["driver_id"].notna()].sort_values("accepted", kind="stable")
    matched = pd.merge_asof(accepted, s[["driver_id", "online", "previous_offline", "co_offline_drivers"]]
                            .sort_values("online", kind="stable"),
                            left_on="accepted", right_on="online", by="driver_id", direction="backward")
    matched = matched.set_index("order").reindex(r["order"].to_numpy())
    f["offline_gap_before_s"] = seconds(matched["online"] - matched["previous_offline"]).to_numpy()
    f["online_before_accept_s"] = seconds(matched["accepted"] - matched["online"]).to_numpy()
    f["co_offline_drivers"] = matched["co_offline_drivers"].to_numpy()
    return pd.concat([r, f], axis=1)


def load(folder):
    rides = base.read_table(folder, "rides", RIDE_COLUMNS, RIDE_NUMERIC)
    drivers = base.read_table(folder, "drivers", ["driver_id", "app", "device_id", "payout_account_hash", "vehicle_plate",
                                                  "registered_at", "cnh_paid_activity", "activity", "vehicle_ownership",
                                                  "vehicle_year", "vehicle_level"], {"vehicle_year"})
    sessions = base.read_table(folder, "driver_sessions", ["driver_id", "city_ibge_code", "online_at", "offline_at"])
    sessions["online"], sessions["offline"] = timestamps(sessions["online_at"]), timestamps(sessions["offline_at"])

    r = rides
    r["when"] = timestamps(r["requested_at"])
    r = r.sort_values(["when", "ride_id"], kind="stable").reset_index(drop=True)
    r["order"] = np.arange(len(r))
    for c in ("accepted_at", "arrived_at"):
        r[c.replace("_at", "")] = timestamps(r[c].fillna(""))  # empty -> NaT
    for c in ROW_BOOLEAN:
        r[c] = r[c].map({"true": 1.0, "false": 0.0})
    r["local_hour"] = r["when"].dt.hour + r["when"].dt.minute / 60.0
    r["weekday"] = r["when"].dt.weekday.astype(float)
    r["promo_share"] = ratio(r["promo_amount"], r["fare_amount"])
    r["charged_share"] = ratio(r["charged_amount"], r["fare_amount"] - r["promo_amount"])
    r["refund_share"] = ratio(r["refund_amount"], r["charged_amount"])
    r["distance_ratio"] = ratio(r["actual_distance_m"], r["quoted_distance_m"])
    r["duration_ratio"] = ratio(r["actual_duration_s"], r["quoted_duration_s"])
    r["offer_to_quote"] = ratio(r["offer_amount"], r["quoted_price"])
    r["accept_wait_s"] = seconds(r["accepted"] - r["when"])
    r["arrive_wait_s"] = seconds(r["arrived"] - r["accepted"])
    r["split_accounts"] = r["split_account_ids"].fillna("").str.count(r"\|").add(1).where(r["split_account_ids"].notna(), 0).astype(float)
    r["to_airport"] = r["dropoff_airport"].notna().astype(float)
    r["to_named_place"] = r["dropoff_place"].notna().astype(float)
    r = pd.concat([r, history_features(r)], axis=1)
    r = driver_features(r, drivers, sessions)
    r["label"] = (r["is_fraud"] == "true").astype(int)
    return r


def manifest_types(folder):
    """Rides per fraud type in the whole dataset, from the manifest (None when it has no ride fraud summary)."""
    try:
        with open(os.path.join(folder, "manifest.json")) as f:
            summary = json.load(f).get("ride_fraud") or {}
    except (OSError, ValueError):
        return None
    return summary.get("rides_by_type")


def evaluate(name, folder):
    started = time.monotonic()
    rides = load(folder)
    train, test = base.split_by_time(rides)
    loaded = time.monotonic()
    score, y, auc, flagged, model = base.fit_and_score(train, test, FEATURES, CATEGORICAL)
    fitted = time.monotonic()
    alerts = int(y.sum())  # the overall threshold every type is recalled at
    legit = y == 0
    in_manifest = manifest_types(folder)
    fraud_type = test["fraud_type"].fillna("").to_numpy()
    quiet = test["fraud_taxonomy"].fillna("").str.endswith("|QUIET").to_numpy()

    def auc_of(frauds):
        return float(roc_auc_score(y[legit | frauds], score[legit | frauds])) if frauds.any() else None
    per_type = {}
    for t in RIDE_FRAUD_TYPES:
        mine = fraud_type == t
        total = int((rides["fraud_type"] == t).sum())
        entry = {"rides": total, "manifest_rides": None if in_manifest is None else int(in_manifest.get(t, 0)),
                 "test_frauds": int(mine.sum()), "recall": None, "auc_roc": None}
        if mine.any():
            entry["recall"] = float(flagged[mine].mean())
            entry["auc_roc"] = auc_of(mine)
            # The scenarios done quietly (ride_quiet_fraud.share) against those done loudly.
            entry["auc_quiet"], entry["auc_loud"] = auc_of(mine & quiet), auc_of(mine & ~quiet)
        per_type[t] = entry
    timings = {"load": loaded - started, "fit": fitted - loaded}
    single = base.single_feature_precision(train, test, y, FEATURES, CATEGORICAL, BOOLEAN)
    timings["single_features"] = time.monotonic() - fitted
    return {
        "name": name, "dataset": folder,
        "rides": int(len(rides)), "train": int(len(train)), "test": int(len(test)),
        "fraud_share": float(rides["label"].mean()), "test_frauds": alerts,
        "auc_roc": auc, "auc_quiet": auc_of(quiet), "auc_loud": auc_of((y == 1) & ~quiet),
        "boosting_iterations": int(model.n_iter_),  # early stopping: few iterations mean the fit stopped early
        "precision_at_top_alerts": float(y[flagged].mean()) if flagged.any() else 0.0,
        "recall_at_top_alerts": float(flagged[y == 1].mean()) if alerts else 0.0,
        "by_type": per_type,
        "features": len(FEATURES),
        "single_feature_precision_at_10pct_recall": single,
        "seconds": time.monotonic() - started, "timings": timings,
    }


def print_report(r):
    print(f"== {r['name']} (rides): {r['dataset']}")
    print(f"   {r['rides']:,} rides ({r['train']:,} train, {r['test']:,} test), fraud share {r['fraud_share']:.4%}, "
          f"{r['test_frauds']:,} test frauds, {r['seconds']:.1f} s "
          f"({', '.join(f'{k} {v:.1f} s' for k, v in r['timings'].items())})")
    both = lambda a, b: ", ".join(f"{n} {v:.4f}" for n, v in (("quiet", a), ("loud", b)) if v is not None)
    print(f"   AUC-ROC {r['auc_roc']:.4f} ({both(r['auc_quiet'], r['auc_loud'])}; {r['boosting_iterations']} boosting iterations); alerting {r['test_frauds']:,} rides: precision "
          f"{r['precision_at_top_alerts']:.3f}, recall {r['recall_at_top_alerts']:.3f}")
    top = sorted(r["single_feature_precision_at_10pct_recall"].items(), key=lambda kv: -kv[1])[:6]
    print("   strongest single features (precision at 10% recall): " + ", ".join(f"{k} {v:.3f}" for k, v in top))
    print("   by fraud type (recall at the overall threshold; AUC-ROC of the type's frauds against all legitimate rides):")
    for t, v in r["by_type"].items():
        if v["test_frauds"]:
            print(f"     {t:<24} recall {v['recall']:.3f}  AUC {v['auc_roc']:.4f} ({both(v['auc_quiet'], v['auc_loud'])})  ({v['test_frauds']} test frauds of {v['rides']})")
        elif v["rides"]:
            print(f"     {t:<24} no fraud in the test part ({v['rides']} in the training part)")
        else:
            print(f"     {t:<24} absent from the dataset")


def gate(results):
    failures = base.gate(results)
    realistic = next((r for r in results if r["name"] == "realistic"), None)
    if realistic is None:
        return failures
    lo, hi = TYPE_AUC
    for t, v in realistic["by_type"].items():
        present = v["manifest_rides"] if v["manifest_rides"] is not None else v["rides"]
        if not present:
            continue
        if v["auc_roc"] is None:
            failures.append(f"realistic: {t} has {present} rides but none in the test part")
        elif not lo <= v["auc_roc"] <= hi:
            failures.append(f"realistic: {t} AUC-ROC {v['auc_roc']:.4f} is outside [{lo}, {hi}]")
    return failures


if __name__ == "__main__":
    sys.exit(base.run_cli(__doc__, evaluate, print_report, gate))
