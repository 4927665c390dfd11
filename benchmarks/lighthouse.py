"""Lighthouse (12.2.3, mobile preset) with Debian's Chromium on five public pages of the minutes' data.

Prints Accessibility, Best Practices and SEO (goal: 100 each) and the layout shift CLS (goal: <= 0.05).
Run from the repository root: .venv/bin/python benchmarks/lighthouse.py [--runs 1]
Needs Node (npx fetches lighthouse@12.2.3 on first use) and /usr/bin/chromium. The site runs under
gunicorn with DEBUG off on a throw-away SQLite database with the fixtures loaded.
"""

import argparse
import json
import os
import re
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIGHTHOUSE = "lighthouse@12.2.3"
CHROMIUM = "/usr/bin/chromium"
CATEGORIES = ("accessibility", "best-practices", "seo", "performance")
PAGES = {
    "home": "/",
    "trial list": "/forsoeg/",
    "trial": "/forsoeg/fleksibilitet-i-rehabiliteringsteams/",
    "search": "/soeg/?q=rehabiliteringsteamet",
}


def manage(environment, *arguments):
    subprocess.run(
        [sys.executable, "manage.py", *arguments], cwd=ROOT, env=environment, check=True, stdout=subprocess.DEVNULL
    )


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url):
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (loopback only)
        return response.read().decode()


def start_site(workdir):
    environment = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{workdir}/lighthouse.sqlite3",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "STATIC_ROOT": str(Path(workdir) / "static"),
        "LOG_LEVEL": "WARNING",
    }
    manage(environment, "migrate", "--noinput")
    manage(environment, "loaddata", *sorted(str(path) for path in (ROOT / "fixtures").glob("*.yaml")))
    manage(environment, "collectstatic", "--noinput")
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--config",
            "gunicorn.conf.py",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
        ],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base_url = f"http://127.0.0.1:{port}"
    for _ in range(150):
        try:
            fetch(base_url + "/")
            return server, base_url
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("gunicorn did not answer within 30 s")


def lighthouse(url):
    result = subprocess.run(
        [
            "npx",
            "--yes",
            LIGHTHOUSE,
            url,
            f"--chrome-path={CHROMIUM}",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
            f"--only-categories={','.join(CATEGORIES)}",
            "--output=json",
            "--output-path=stdout",
            "--quiet",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    if result.returncode != 0:
        raise SystemExit(f"lighthouse failed on {url}:\n{result.stderr[-2000:]}")
    report = json.loads(result.stdout)
    scores = {name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES}
    scores["cls"] = report["audits"]["cumulative-layout-shift"]["numericValue"]
    scores["failing"] = sorted(
        audit_id
        for category in ("accessibility", "best-practices", "seo")
        for ref in report["categories"][category]["auditRefs"]
        if ref["weight"] and (audit_id := ref["id"]) and report["audits"][audit_id]["score"] not in (None, 1)
    )
    return scores


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1, help="runs per page; the median is printed")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as workdir:
        server, base_url = start_site(workdir)
        try:
            meeting = re.search(r'href="(/moeder/[^"/]+/\d{4}-\d\d-\d\d/)"', fetch(base_url + "/moeder/"))
            pages = {**PAGES, **({"meeting": meeting.group(1)} if meeting else {})}
            print(f"Lighthouse {LIGHTHOUSE.split('@')[1]}, mobile preset, {CHROMIUM}, {args.runs} run(s) per page")
            print(f"{'page':<12} {'Access.':>7} {'BestPr.':>7} {'SEO':>5} {'Perf.':>5} {'CLS':>7}  failing audits")
            goals_met = True
            for name, path in pages.items():
                runs = [lighthouse(base_url + path) for _ in range(args.runs)]
                median = {key: statistics.median(run[key] for run in runs) for key in (*CATEGORIES, "cls")}
                failing = sorted(set().union(*(run["failing"] for run in runs)))
                goals_met &= all(median[key] == 100 for key in CATEGORIES[:3]) and median["cls"] <= 0.05
                print(
                    f"{name:<12} {median['accessibility']:>7.0f} {median['best-practices']:>7.0f} "
                    f"{median['seo']:>5.0f} {median['performance']:>5.0f} {median['cls']:>7.3f}  "
                    f"{', '.join(failing) or '-'}"
                )
            print("goals (100/100/100, CLS <= 0.05):", "met" if goals_met else "NOT met")
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
