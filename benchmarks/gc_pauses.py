"""Python's full garbage collections during public page requests, with and without frozen startup objects.

frikommune/wsgi.py freezes what the process built at start (gc.freeze()), so that a full collection
only looks at what requests create. This script measures what that does, in the same run. Each
block is a fresh process that loads the portal as a gunicorn worker does (run.configure_django
imports frikommune.wsgi) and then requests the public pages of benchmarks/run.py round after round;
in every other block the process first puts the startup objects back in the collector's sight
(gc.unfreeze(): the portal as it was). Per mode it prints the request times (median, p95, p99,
max) and the full collections' pauses. A block is long (hundreds of requests): a full collection
comes only once the objects that outlived younger collections reach a quarter of those already in
the oldest generation.

    DATABASE_URL=postgres://… .venv/bin/python benchmarks/gc_pauses.py [--rounds 10] [--blocks 2]

Without DATABASE_URL it runs on the local frikommune_bench database of benchmarks/run.py.
"""

import argparse
import gc
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import DEFAULT_DATABASE_URL, configure_django, discover_pages, percentile  # noqa: E402

MODES = {"collectable": "startup objects collectable (as before)", "frozen": "startup objects frozen (wsgi.py)"}


class FullCollections:
    """The duration of each generation-2 collection, from gc.callbacks."""

    def __init__(self):
        self.pauses_ms = []
        self._started = None
        gc.callbacks.append(self)

    def __call__(self, phase, info):
        if info["generation"] != 2:
            return
        if phase == "start":
            self._started = time.perf_counter()
        elif self._started is not None:
            self.pauses_ms.append((time.perf_counter() - self._started) * 1000)
            self._started = None


def block(mode, rounds):
    """One process's requests: {"times": [ms, ...], "pauses": [ms, ...], "pages": n} as JSON on stdout."""
    work = tempfile.TemporaryDirectory(prefix="frikommune-gc-")
    configure_django(os.environ.get("DATABASE_URL", DEFAULT_DATABASE_URL), Path(work.name) / "static")
    if mode == "collectable":
        gc.unfreeze()
    from django.core.management import call_command
    from django.test import Client

    call_command("collectstatic", interactive=False, verbosity=0)
    client = Client(HTTP_HOST="127.0.0.1")
    urls = [page.url for page in discover_pages() if page.url]
    for url in urls:  # warm-up: templates compiled, connections opened
        client.get(url)
    collections = FullCollections()
    times = []
    for _ in range(rounds):
        for url in urls:
            started = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (url, response.status_code)
    print(json.dumps({"times": times, "pauses": collections.pauses_ms, "pages": len(urls)}))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=10, help="rounds per block, each requesting every page once")
    parser.add_argument("--blocks", type=int, default=2, help="blocks (processes) per mode, the modes alternating")
    parser.add_argument("--block", choices=MODES, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.block:
        return block(args.block, args.rounds)

    times = {mode: [] for mode in MODES}
    pauses = {mode: [] for mode in MODES}
    pages = 0
    for _ in range(args.blocks):
        for mode in MODES:
            result = subprocess.run(
                [sys.executable, __file__, "--block", mode, "--rounds", str(args.rounds)],
                capture_output=True,
                text=True,
                check=True,
            )
            measured = json.loads(result.stdout.strip().splitlines()[-1])
            times[mode].extend(measured["times"])
            pauses[mode].extend(measured["pauses"])
            pages = measured["pages"]

    requests = pages * args.rounds * args.blocks
    print(f"{pages} pages, {requests} requests per mode in {args.blocks} processes; load {os.getloadavg()[0]:.2f}")
    print(f"{'request ms':<42}{'median':>8}{'p95':>8}{'p99':>8}{'max':>8}   full collections: count, median, max ms")
    for mode, label in MODES.items():
        values, paused = times[mode], pauses[mode]
        pause_text = f"{len(paused)}, {statistics.median(paused):.1f}, {max(paused):.1f}" if paused else "0"
        print(
            f"{label:<42}{statistics.median(values):>8.1f}{percentile(values, 95):>8.1f}"
            f"{percentile(values, 99):>8.1f}{max(values):>8.1f}   {pause_text}"
        )
    ratio = percentile(times["frozen"], 99) / percentile(times["collectable"], 99)
    print(f"p99 frozen ÷ collectable: {ratio:.2f}")


if __name__ == "__main__":
    main()
