"""gunicorn servers for the benchmark: the app with `make serve`'s config and the bare hello beside
it under the same settings; and the memory of a server (master and workers) sampled from /proc."""
import http.client
import os
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / "gunicorn.conf.py"
GUNICORN = Path(sys.executable).with_name("gunicorn")
APP, HELLO = "wsgi:app", "tests.bench.hello:app"
FALLBACK_WORKERS = 2  # what the issue measured with before the repo had a gunicorn config


def settings_args() -> list[str]:
    """`make serve`'s settings: its config file, or explicit arguments while there is none."""
    if CONFIG.exists():
        return ["-c", str(CONFIG)]
    return ["--workers", str(FALLBACK_WORKERS), "--worker-class", "sync", "--timeout", "30"]


def settings_note() -> str:
    return f"-c {CONFIG.name}" if CONFIG.exists() else f"no {CONFIG.name}: --workers {FALLBACK_WORKERS} sync"


def _answers(port: int) -> bool:
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        conn.request("GET", "/")
        conn.getresponse().read()
        conn.close()
        return True
    except OSError:
        return False


@contextmanager
def serving(app: str, port: int, env: dict, log: Path, wait: float = 60):
    """Run gunicorn serving `app` on 127.0.0.1:port until the block ends; yield its master pid."""
    command = [str(GUNICORN), *settings_args(), "--bind", f"127.0.0.1:{port}", app]
    with open(log, "ab") as out:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + wait
        while not _answers(port):
            if process.poll() is not None or time.monotonic() > deadline:
                tail = log.read_text(errors="replace").splitlines()[-30:]
                raise RuntimeError(f"gunicorn {app} did not start on port {port}:\n" + "\n".join(tail))
            time.sleep(0.2)
        yield process.pid
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _children(pid: int) -> list[int]:
    try:
        return [int(each) for each in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except (OSError, ValueError):
        return []


def _rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _pss_kb(pid: int) -> int:
    """The process's proportional share: pages shared after a preloading fork counted once in all."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_memory_mb(master: int) -> tuple[float, float]:
    """The resident memory (RSS) of the master and all its workers summed, and their PSS summed, in MB."""
    pids = [master, *_children(master)]
    return sum(_rss_kb(pid) for pid in pids) / 1024, sum(_pss_kb(pid) for pid in pids) / 1024


class MemorySampler:
    """Samples a server's memory every `interval` seconds in a `with` block; keeps the peaks."""

    def __init__(self, master: int, interval: float = 0.25):
        self.master, self.interval, self.peak_mb, self.peak_pss_mb = master, interval, 0.0, 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self):
        rss, pss = tree_memory_mb(self.master)
        self.peak_mb, self.peak_pss_mb = max(self.peak_mb, rss), max(self.peak_pss_mb, pss)

    def _run(self):
        while not self._stop.is_set():
            self._sample()
            self._stop.wait(self.interval)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *_exc):
        self._stop.set()
        self._thread.join()
        self._sample()


def worker_count(master: int) -> int:
    return len(_children(master))


def server_env(base: dict) -> dict:
    """The server's environment: the benchmark's settings over this process's own."""
    return {**os.environ, **base}
