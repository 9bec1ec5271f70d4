"""Load one URL with wrk and read back requests per second and latency percentiles."""
import json
import os
import shutil
import subprocess
from pathlib import Path

SCRIPT = Path(__file__).with_name("report.lua")
WRK = "wrk"


def wrk_path() -> str:
    """wrk's path; when it is missing, install Debian's package as root, else say how."""
    found = shutil.which(WRK)
    if found:
        return found
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print("Installing Debian's wrk for the load benchmark...", flush=True)
        subprocess.run(["apt-get", "update", "-qq"], check=True)
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True,
                       env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})
        found = shutil.which(WRK)
    if not found:
        raise SystemExit("The load benchmark needs wrk: run 'sudo apt-get install -y wrk' and try again.")
    return found


def run(url: str, headers: dict[str, str], seconds: float, connections: int, threads: int = 2) -> dict:
    """One wrk run; the numbers in milliseconds and requests per second."""
    command = [wrk_path(), f"-t{min(threads, connections)}", f"-c{connections}", f"-d{max(1, round(seconds))}s",
               "--timeout", "10s", "-s", str(SCRIPT)]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    done = subprocess.run([*command, url], capture_output=True, text=True, timeout=seconds + 60)
    line = next((line for line in done.stdout.splitlines() if line.startswith("BENCH_JSON ")), None)
    if done.returncode != 0 or line is None:
        raise RuntimeError(f"wrk failed on {url}: {done.stderr.strip() or done.stdout.strip()}")
    raw = json.loads(line.removeprefix("BENCH_JSON "))
    seconds_run = raw["duration_us"] / 1e6
    return {
        "requests": raw["requests"],
        "rps": raw["requests"] / seconds_run if seconds_run else 0.0,
        "p50_ms": raw["p50_us"] / 1000, "p95_ms": raw["p95_us"] / 1000, "p99_ms": raw["p99_us"] / 1000,
        "mean_ms": raw["mean_us"] / 1000, "max_ms": raw["max_us"] / 1000,
        "errors": raw["errors"], "bytes": raw["bytes"],
    }
