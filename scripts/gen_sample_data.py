#!/usr/bin/env python3
"""Writes the ShopVerse sample data sets under data/sample/ (deterministic: fixed seed, no clock).

  data/sample/good/<table>/<table>_001.csv         first load: clean data with the brief's edge cases
  data/sample/good_batch2/<table>/<table>_002.csv  second load: new and changed orders (incremental runs)
  data/sample/bad/<table>/<table>_001.csv          the good data with planted defects (see BAD_DEFECTS)

Columns are written in the order the source declares them (specs/sources/shopverse.yml): loads go
by position. Every date is on or before the window anchor AS_OF (var as_of_date of target ci).

Run: python3 scripts/gen_sample_data.py   (rewrites the CSVs; commit them)
"""
import csv
import datetime
import pathlib
import random
import shutil

REPO = pathlib.Path(__file__).resolve().parent.parent
OUT = REPO / "data/sample"
SEED = 20250630
AS_OF = datetime.date(2025, 6, 30)
# The second export runs after every version of the first one was written (the latest is on
# AS_OF + 1 day), so the incremental high-water mark lets exactly batch 2 through.
EXPORT2 = AS_OF + datetime.timedelta(days=2)

COLUMNS = {
    "orders": ["order_id", "customer_id", "product_id", "quantity", "selling_price", "cost_price", "currency",
               "order_date", "status", "channel", "created_at", "updated_at"],
    "customers": ["customer_id", "name", "email", "country", "segment", "signup_date", "city", "updated_at"],
    "payments": ["payment_id", "order_id", "payment_method", "amount", "currency", "status", "paid_at"],
    "products": ["product_id", "name", "category", "subcategory", "brand", "list_price", "unit_cost", "is_active", "updated_at"],
    "country_regions": ["country", "region"],
    "fx_rates": ["currency", "rate_to_usd", "rate_date"],
}

# Country → (region, currency, cities). NZ and KE are deliberately not in the reference table.
COUNTRIES = {
    "US": ("North America", "USD", ["New York", "Austin", "Seattle"]),
    "CA": ("North America", "CAD", ["Toronto", "Vancouver"]),
    "MX": ("Latin America", "USD", ["Mexico City", "Monterrey"]),
    "BR": ("Latin America", "BRL", ["Sao Paulo", "Rio de Janeiro"]),
    "GB": ("Europe", "GBP", ["London", "Manchester"]),
    "DE": ("Europe", "EUR", ["Berlin", "Munich"]),
    "FR": ("Europe", "EUR", ["Paris", "Lyon"]),
    "ES": ("Europe", "EUR", ["Madrid", "Valencia"]),
    "NL": ("Europe", "EUR", ["Amsterdam", "Utrecht"]),
    "JP": ("Asia Pacific", "JPY", ["Tokyo", "Osaka"]),
    "IN": ("Asia Pacific", "INR", ["Mumbai", "Bengaluru"]),
    "AU": ("Asia Pacific", "USD", ["Sydney", "Melbourne"]),
    "ZA": ("Middle East & Africa", "USD", ["Cape Town", "Johannesburg"]),
    "AE": ("Middle East & Africa", "USD", ["Dubai", "Abu Dhabi"]),
    "NZ": (None, "USD", ["Auckland"]),
    "KE": (None, "USD", ["Nairobi"]),
}
# Value of one unit in USD around the sample period.
FX_BASE = {"EUR": 1.08, "GBP": 1.27, "JPY": 0.0064, "CAD": 0.73, "BRL": 0.18, "INR": 0.012}
SEGMENTS = ["consumer", "corporate", "home_office"]
CATEGORIES = {
    "Electronics": (["Phones", "Laptops", "Audio"], ["Voltix", "Nimbus"]),
    "Home": (["Kitchen", "Furniture"], ["Casa", "Hearth"]),
    "Apparel": (["Shoes", "Outerwear"], ["Stride", "Northwind"]),
    "Sports": (["Cycling", "Fitness"], ["Peak", "Velo"]),
}
FIRST = ["Ana", "Ben", "Chloe", "Dev", "Elif", "Farid", "Grace", "Hiro", "Ines", "Jonas", "Kira", "Luca", "Mina", "Noah",
         "Olga", "Priya", "Quinn", "Rosa", "Sven", "Tariq", "Uma", "Victor", "Wen", "Yara", "Zoe"]
LAST = ["Alvarez", "Brown", "Chen", "Dubois", "Eriksen", "Fischer", "Garcia", "Haddad", "Ito", "Jensen", "Kumar", "Lopez",
        "Muller", "Nakamura", "Okafor", "Patel", "Rossi", "Silva", "Tanaka", "Novak"]
METHODS = ["credit_card", "debit_card", "paypal", "bank_transfer", "gift_card"]
STATUSES = ["placed", "shipped", "delivered", "delivered", "delivered", "shipped", "returned", "cancelled"]
CHANNELS = ["web", "mobile", "marketplace"]


def ts(day, seconds):
    """A timestamp on `day`, `seconds` after midnight, as the exports write it."""
    return (datetime.datetime.combine(day, datetime.time()) + datetime.timedelta(seconds=seconds)).strftime("%Y-%m-%d %H:%M:%S")


def money(value):
    return f"{value:.2f}"


def business_days(start, end):
    day = start
    while day <= end:
        if day.weekday() < 5:
            yield day
        day += datetime.timedelta(days=1)


def country_regions():
    rows = [[c, r] for c, (r, _, _) in sorted(COUNTRIES.items()) if r]
    rows.append(["de", "Europe"])  # a lower-case duplicate: stg_country_regions keeps one row per country
    return rows


def fx_rates(rng):
    rows = []
    for currency, base in sorted(FX_BASE.items()):
        rate = base
        for day in business_days(datetime.date(2025, 3, 3), AS_OF):
            rate *= 1 + rng.uniform(-0.004, 0.004)
            rows.append([currency, f"{rate:.6f}", day.isoformat()])
    return rows


def customers(rng):
    rows, countries = [], sorted(COUNTRIES)
    for cid in range(1, 161):
        country = countries[(cid * 7) % len(countries)]
        first, last = FIRST[cid % len(FIRST)], LAST[(cid * 3) % len(LAST)]
        segment = SEGMENTS[cid % 3]
        signup = datetime.date(2023, 1, 1) + datetime.timedelta(days=rng.randrange(0, 800))
        updated = ts(signup, rng.randrange(0, 86400))
        city = COUNTRIES[country][2][cid % len(COUNTRIES[country][2])]
        name = f"{first} {last}"
        seg_text = segment.upper() if cid % 11 == 0 else segment  # stg_customers lower-cases
        rows.append([cid, name, f"{first}.{last}{cid}@example.com".lower(), country, seg_text, signup.isoformat(), city, updated])
        if cid % 9 == 0:  # a later version: the customer moved to the corporate segment
            rows.append([cid, f"{name} ", f"{first}.{last}{cid}@example.com", country, "corporate", signup.isoformat(), city,
                         ts(datetime.date(2025, 4, 1), cid)])
    return rows


def products(rng):
    rows, pid = [], 0
    for category, (subs, brands) in sorted(CATEGORIES.items()):
        for i in range(12):
            pid += 1
            list_price = round(rng.uniform(8, 900), 2)
            cost = round(list_price * rng.uniform(0.45, 0.8), 2)
            active = "" if pid % 10 == 0 else ("false" if pid % 13 == 0 else "true")
            cat = "" if pid == 7 else category  # a product without category: 'Uncategorised'
            rows.append([pid, f"{brands[i % 2]} {subs[i % len(subs)]} {i + 1}", cat, subs[i % len(subs)], brands[i % 2],
                         money(list_price), money(cost), active, ts(datetime.date(2025, 1, 2), pid)])
            if pid % 8 == 0:  # a price change
                rows.append([pid, f"{brands[i % 2]} {subs[i % len(subs)]} {i + 1}", cat, subs[i % len(subs)], brands[i % 2],
                             money(list_price * 1.1), money(cost), active, ts(datetime.date(2025, 5, 1), pid)])
    return rows


class Orders:
    """Builds orders and their payments with stable ids."""

    def __init__(self, rng, customer_rows, product_rows):
        self.rng = rng
        self.customers = {r[0]: r for r in customer_rows}
        self.prices = {r[0]: (float(r[5]), float(r[6])) for r in product_rows}
        self.cheap = sorted({pid for pid, (price, _) in self.prices.items() if price < 150})
        self.orders, self.payments = [], []
        self.next_payment = 1

    def currency(self, cid):
        return COUNTRIES[self.customers[cid][3]][1]

    def add(self, oid, day, version_at, **overrides):
        rng = self.rng
        cid = overrides.pop("customer_id", rng.randrange(1, 161))
        currency = self.currency(cid)
        # Yen and rupee amounts are large numbers: keep their lines small so every profit stays
        # inside the accepted range (-1000..100000 in the order currency) on good data.
        cheap = currency in ("JPY", "INR")
        pid = overrides.pop("product_id", rng.choice(self.cheap) if cheap else rng.randrange(1, 49))
        list_price, cost = self.prices[pid]
        scale = {"JPY": 150.0, "INR": 80.0, "BRL": 5.0}.get(currency, 1.0)
        row = {
            "order_id": oid, "customer_id": cid, "product_id": pid, "quantity": rng.randrange(1, 3 if cheap else 6),
            "selling_price": money(list_price * scale * rng.uniform(0.9, 1.05)), "cost_price": money(cost * scale),
            "currency": currency, "order_date": day.isoformat(), "status": rng.choice(STATUSES),
            "channel": rng.choice(CHANNELS), "created_at": ts(day, 3600 + oid % 7200), "updated_at": version_at,
        }
        row.update(overrides)
        self.orders.append([row[c] for c in COLUMNS["orders"]])
        return row

    def pay(self, row, outcome=None):
        """Payment attempts for an order: sometimes a failed attempt first, sometimes a refund after."""
        rng = self.rng
        day = datetime.date.fromisoformat(row["order_date"])
        price = float(row["selling_price"] or 0) or 25.0
        amount = money(price * max(int(row["quantity"]), 1))
        method = rng.choice(METHODS)
        outcome = outcome or rng.choices(["success", "failed_then_success", "refund", "pending"], [70, 15, 8, 7])[0]
        attempts = []
        if outcome == "failed_then_success":
            attempts += [("failed", amount, 0), ("success", amount, 1)]
        elif outcome == "refund":
            attempts += [("success", amount, 0), ("refunded", amount, 0)]  # same day: same FX rate
        elif outcome == "failed":
            attempts += [("failed", amount, 0)]
        else:
            attempts += [(outcome, amount, 0)]
        for status, value, days_later in attempts:
            paid = min(day + datetime.timedelta(days=days_later), AS_OF)
            self.payments.append([self.next_payment, row["order_id"], method if status != "success" or days_later == 0 else rng.choice(METHODS),
                                  value, row["currency"], status, ts(paid, 36000 + self.next_payment % 3600)])
            self.next_payment += 1


def batch1(rng, customer_rows, product_rows):
    o = Orders(rng, customer_rows, product_rows)
    for oid in range(1, 301):
        day = AS_OF - datetime.timedelta(days=rng.randrange(0, 75))  # some fall before the 30-day window
        overrides = {}
        if oid == 11:
            overrides["selling_price"] = ""  # NULL price: profit NULL, dropped by stg_orders
        if oid == 12:
            overrides["quantity"] = -2  # negative quantity: profit NULL, dropped
        if oid in (13, 14):
            overrides["cost_price"] = "-5.00"  # negative cost (supplier credit): profit = price x quantity
        if oid in (15, 16):
            day = AS_OF - datetime.timedelta(days=3)
        row = o.add(oid, day, ts(day, 7200 + oid), **overrides)
        o.pay(row, "failed" if oid in (21, 22) else None)
        if oid % 10 == 5:  # an updated version of the order: it shipped a day later
            later = o.add(oid, day, ts(day + datetime.timedelta(days=1), 300 + oid), **{
                k: row[k] for k in ("customer_id", "product_id", "quantity", "selling_price", "cost_price", "currency", "channel")
            }, status="shipped" if row["status"] == "placed" else row["status"])
            assert later
    return o


def batch2(rng, customer_rows, product_rows, first):
    """New orders and new versions of existing ones, all written after every batch-1 version."""
    o = Orders(rng, customer_rows, product_rows)
    o.next_payment = first.next_payment
    in_window = [r for r in first.orders if datetime.date.fromisoformat(r[7]) >= AS_OF - datetime.timedelta(days=30)]
    by_id = {}
    for r in in_window:
        by_id[r[0]] = r
    changed = sorted(oid for oid in by_id if oid not in (11, 12) and by_id[oid][3] > 0 and by_id[oid][4])[:12]
    for oid in changed:
        r = dict(zip(COLUMNS["orders"], by_id[oid]))
        r["status"] = "returned" if oid % 2 else "delivered"
        r["quantity"] = int(r["quantity"]) + 1
        r["updated_at"] = ts(EXPORT2, 50000 + oid)
        o.orders.append([r[c] for c in COLUMNS["orders"]])
    for oid in range(301, 321):
        day = AS_OF - datetime.timedelta(days=rng.randrange(0, 4))
        row = o.add(oid, day, ts(EXPORT2, 60000 + oid), **({"customer_id": 161} if oid == 301 else {}))
        o.pay(row)
    return o, changed


def write(folder, table, rows, suffix):
    path = OUT / folder / table / f"{table}_{suffix}.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(COLUMNS[table])
        writer.writerows(rows)


# Defects planted in the bad data set → the data test each must fail, with its severity.
BAD_DEFECTS = {
    "duplicate order id (two rows for one order version)": ("unique_combination_of_columns_shopverse_raw_bronze_orders", "fail"),
    "orphan payment (keyed to an order that does not exist; its own order is left unpaid)": ("relationships_stg_orders_order_id", "fail"),
    "out-of-range profit (> 100000)": ("accepted_range_stg_orders_profit", "warn"),
    "stale load (the country-region feed never loaded: no load time at all)": ("freshness_shopverse_raw_bronze_country_regions", "fail"),
    "unknown order status ('lost')": ("accepted_values_stg_orders_status", "fail"),
}


def bad(good):
    """The good data set with the planted defects of BAD_DEFECTS."""
    orders = [list(r) for r in good["orders"]]
    payments = [list(r) for r in good["payments"]]
    recent = [r for r in orders if r[7] >= (AS_OF - datetime.timedelta(days=20)).isoformat() and r[3] > 0 and r[4] and r[0] > 30]
    dup, orphan_order, big, lost = (recent[i] for i in (0, 3, 6, 9))
    clone = list(dup)
    clone[8] = "cancelled" if dup[8] != "cancelled" else "delivered"
    orders.append(clone)  # same order_id and updated_at, different content
    for p in payments:
        if p[1] == orphan_order[0]:
            p[1] = 99999  # every attempt of this order now points at an unknown order
    big[3], big[4], big[5], big[8] = 500, "300.00", "50.00", "delivered"  # profit 125000
    lost[8] = "lost"
    return {**good, "orders": orders, "payments": payments, "country_regions": None}


def main():
    rng = random.Random(SEED)
    good = {"country_regions": country_regions(), "fx_rates": fx_rates(rng)}
    good["customers"] = customers(rng)
    good["products"] = products(rng)
    first = batch1(rng, good["customers"], good["products"])
    good["orders"], good["payments"] = first.orders, first.payments
    extra_customer = [161, "Ada Kowalski", "ada.kowalski161@example.com", "NL", "home_office", "2025-06-01", "Utrecht", ts(AS_OF, 100)]
    second, changed = batch2(rng, good["customers"] + [extra_customer], good["products"], first)
    shutil.rmtree(OUT, ignore_errors=True)
    for table, rows in good.items():
        write("good", table, rows, "001")
    write("good_batch2", "orders", second.orders, "002")
    write("good_batch2", "payments", second.payments, "002")
    write("good_batch2", "customers", [extra_customer], "002")
    for table, rows in bad(good).items():
        if rows is not None:
            write("bad", table, rows, "001")
    counts = {t: len(r) for t, r in good.items()}
    print(f"gen_sample_data: good {counts}; batch2 orders {len(second.orders)} ({len(changed)} changed), "
          f"payments {len(second.payments)}; bad: {len(BAD_DEFECTS)} planted defects")


if __name__ == "__main__":
    main()
