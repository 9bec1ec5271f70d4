"""The printed table (budgets beside the numbers, ok or MISS) and the JSON under bench/results/."""
import json
from datetime import datetime, timezone
from pathlib import Path

from . import budgets
from .pages import PAGES
from .servers import ROOT

RESULTS = ROOT / "bench" / "results"
_BY_KEY = {page.key: page for page in PAGES}
COLUMNS = (("page", 18), ("req/s", 7), ("x hello", 18), ("p50 ms", 8), ("p95 ms", 18), ("p99 ms", 8),
           ("large/small p95", 17), ("queries", 21), ("first visit", 22), ("repeat visit", 25), ("RSS MB", 8),
           ("in-proc ms", 12))


LEGEND = """
req/s, p50/p95/p99: wrk at the connections given, after a warm-up. x hello: req/s over the hello's (the mean of
before and after the pages, in the same run).
queries: SQL statements of one request of the page, in-process on the same database: the first / the same again.
first visit: the HTML and all it loads, as the server sends it to Accept-Encoding: gzip ("plain": not compressed).
repeat visit: the HTML (asked with If-None-Match when it has an ETag: "304") and what the browser could not keep.
RSS MB: the server's master and workers summed, peak while that page was loaded.
in-proc ms: the test client, best of 3 rounds, and how many times the bare Flask app's."""


def _cell(value: str, verdict=None) -> str:
    text = budgets.mark(verdict)
    return f"{value} {text}" if text else value


def _kb(value: int) -> str:
    return f"{value / 1024:.1f}K"


def derive(results: dict) -> None:
    """Add what needs two runs or one run's parts together: shares, ratios, verdicts, misses."""
    runs = {(run["database"], run["size"]): run for run in results["runs"]}
    misses = []
    for run in results["runs"]:
        small = runs.get((run["database"], "small")) if run["size"] == "large" else None
        for key, row in run["pages"].items():
            page = _BY_KEY[key]
            if "failed" in row:
                misses.append(f"{run['database']} {run['size']} {key}: not measured ({row['failed']})")
                continue
            row["share_of_hello"] = row["load"]["rps"] / (run["hello"]["rps"] or float("nan"))
            verdicts = {"share_of_hello": budgets.share(page, row["share_of_hello"]),
                        "p95": budgets.p95(page, run["database"], run["size"], row["load"]["p95_ms"]),
                        "first_visit": budgets.first_visit(page, row["transfer"]["first_bytes"]),
                        "repeat_visit": budgets.repeat_visit(row["transfer"]["refetched"])}
            if small and small["pages"].get(key, {}).get("load", {}).get("requests"):
                before = small["pages"][key]
                row["large_small_p95"] = row["load"]["p95_ms"] / before["load"]["p95_ms"]
                verdicts["large_small_p95"] = budgets.large_small(row["large_small_p95"])
                verdicts["queries"] = budgets.queries_grow(before["queries_first"], row["queries_first"])
            row["budgets"] = {name: {"budget": v[0], "kept": v[1]} for name, v in verdicts.items() if v}
            for name, v in verdicts.items():
                if v and not v[1]:
                    misses.append(f"{run['database']} {run['size']} {key}: {name} {_value(row, name)} (budget {v[0]})")
    if results.get("upload"):
        up = results["upload"]
        for (budget, kept), name, value in zip(budgets.upload(up["seconds_median"], up["peak_increase_mb"]),
                                               ("seconds", "peak MB"),
                                               (f"{up['seconds_median']:.2f}", f"{up['peak_increase_mb']:.0f}")):
            up.setdefault("budgets", {})[name] = {"budget": budget, "kept": kept}
            if not kept:
                misses.append(f"upload: {name} {value} (budget {budget})")
    results["misses"] = misses


def _value(row: dict, name: str) -> str:
    return {"share_of_hello": lambda: f"{row['share_of_hello']:.2f}", "p95": lambda: f"{row['load']['p95_ms']:.0f} ms",
            "first_visit": lambda: _kb(row["transfer"]["first_bytes"]),
            "repeat_visit": lambda: "asks again for " + ", ".join(
                each["url"] for each in row["transfer"]["assets"] if not each["kept"]),
            "large_small_p95": lambda: f"{row.get('large_small_p95', 0):.2f}",
            "queries": lambda: f"{row['queries_first']} statements"}[name]()


def print_table(results: dict) -> None:
    for run in results["runs"]:
        hello = run["hello"]
        print(f"\n== {run['database']} · {run['size']} · {run['workers']} workers ({results['settings']['gunicorn']})"
              f" · hello {hello['rps']:.0f} req/s (before the pages {hello['before']['load']['rps']:.0f},"
              f" after {hello['after']['load']['rps']:.0f}), p50 {hello['before']['load']['p50_ms']:.1f} ms\n  "
              f" · peak memory (RSS summed / PSS summed): app {run['peak_mb']:.0f} / {run['peak_pss_mb']:.0f} MB,"
              f" hello {hello['peak_mb']:.0f} / {hello['peak_pss_mb']:.0f} MB"
              f" · data: {run['build']['source']} in {run['build']['seconds']:.0f} s"
              f" · in-process bare Flask {run['inprocess']['bare_ms']:.3f} ms")
        print("".join(f"{name:<{width}}" for name, width in COLUMNS))
        for key, row in run["pages"].items():
            if "failed" in row:
                known = (f" (queries {row['queries_first']}/{row['queries_again']}, in-process"
                         f" {row['inprocess_ms']:.0f} ms)") if "queries_first" in row else ""
                print(f"{key:<18}not measured: {row['failed']}{known}")
                continue
            verdicts = {name: (v["budget"], v["kept"]) for name, v in row["budgets"].items()}
            load, sent = row["load"], row["transfer"]
            ratio = f"{row['large_small_p95']:.2f}" if "large_small_p95" in row else "-"
            encoding = "" if sent["html_encoding"] != "none" else " plain"
            cells = (key, f"{load['rps']:.0f}", _cell(f"{row['share_of_hello']:.2f}", verdicts.get("share_of_hello")),
                     f"{load['p50_ms']:.1f}", _cell(f"{load['p95_ms']:.1f}", verdicts.get("p95")),
                     f"{load['p99_ms']:.1f}",
                     _cell(ratio, verdicts.get("large_small_p95")),
                     _cell(f"{row['queries_first']}/{row['queries_again']}", verdicts.get("queries")),
                     _cell(_kb(sent["first_bytes"]) + encoding, verdicts.get("first_visit")),
                     _cell(_kb(sent["repeat_bytes"]) + (" 304" if sent.get("html_repeat_status") == 304 else ""),
                           verdicts.get("repeat_visit")), f"{row['peak_mb']:.0f}",
                     f"{row['inprocess_ms']:.2f} ({row['inprocess_ms'] / run['inprocess']['bare_ms']:.0f}x)")
            print("".join(f"{cell:<{width}}" for cell, (_name, width) in zip(cells, COLUMNS)))
            errors = {name: count for name, count in load["errors"].items() if count}
            if errors or not load["requests"]:
                print(f"{'':18}wrk: {load['requests']} requests answered, errors {errors}")
    print(LEGEND)
    for note in results["skipped"]:
        print(f"SKIPPED: {note}")
    up = results.get("upload")
    if up:
        verdicts = up["budgets"]
        median = _cell(f"{up['seconds_median']:.2f} s", _pair(verdicts["seconds"]))
        peak = _cell(f"{up['peak_increase_mb']:.0f} MB", _pair(verdicts["peak MB"]))
        runs = ", ".join(f"{seconds:.2f}" for seconds in up["seconds"])
        print(f"\nupload of a 12-megapixel photo ({up['file_bytes'] / 1e6:.1f} MB JPEG, 4000x3000, EXIF orientation 6)"
              f" -> {up['stored'][0]}x{up['stored'][1]} stored: {runs} s (median {median}), peak memory +{peak}"
              f" over {up['rss_before_mb']:.0f} MB (process peak {up['peak_rss_mb']:.0f} MB)")
    print(f"\n{len(results['misses'])} budget(s) missed" + (":" if results["misses"] else "."))
    for miss in results["misses"]:
        print(f"  {miss}")


def _pair(verdict: dict):
    return verdict["budget"], verdict["kept"]


def write(results: dict) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    path = RESULTS / f"{stamp}.json"
    path.write_text(json.dumps(results, indent=2, ensure_ascii=False))
    return path
