"""Independent expected results for scripts/e2e.py, computed in plain Python from the sample CSVs.

Follows the brief's profit rules (calculate_profit) and the semantics the ShopVerse models
document (latest version per key, the 30-day window anchored on as_of_date, as-of FX rates,
revenue-bearing orders), without running any SQL that shopc generated.
"""
import collections
import csv
import datetime
import decimal
import pathlib

D = decimal.Decimal
CENT = D("0.01")
NULLS = ("", "NULL")  # the file format's NULL_IF
AS_OF = datetime.date(2025, 6, 30)  # var as_of_date of target ci
WINDOW_DAYS = 30  # var incremental_window_days


def rounded(value, places=CENT):
    """ROUND(x, n): half away from zero, like Snowflake."""
    return value.quantize(places, rounding=decimal.ROUND_HALF_UP)


def read(folders, table):
    """Rows of every CSV of a table across data-set folders, as dicts with None for NULL."""
    rows = []
    for folder in folders:
        for path in sorted(pathlib.Path(folder, table).glob("*.csv")):
            with path.open(newline="") as handle:
                for row in csv.DictReader(handle):
                    rows.append({k: (None if v in NULLS else v) for k, v in row.items()})
    return rows


def latest(rows, key):
    """One row per key: the one with the greatest updated_at (QUALIFY ROW_NUMBER() ... = 1)."""
    out = {}
    for row in rows:
        k = row[key]
        if k is None:
            continue
        if k not in out or (row["updated_at"] or "") > (out[k]["updated_at"] or ""):
            out[k] = row
    return out


def profit(selling, cost, quantity):
    """The brief's calculate_profit."""
    if selling is None or cost is None or quantity is None:
        return None
    selling, cost, quantity = D(selling), D(cost), D(quantity)
    if quantity < 0:
        return None
    if cost < 0:
        return selling * quantity
    return rounded((selling - cost) * quantity)


class FX:
    """As-of FX rates: the newest positive rate dated on or before a day."""

    def __init__(self, rows):
        self.rates = collections.defaultdict(list)
        for r in rows:
            if r["rate_to_usd"] is None or r["rate_date"] is None or D(r["rate_to_usd"]) <= 0:
                continue
            self.rates[r["currency"].strip().upper()].append((r["rate_date"], D(r["rate_to_usd"])))
        for values in self.rates.values():
            values.sort()

    def usd(self, amount, currency, day):
        """convert_currency: USD is only rounded; another currency without a rate gives None."""
        if amount is None:
            return None
        if currency == "USD":
            return rounded(amount)
        candidates = [rate for date, rate in self.rates.get(currency, []) if date <= day]
        return rounded(amount * candidates[-1]) if candidates else None


def customers(folders):
    """stg_customers: latest version, trimmed and normalised, region from the reference."""
    regions = {}
    for r in read(folders, "country_regions"):
        if r["country"] is None:
            continue
        country = r["country"].strip().upper()
        region = (r["region"] or "").strip() or None
        if country not in regions or (region or "") < (regions[country] or ""):
            regions[country] = region
    out = {}
    for cid, r in latest(read(folders, "customers"), "customer_id").items():
        country = r["country"].strip().upper() if r["country"] else None
        out[int(cid)] = {
            "customer_name": r["name"].strip() if r["name"] else None,
            "region": regions.get(country) or "Unknown",
            "segment": r["segment"].strip().lower() if r["segment"] else None,
        }
    return out


def stg_orders(folders):
    """stg_orders: the window, latest version per order, profit not NULL."""
    start = (AS_OF - datetime.timedelta(days=WINDOW_DAYS)).isoformat()
    rows = [r for r in read(folders, "orders") if r["order_date"] and r["order_date"] >= start]
    out = {}
    for oid, r in latest(rows, "order_id").items():
        p = profit(r["selling_price"], r["cost_price"], r["quantity"])
        if p is None:
            continue
        out[int(oid)] = {
            "customer_id": int(r["customer_id"]), "order_date": r["order_date"], "profit": p,
            "currency": r["currency"].strip().upper(), "status": r["status"].strip().lower(),
            "quantity": int(r["quantity"]), "updated_at": r["updated_at"],
        }
    return out


def customer_profit(folders):
    """customer_profit: per customer of stg_customers with orders in the window."""
    fx = FX(read(folders, "fx_rates"))
    people = customers(folders)
    per = {}
    for o in stg_orders(folders).values():
        c = per.setdefault(o["customer_id"], {"total_orders": 0, "terms": [], "last_order_date": o["order_date"]})
        c["total_orders"] += 1
        c["last_order_date"] = max(c["last_order_date"], o["order_date"])
        revenue = o["status"] not in ("cancelled", "returned")
        c["terms"].append(fx.usd(o["profit"], o["currency"], o["order_date"]) if revenue else D(0))
    out = {}
    for cid, c in per.items():
        if cid not in people:
            continue  # INNER JOIN stg_customers
        terms = [t for t in c["terms"] if t is not None]
        out[cid] = {
            **people[cid], "total_orders": c["total_orders"],
            "total_profit": rounded(sum(terms, D(0))) if terms else None,
            "last_order_date": c["last_order_date"],
        }
    return out


def payment_success_rate(folders):
    """payment_success_rate: per method over every payment attempt."""
    fx = FX(read(folders, "fx_rates"))
    per = collections.defaultdict(lambda: {"success": 0, "count": 0, "volume": []})
    for p in read(folders, "payments"):
        if p["payment_id"] is None:
            continue
        m = per[p["payment_method"].strip().lower()]
        m["count"] += 1
        m["success"] += (p["status"] or "").strip().lower() == "success"
        amount = D(p["amount"]) if p["amount"] is not None else None
        m["volume"].append(fx.usd(amount, p["currency"].strip().upper(), p["paid_at"][:10]))
    return {
        method: {
            "success_rate": rounded(D(m["success"]) / D(m["count"]), D("0.0001")),
            "total_volume": rounded(sum((v for v in m["volume"] if v is not None), D(0))),
            "total_payments": m["count"],
        }
        for method, m in per.items()
    }
