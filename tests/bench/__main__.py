"""`python -m tests.bench` (`make bench`): every database and size, or the part the options ask for."""
import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import budgets, databases, load, report, servers, transfer
from .pages import LOAD_HEADERS, PAGE_KEYS, PAGES, check, headers_for, request, resolve, sign_in
from .upload import make_photo

SIZES, DATABASES = ("small", "large"), ("sqlite", "postgresql")


def _options(argv):
    parser = argparse.ArgumentParser(prog="python -m tests.bench", description=__doc__)
    parser.add_argument("--size", action="append", choices=SIZES, help="a size to run (again for both; default both)")
    parser.add_argument("--db", action="append", choices=DATABASES, help="a database to run (default both)")
    parser.add_argument("--pages", help=f"comma-separated pages to load (default all: {','.join(PAGE_KEYS)})")
    parser.add_argument("--duration", type=float, default=10, help="seconds of load per page (default 10)")
    parser.add_argument("--warmup", type=float, default=2, help="seconds of warm-up load per page (default 2)")
    parser.add_argument("--connections", type=int, default=32, help="wrk connections (default 32)")
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", 8600)),
                        help="the app's port; the hello app gets the next one (default 8600)")
    parser.add_argument("--redis-url", default=os.environ.get("BENCH_REDIS_URL"),
                        help="serve with this REDIS_URL (a database the benchmark may empty before each server)")
    parser.add_argument("--no-upload", action="store_true", help="skip the 12-megapixel upload timing")
    parser.add_argument("--workdir", type=Path, help="keep the databases and server logs in this folder "
                        "(default: a temporary folder, removed at the end)")
    parser.add_argument("--reuse", action="store_true", help="with --workdir: serve the data an earlier run "
                        "built there instead of building it again")
    options = parser.parse_args(argv)
    options.size = tuple(dict.fromkeys(options.size or SIZES))
    options.db = tuple(dict.fromkeys(options.db or DATABASES))
    chosen = options.pages.split(",") if options.pages else list(PAGE_KEYS)
    unknown = set(chosen) - set(PAGE_KEYS)
    if unknown:
        parser.error(f"unknown pages {sorted(unknown)}: choose from {','.join(PAGE_KEYS)}")
    options.pages = [page for page in PAGES if page.key in chosen]
    if options.reuse and not options.workdir:
        parser.error("--reuse needs --workdir (the folder an earlier run kept)")
    return options


def _flush(redis_url: str | None) -> None:
    if redis_url:
        import redis

        redis.Redis.from_url(redis_url).flushdb()


def _hello(options, env: dict, log: Path) -> dict:
    with servers.serving(servers.HELLO, options.port + 1, env, log) as master:
        load.run(f"http://127.0.0.1:{options.port + 1}/", LOAD_HEADERS, options.warmup, options.connections)
        request(options.port + 1, "GET", "/")  # answered once what the warm-up left queued is done
        with servers.MemorySampler(master) as memory:
            numbers = load.run(f"http://127.0.0.1:{options.port + 1}/", LOAD_HEADERS, options.duration,
                               options.connections)
        print(f"  hello: {numbers['rps']:.0f} req/s, p95 {numbers['p95_ms']:.1f} ms", flush=True)
        return {"load": numbers, "peak_mb": memory.peak_mb, "peak_pss_mb": memory.peak_pss_mb,
                "workers": servers.worker_count(master)}


def _page(options, port: int, master: int, page, path: str, cookies: dict) -> dict:
    """Bytes, a warm-up, then the measured load of one page with the server's memory sampled."""
    url, headers = f"http://127.0.0.1:{port}{path}", headers_for(page, cookies)
    sent = transfer.measure(port, page, path, cookies)
    load.run(url, headers, options.warmup, options.connections)
    check(port, page, path, cookies)  # answered once what the warm-up left queued is done
    with servers.MemorySampler(master) as memory:
        numbers = load.run(url, headers, options.duration, options.connections)
    check(port, page, path, cookies)  # still answering 200, still signed in
    print(f"  {page.key}: {numbers['rps']:.0f} req/s, p50 {numbers['p50_ms']:.1f} ms, "
          f"p95 {numbers['p95_ms']:.1f} ms, first visit {sent['first_bytes'] / 1024:.1f} KB", flush=True)
    return {"path": path, "role": page.role, "load": numbers, "peak_mb": memory.peak_mb,
            "peak_pss_mb": memory.peak_pss_mb, "transfer": sent}


def _app(options, env: dict, log: Path, build: dict) -> dict:
    rows, port = {}, options.port
    with servers.serving(servers.APP, port, env, log) as master:
        cookies = {role: sign_in(port, phone, build["password"]) for role, phone in build["accounts"].items()}
        paths = resolve(port, cookies)
        for page in options.pages:
            check(port, page, paths[page.key], cookies)
        for page in options.pages:
            try:
                rows[page.key] = _page(options, port, master, page, paths[page.key], cookies)
            except (OSError, RuntimeError) as error:  # a page too slow to answer: say so, go on
                rows[page.key] = {"path": paths[page.key], "role": page.role,
                                  "failed": f"{type(error).__name__}: {error}".strip()}
                print(f"  {page.key}: FAILED {rows[page.key]['failed']}", flush=True)
        workers = servers.worker_count(master)
    measured = [row for row in rows.values() if "failed" not in row]
    return {"pages": rows, "paths": paths, "workers": workers,
            "peak_mb": max((row["peak_mb"] for row in measured), default=0.0),
            "peak_pss_mb": max((row["peak_pss_mb"] for row in measured), default=0.0)}


def _in_process(options, env: dict, paths: dict, build: dict) -> dict:
    spec = {"accounts": build["accounts"], "password": build["password"], "rounds": 3, "requests": 20,
            "pages": [{"key": page.key, "path": paths[page.key], "role": page.role,
                       "headers": {**LOAD_HEADERS, **page.headers}} for page in options.pages]}
    done = subprocess.run([sys.executable, "-m", "tests.bench.inprocess"], cwd=servers.ROOT, env={**os.environ, **env},
                          input=json.dumps(spec), capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"in-process measuring failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _run(options, database, size: str, folder: Path) -> dict:
    database = databases.for_size(database, size)
    kept = folder / f"built-{database.name}-{size}.json"  # the keys it was built with, to serve it again
    if options.reuse and kept.exists():
        env, build = (json.loads(kept.read_text())[part] for part in ("env", "build"))
        build = {**build, "source": f"{build['source']}, kept from an earlier run", "seconds": 0}
        shutil.rmtree(Path(env["INSTANCE_PATH"]) / "page-cache", ignore_errors=True)
        print(f"  reusing the {size} data built before in {folder}", flush=True)
    else:
        env = databases.environment(database, size, folder, options.redis_url)
        build = databases.build(database, size, folder, env)
        print(f"  built in {build['seconds']:.0f} s", flush=True)
        if options.workdir:
            kept.write_text(json.dumps({"env": env, "build": build}, indent=1))
    log = folder / f"gunicorn-{database.name}-{size}.log"
    _flush(options.redis_url)
    before = _hello(options, servers.server_env(env), log)
    _flush(options.redis_url)
    served = _app(options, servers.server_env(env), log, build)
    after = _hello(options, servers.server_env(env), log)
    # The ceiling measured before and after the pages, so a machine getting busier shows as a spread.
    hello = {"before": before, "after": after, "rps": (before["load"]["rps"] + after["load"]["rps"]) / 2,
             "peak_mb": max(before["peak_mb"], after["peak_mb"]),
             "peak_pss_mb": max(before["peak_pss_mb"], after["peak_pss_mb"])}
    print("  counting queries and timing in-process", flush=True)
    measured = _in_process(options, env, served["paths"], build)
    for key, row in served["pages"].items():
        row.update(queries_first=measured["pages"][key]["queries_first"],
                   queries_again=measured["pages"][key]["queries_again"], inprocess_ms=measured["pages"][key]["ms"])
    return {"database": database.name, "size": size, "build": build, "hello": hello, "workers": served["workers"],
            "peak_mb": served["peak_mb"], "peak_pss_mb": served["peak_pss_mb"], "pages": served["pages"],
            "inprocess": {"bare_ms": measured["bare_ms"]}}


def _upload(folder: Path) -> dict:
    photo = folder / "phone-photo.jpg"
    make_photo(photo)
    done = subprocess.run([sys.executable, "-m", "tests.bench.upload", str(photo)], cwd=servers.ROOT,
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv=None) -> None:
    options = _options(argv)
    load.wrk_path()
    started = time.monotonic()
    results = {"started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "runs": [], "skipped": [],
               "settings": {"gunicorn": servers.settings_note(), "connections": options.connections,
                            "duration_s": options.duration, "warmup_s": options.warmup,
                            "redis_url": options.redis_url or "none (each worker keeps its own)",
                            "cpus": os.cpu_count(), "machine": platform.platform(), "python": platform.python_version(),
                            "budgets": {name: value for name, value in vars(budgets).items() if name.isupper()}}}
    with tempfile.TemporaryDirectory(prefix="yangquan-bench-") as tmp:
        folder = Path(tmp)
        if options.workdir:
            folder = options.workdir.resolve()
            folder.mkdir(parents=True, exist_ok=True)
        chosen = []
        for name in options.db:
            if name == "sqlite":
                chosen.append(databases.sqlite(folder))
                continue
            database, why = databases.postgresql()
            if database is None:
                results["skipped"].append(f"{why}: PostgreSQL not measured")
                print(f"SKIPPING PostgreSQL: {why}", flush=True)
            else:
                chosen.append(database)
        plan = [(database, size) for size in options.size for database in chosen]
        for number, (database, size) in enumerate(plan, 1):
            print(f"[{number}/{len(plan)}] {database.name}, {size} ({time.monotonic() - started:.0f} s so far)",
                  flush=True)
            try:
                results["runs"].append(_run(options, database, size, folder))
            except (OSError, RuntimeError, subprocess.CalledProcessError) as error:
                results["skipped"].append(f"{database.name} {size}: {error}")
                print(f"  FAILED: {error}", flush=True)
        if not options.workdir:  # the SQLite files go with the temporary folder
            for database, size in plan:
                databases.drop(databases.for_size(database, size))
        if not options.no_upload:
            print("[upload] a 12-megapixel phone photo", flush=True)
            results["upload"] = _upload(folder)
    results["seconds"] = round(time.monotonic() - started)
    report.derive(results)
    report.print_table(results)
    print(f"\nwritten: {report.write(results).relative_to(servers.ROOT)} ({results['seconds']} s in all)")


if __name__ == "__main__":
    main()
