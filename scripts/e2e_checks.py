"""The two scenarios of scripts/e2e.py: good data (two incremental runs, gold numbers, all tests
pass) and bad data (exactly the planted defects fail)."""
import gen_sample_data
from e2e_runner import deploy, normal, rows_by_key, run_tests, stage_files

DB = "shopverse_analytics"
STG_ORDERS = f"{DB}.ci_analytics_silver.stg_orders"
CUSTOMER_PROFIT = f"{DB}.ci_analytics_gold.customer_profit"
PAYMENT_RATE = f"{DB}.ci_analytics_gold.payment_success_rate"
ORDER_COLUMNS = ["customer_id", "order_date", "profit", "currency", "status", "quantity"]
PROFIT_COLUMNS = ["customer_name", "region", "segment", "total_orders", "total_profit", "last_order_date"]


def expected_rows(values, columns):
    return {k: tuple(normal(v[c]) for c in columns) for k, v in values.items()}


def compare_table(report, label, actual, expected):
    """Every key present with the same values, no extra key; prints the first differences."""
    missing = sorted(set(expected) - set(actual))
    extra = sorted(set(actual) - set(expected))
    differ = sorted(k for k in set(actual) & set(expected) if actual[k] != expected[k])
    for k in differ[:3]:
        print(f"      {label} key {k}: got {actual[k]}, expected {expected[k]}")
    report.check(not missing and not extra and not differ,
                 f"{label}: {len(actual)} rows match the independent computation"
                 f" (missing {missing[:5]}, extra {extra[:5]}, differing {differ[:5]})")


def merge_effect(before, after):
    """Keys a MERGE inserted and keys whose row it changed."""
    inserted = set(after) - set(before)
    updated = {k for k in set(before) & set(after) if before[k] != after[k]}
    return inserted, updated


def good(session, repo, stage, out, expected):
    report = session.report
    data = repo / "data/sample"
    first, both = [data / "good"], [data / "good", data / "good_batch2"]
    stage_files(data / "good", stage)
    deploy(session, out)

    orders_1 = rows_by_key(session, STG_ORDERS, "order_id", ORDER_COLUMNS)
    profit_1 = rows_by_key(session, CUSTOMER_PROFIT, "customer_id", PROFIT_COLUMNS)
    compare_table(report, "run 1 stg_orders", orders_1, expected_rows(expected.stg_orders(first), ORDER_COLUMNS))
    compare_table(report, "run 1 customer_profit", profit_1, expected_rows(expected.customer_profit(first), PROFIT_COLUMNS))

    print("-- second load (data/sample/good_batch2/) and incremental run")
    # Only the new files are staged (as after archiving loaded files): fakesnow forgets a table's
    # load history on CREATE TABLE IF NOT EXISTS, so it would load the first files again.
    stage_files(data / "good_batch2", stage, replace=True)
    deploy(session, out)
    for table, folder in (("orders", both), ("customers", both), ("payments", both)):
        rows = session.query(f"SELECT COUNT(*) FROM {DB}.ci_analytics_bronze.bronze_{table}")[0][0]
        want = len(expected.read(folder, table))
        report.check(rows == want, f"bronze_{table} holds each file once after two loads: {want} rows (got {rows})")

    orders_2 = rows_by_key(session, STG_ORDERS, "order_id", ORDER_COLUMNS)
    profit_2 = rows_by_key(session, CUSTOMER_PROFIT, "customer_id", PROFIT_COLUMNS)
    want_orders_1 = expected_rows(expected.stg_orders(first), ORDER_COLUMNS)
    want_orders_2 = expected_rows(expected.stg_orders(both), ORDER_COLUMNS)
    want_profit_1 = expected_rows(expected.customer_profit(first), PROFIT_COLUMNS)
    want_profit_2 = expected_rows(expected.customer_profit(both), PROFIT_COLUMNS)
    for label, got_before, got_after, want_before, want_after in (
        ("stg_orders", orders_1, orders_2, want_orders_1, want_orders_2),
        ("customer_profit", profit_1, profit_2, want_profit_1, want_profit_2),
    ):
        got_ins, got_upd = merge_effect(got_before, got_after)
        want_ins, want_upd = merge_effect(want_before, want_after)
        report.check(got_ins == want_ins, f"run 2 MERGE into {label} inserted exactly {len(want_ins)} keys {sorted(want_ins)[:8]}..."
                     f" (got {len(got_ins)}, diff {sorted(got_ins ^ want_ins)[:5]})")
        report.check(got_upd == want_upd, f"run 2 MERGE into {label} updated exactly {len(want_upd)} keys {sorted(want_upd)[:8]}..."
                     f" (got {len(got_upd)}, diff {sorted(got_upd ^ want_upd)[:5]})")
        report.check(len(want_ins) > 0 and len(want_upd) > 0, f"run 2 of {label} has both inserts and updates to check")
    compare_table(report, "run 2 stg_orders", orders_2, want_orders_2)
    compare_table(report, "gold customer_profit", profit_2, want_profit_2)

    rates = {r[0]: (normal(r[1]), normal(r[2]), normal(r[3])) for r in session.query(
        f"SELECT payment_method, success_rate, total_volume, total_payments FROM {PAYMENT_RATE}")}
    want_rates = {m: (normal(v["success_rate"]), normal(v["total_volume"]), normal(v["total_payments"]))
                  for m, v in expected.payment_success_rate(both).items()}
    compare_table(report, "gold payment_success_rate", rates, want_rates)

    # Column descriptions of the specs land as column comments of the incremental and table
    # models (the texts below are copied from specs/models/silver/stg_orders.yml and
    # specs/models/gold/payment_success_rate.yml).
    comments = dict(((r[0].lower(), r[1].lower()), r[2]) for r in session.query(
        f"SELECT table_name, column_name, comment FROM {DB}.information_schema.columns"
        " WHERE table_name IN ('STG_ORDERS', 'PAYMENT_SUCCESS_RATE')"))
    for key, text in ((("stg_orders", "updated_at"), "When this version of the order was written; the incremental high-water mark."),
                      (("payment_success_rate", "success_rate"), "Successful attempts / all attempts, between 0 and 1.")):
        report.check(comments.get(key) == text, f"column comment of {'.'.join(key)} is its description (got {comments.get(key)!r})")

    raised, results = run_tests(session)
    report.check(raised is None, f"good data: run_tests.sql succeeds (raised: {raised})")
    not_passed = {t: s for t, s in results.items() if s[0] != "pass"}
    report.check(len(results) > 0 and not not_passed, f"good data: all {len(results)} data tests pass (not passing: {not_passed})")


def bad(session, repo, stage, out, expected):
    report = session.report
    stage_files(repo / "data/sample/bad", stage)
    deploy(session, out)
    raised, results = run_tests(session)
    planted = {test: status for test, status in gen_sample_data.BAD_DEFECTS.values()}
    for defect, (test, status) in gen_sample_data.BAD_DEFECTS.items():
        got = results.get(test)
        report.check(got is not None and got[0] == status, f"bad data: {defect} → {test} is {status} (got {got})")
    others = {t: s for t, s in results.items() if t not in planted and s[0] != "pass"}
    report.check(not others, f"bad data: the other {len(results) - len(planted)} tests pass (not passing: {others})")
    failed = sorted(t for t, s in planted.items() if s == "fail" and results.get(t, ("", "error"))[1] == "error")
    message = f"shopc: {len(failed)} error-severity test(s) failed: " + ", ".join(failed)
    report.check(raised is not None and message in raised, f"bad data: the runner raises '{message}' (raised: {raised})")
