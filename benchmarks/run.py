"""The public pages' speed on national-size data: SQL queries and time per page, and throughput through gunicorn.

Run from the repository root (or `make bench`):

    .venv/bin/python benchmarks/run.py --generate      # fill the database first (about 30 s), then measure
    .venv/bin/python benchmarks/run.py                 # measure the data already there
    .venv/bin/python benchmarks/run.py --generate --quick --pages soeg,moeder --json /tmp/bench.jsonl
    .venv/bin/python benchmarks/run.py --api --no-http  # the JSON API's endpoints instead of the pages

For each page it measures, with DEBUG off and every cache off (benchmarks/uncached_settings.py):
- in-process, through Django's test Client: the SQL queries of one request, and the median and 95th
  percentile of --runs requests (fewer for a slow page: --budget seconds per page, at most --timeout
  seconds per request, after which PostgreSQL cancels the query and the page reads ">timeout").
  The test Client keeps one database connection, where gunicorn opens one per request;
- through gunicorn (2 workers, on a free 127.0.0.1 port, started and stopped here) with wrk for
  --duration seconds: the page's requests per second, divided by those of a static file served by the
  same gunicorn (whitenoise) just before, so the ratio says how far the page is from the server's ceiling.
A "cached" column is measured only when the settings have a page cache (a cache middleware).

The database is --database-url, else BENCH_DATABASE_URL, else the local PostgreSQL frikommune_bench.
Needs wrk for the throughput (`sudo apt-get install -y wrk`); --no-http measures in-process only.
"""

import argparse
import json
import math
import os
import platform
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HERE = Path(__file__).resolve().parent
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/frikommune_bench"
WORKERS = 2
STATIC_FILE = "css/portal.css"
# Typical words of the minutes, from a rare case word to the commonest one.
SEARCH_WORDS = ["rehabiliteringsteams", "ledighedsydelse", "mentor", "jobafklaringsforløb", "forsøg"]
# Counts for --generate --quick: a small country, generated in a few seconds.
QUICK_COUNTS = {
    "municipalities": 20,
    "networks": 4,
    "trials": 100,
    "committees": 20,
    "meetings": 200,
    "agenda_items": 2_000,
    "decisions": 400,
    "documents": 100,
}
WRK_REPORT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK {"requests": %d, "duration_us": %d, "bytes": %d, "connect": %d, "read": %d, "write": %d, '
    .. '"status": %d, "timeout": %d, "p50_us": %d, "p99_us": %d, "max_us": %d}\\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(99), latency.max))
end
"""


STARTED = time.monotonic()


def progress(message):
    print(f"# {time.monotonic() - STARTED:6.1f} s  {message}", file=sys.stderr, flush=True)


def percentile(values, p):
    """The nearest-rank percentile: the smallest value with at least p % of the values at or below it."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


@dataclass
class Page:
    label: str
    url: str | None  # None: the URL name is missing, or the data has no such object
    note: str = ""


@dataclass
class InProcess:
    status: int | None = None
    queries: int | None = None
    runs: int = 0
    median_ms: float | None = None
    p95_ms: float | None = None
    failure: str = ""  # "timeout", or the exception or status that stopped the page


@dataclass
class Throughput:
    requests_per_s: float | None = None  # successful (2xx/3xx) responses per second
    requests: int = 0
    errors: int = 0  # non-2xx/3xx responses, socket errors and timeouts
    p50_ms: float | None = None
    p99_ms: float | None = None
    static_requests_per_s: float | None = None
    failure: str = ""

    @property
    def ratio(self):
        if self.requests_per_s is None or not self.static_requests_per_s:
            return None
        return self.requests_per_s / self.static_requests_per_s


@dataclass
class Result:
    page: Page
    in_process: InProcess = field(default_factory=InProcess)
    uncached: Throughput | None = None
    cached: Throughput | None = None


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL),
        help="default: BENCH_DATABASE_URL, else %(default)s",
    )
    parser.add_argument(
        "--generate",
        action="store_true",
        help="first migrate, load the fixtures and run generate_national_data (replaces earlier synthetic data)",
    )
    parser.add_argument("--quick", action="store_true", help="with --generate: a small country, not the whole one")
    parser.add_argument("--runs", type=int, default=20, help="timed requests per page in-process (default %(default)s)")
    parser.add_argument(
        "--budget", type=float, default=20, help="seconds of in-process requests per page at most (default %(default)s)"
    )
    parser.add_argument(
        "--timeout", type=float, default=30, help="seconds per request before it counts as failed (default %(default)s)"
    )
    parser.add_argument("--duration", type=int, default=5, help="seconds of wrk per page (default %(default)s)")
    parser.add_argument("--connections", type=int, default=16, help="wrk's open connections (default %(default)s)")
    parser.add_argument("--pages", help="only the pages whose label or URL contains one of these comma-separated words")
    parser.add_argument("--no-http", action="store_true", help="skip gunicorn and wrk: in-process numbers only")
    parser.add_argument("--api", action="store_true", help="measure the JSON API's endpoints instead of the pages")
    parser.add_argument(
        "--today",
        default="data",
        help="the date the pages take as today (YYYY-MM-DD), so that calendars have upcoming meetings; "
        "'data': 90 days before the newest published meeting (default), 'real': the real date",
    )
    parser.add_argument("--json", metavar="PATH", help="write a JSON line per page to PATH ('-': standard output)")
    parser.add_argument(
        "--cached-only",
        action="store_true",
        help="only the page cache's throughput against the static file (cached_main); fixture data will do",
    )
    return parser.parse_args(argv)


def configure_django(database_url, static_root):
    """Production mode (DEBUG off) on the given database, as far as a loopback run can be."""
    environment = {
        "DATABASE_URL": database_url,
        "DEBUG": "0",
        # URL-safe: Django's own key alphabet has characters ('%', '$', '(' ...) that a shell or a URL mangles.
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        # No HTTPS on loopback: without this every request is a redirect to https://.
        "SECURE_SSL_REDIRECT": "0",
        "STATIC_ROOT": str(static_root),
        "DJANGO_SETTINGS_MODULE": "uncached_settings",
        "PYTHONPATH": os.pathsep.join([str(HERE), str(ROOT), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep),
        "LOG_LEVEL": "WARNING",
    }
    os.environ.update(environment)
    sys.path[:0] = [str(ROOT), str(HERE)]
    import django

    django.setup()
    import logging

    # The process as a gunicorn worker has it: every view loaded and the startup objects frozen
    # out of the garbage collector's full collections (frikommune/wsgi.py).
    import frikommune.wsgi  # noqa: F401

    # A page that fails is reported in the table; its traceback would drown it.
    logging.getLogger("django.request").setLevel(logging.CRITICAL)
    return environment


def generate(quick):
    from django.core.management import call_command

    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    call_command("loaddata", *sorted(str(path) for path in (ROOT / "fixtures").glob("*.yaml")), verbosity=0)
    call_command("generate_national_data", seed=0, **(QUICK_COUNTS if quick else {}), stdout=sys.stderr)
    progress(f"generated in {time.perf_counter() - started:.1f} s")


def limit_statements(seconds):
    """PostgreSQL cancels any statement after `seconds`, so one slow query cannot hang the in-process run."""
    from django.db import connection
    from django.db.backends.signals import connection_created

    if connection.vendor != "postgresql":
        return

    def set_timeout(sender, connection, **kwargs):
        with connection.cursor() as cursor:
            # set_config(), not SET: a utility statement takes no server-side parameter (prepared statements).
            cursor.execute("SELECT set_config('statement_timeout', %s, false)", [f"{int(seconds * 1000)}ms"])

    connection_created.connect(set_timeout, weak=False)


def model(*labels):
    """The first of these models that exists (apps move models between them)."""
    from django.apps import apps

    for label in labels:
        try:
            return apps.get_model(label)
        except LookupError:
            continue
    return None


def describe_machine(args):
    import django
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
            database = f"PostgreSQL {cursor.fetchone()[0]}"
        else:
            database = f"{connection.vendor} {connection.Database.sqlite_version}"
    cpu_lines = [line for line in _read("/proc/cpuinfo").splitlines() if line.startswith("model name")]
    cpu = cpu_lines[0].split(":", 1)[1].strip() if cpu_lines else platform.processor() or "unknown"
    counts = {}
    for name, labels in {
        "municipalities": ["trials.Municipality"],
        "trials": ["trials.Trial"],
        "participations": ["trials.Participation"],
        "committees": ["meetings.Committee"],
        "meetings": ["meetings.Meeting"],
        "agenda_items": ["meetings.AgendaItem"],
        "decisions": ["meetings.CommitteeDecision"],
        "documents": ["meetings.Document"],
        "news_items": ["news.NewsItem", "trials.NewsItem"],
    }.items():
        found = model(*labels)
        counts[name] = found.objects.count() if found else None
    settings_dict = connection.settings_dict
    return {
        "python": platform.python_version(),
        "django": django.get_version(),
        "database": database,
        "database_name": f"{settings_dict['HOST'] or 'local'}/{settings_dict['NAME']}",
        "machine": f"{platform.system()} {platform.release()} {platform.machine()}",
        "cpu": cpu,
        "cpus": os.cpu_count(),
        "load_average": _load_average(),
        "wrk": _wrk_version(),
        "counts": counts,
        "runs": args.runs,
        "duration_s": args.duration,
        "connections": args.connections,
        "workers": WORKERS,
    }


def _read(path):
    try:
        return Path(path).read_text()
    except OSError:
        return ""


def _load_average():
    try:
        return [round(value, 2) for value in os.getloadavg()]
    except OSError:
        return None


def _wrk_version():
    if not shutil.which("wrk"):
        return None
    result = subprocess.run(["wrk", "--version"], capture_output=True, text=True, timeout=10)
    return (result.stdout + result.stderr).split("[")[0].strip() or "wrk"


def reverse_first(names, kwargs=None):
    """The URL of the first of these names that exists; None if none does."""
    from django.urls import NoReverseMatch, reverse

    for name in names:
        try:
            return reverse(name, kwargs=kwargs)
        except NoReverseMatch:
            continue
    return None


def discover_pages():
    """The public pages, each found by its URL name and the heaviest example in the data."""
    from django.db.models import Count

    from meetings.models import Committee, Meeting
    from trials.models import ApplicationRound, Municipality, Network, Trial

    def page(label, names, kwargs=None, missing_note="URL name missing"):
        url = reverse_first(names, kwargs)
        return Page(label, url, "" if url else missing_note)

    def heaviest(label, queryset, relation, names, kwargs_of):
        found = queryset.annotate(bench_count=Count(relation)).order_by("-bench_count", "pk").first()
        if found is None:
            return Page(label, None, "no such object in the data")
        result = page(label, names, kwargs_of(found))
        result.note = f"{found.bench_count} {relation.split('__')[0]}" if result.url else result.note
        return result

    pages = [
        page("home", ["home"]),
        page("trial list", ["trials:trial_list"]),
        heaviest(
            "trial (most participations)",
            Trial.objects.public(),
            "participations",
            ["trials:trial_detail"],
            lambda trial: {"slug": trial.slug},
        ),
        heaviest(
            "municipality (most participations)",
            Municipality.objects.all(),
            "participations",
            ["trials:municipality_detail"],
            lambda municipality: {"slug": municipality.slug},
        ),
        page("municipality list", ["trials:municipality_list"]),
        page("round list", ["trials:round_list"]),
        heaviest(
            "round (most trials)",
            ApplicationRound.objects.select_related("network"),
            "trials",
            ["trials:round_detail"],
            lambda application_round: {"network": application_round.network.slug, "number": application_round.number},
        ),
        page("network list", ["trials:network_list"]),
        heaviest(
            "network (most members)",
            Network.objects.all(),
            "memberships",
            ["trials:network_detail"],
            lambda network: {"slug": network.slug},
        ),
        page("meeting list", ["meetings:meeting_list"]),
        heaviest(
            "committee (most meetings)",
            Committee.objects.all(),
            "meetings",
            ["meetings:committee_detail"],
            lambda committee: {"committee": committee.slug},
        ),
        heaviest(
            "meeting (most items)",
            Meeting.objects.public().select_related("committee"),
            "agenda_items",
            ["meetings:meeting_detail"],
            lambda meeting: {"committee": meeting.committee.slug, "date": meeting.date},
        ),
    ]
    trial_list = reverse_first(["trials:trial_list"])
    if trial_list:
        pages.append(Page("trial list (all networks)", f"{trial_list}?netvaerk=alle"))
    search = reverse_first(["search:search", "search"])
    for word in SEARCH_WORDS:
        url = f"{search}?{urllib.parse.urlencode({'q': word})}" if search else None
        pages.append(Page(f"search: {word}", url, "" if url else "URL name missing"))
    pages += [
        page("knowledge sharing", ["news:list", "news:news_list", "news_list"]),
        page("feed: decisions", ["decision_feed", "meetings:decision_feed", "feeds:decisions"]),
        page("feed: news", ["news_feed", "news:feed", "feeds:news"]),
        page("calendar (ics)", ["meetings:calendar"]),
        page("sitemap.xml", ["sitemap"]),
        page("robots.txt", ["robots_txt"]),
    ]
    return pages + more_pages()


def more_pages():
    """The page kinds beyond discover_pages(): every other public page, the filtered and paged lists, the
    committee calendar, the sitemap's sections and the English pages."""
    from django.db.models import Count, Q

    from frikommune.sitemaps import SITEMAPS
    from meetings.models import Committee, Meeting
    from news.models import NewsItem
    from trials.models import Participation, Trial

    def page(label, names, kwargs=None, query="", note=""):
        url = reverse_first(names, kwargs)
        if url is None:
            return Page(label, None, "URL name missing")
        return Page(label, url + (f"?{urllib.parse.urlencode(query)}" if query else ""), note)

    def missing(label):
        return Page(label, None, "no such object in the data")

    pages = [
        page("about", ["about"]),
        page("accessibility", ["accessibility"]),
        page("organisation", ["trials:organisation"]),
        page("stakeholders", ["trials:stakeholders"]),
        page("glossary", ["trials:glossary"]),
        page("search (empty form)", ["search:search"]),
    ]
    participation = (
        Participation.objects.filter(trial__in=Trial.objects.public())
        .select_related("trial", "municipality")
        .annotate(bench_count=Count("trial__exemptions", distinct=True))
        .order_by("-bench_count", "pk")
        .first()
    )
    pages.append(
        Page(
            "participation (most exemptions)",
            participation.get_absolute_url(),
            f"{participation.bench_count} exemptions",
        )
        if participation
        else missing("participation (most exemptions)")
    )
    trial = Trial.objects.public().order_by("pk").first()
    municipality = trial.participations.select_related("municipality").first().municipality if trial else None
    if trial_list := reverse_first(["trials:trial_list"]):
        pages.append(Page("trial list (status filter, sorted)", f"{trial_list}?status=started&sortering=kommuner"))
        if municipality:
            pages.append(Page("trial list (municipality filter)", f"{trial_list}?kommune={municipality.slug}"))
    committee = (
        Committee.objects.annotate(bench_count=Count("meetings", filter=Q(meetings__in=Meeting.objects.public())))
        .order_by("-bench_count", "pk")
        .first()
    )
    if committee:
        newest = committee.meetings.public().order_by("-date").first()
        query = {"udvalg": committee.slug, "aar": newest.date.year} if newest else {"udvalg": committee.slug}
        pages += [
            page("meeting list (committee, year)", ["meetings:meeting_list"], query=query),
            page("meeting list (page 50)", ["meetings:meeting_list"], query={"page": 50}),
            page("committee calendar (ics)", ["meetings:committee_calendar"], {"committee": committee.slug}),
        ]
    else:
        pages.append(missing("committee calendar (ics)"))
    news_item = NewsItem.objects.public().order_by("-date", "pk").first()
    pages.append(page("news item", ["news:detail"], {"slug": news_item.slug}) if news_item else missing("news item"))
    pages.append(page("knowledge sharing (documents page 2)", ["news:list"], query={"dokumenter_side": 2}))
    for section, sitemap_class in SITEMAPS.items():
        pages.append(page(f"sitemap: {section}", ["sitemap_section"], {"section": section}))
        if sitemap_class().paginator.num_pages > 1:
            pages.append(page(f"sitemap: {section} (page 2)", ["sitemap_section"], {"section": section}, {"p": 2}))
    with translation_override("en"):
        pages += [
            page("English: home", ["home"]),
            page("English: trial list", ["trials:trial_list"]),
            page("English: meeting list", ["meetings:meeting_list"]),
        ]
        if trial:
            pages.append(page("English: trial", ["trials:trial_detail"], {"slug": trial.slug}))
    return pages


def translation_override(language):
    from django.utils import translation

    return translation.override(language)


def resolve_today(value):
    """--today as a date: 'data' is 90 days before the newest published meeting, 'real' none (the real date)."""
    import datetime

    from django.db.models import Max

    from meetings.models import Meeting

    if value == "real":
        return None
    if value == "data":
        newest = Meeting.objects.public().aggregate(newest=Max("date"))["newest"]
        return newest - datetime.timedelta(days=90) if newest else None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        sys.exit(f"--today takes a date (YYYY-MM-DD), 'data' or 'real', not {value!r}")


def pin_today(value):
    """Make the pages, here and in gunicorn (uncached_settings), take `value` as today; returns the date."""
    import bench_today

    today = resolve_today(value)
    if today is not None:
        os.environ[bench_today.ENVIRONMENT_VARIABLE] = today.isoformat()
        bench_today.pin(today)
    return today


def api_pages(client):
    """The JSON API's endpoints (/api/v1/): each list at its default and its largest page, and one record
    each (the trial with the most participations; for the rest, the list's first record)."""
    from django.db.models import Count

    from api.urls import RESOURCES
    from trials.models import Trial

    pages = [Page("api: schema", "/api/v1/schema/")]
    for prefix, _viewset, lookup in RESOURCES:
        url = f"/api/v1/{prefix}/"
        pages += [Page(f"api: {prefix}", url), Page(f"api: {prefix} (200 per page)", f"{url}?page_size=200")]
        if prefix == "trials":
            trial = Trial.objects.public().annotate(n=Count("participations")).order_by("-n", "pk").first()
            key = trial.slug if trial else None
        else:
            response = client.get(url, {"page_size": 1})
            results = response.json().get("results", []) if response.status_code == 200 else []
            key = results[0].get("slug" if "slug" in lookup else "id") if results else None
        pages.append(
            Page(f"api: {prefix} record", f"{url}{key}/" if key is not None else None, "" if key else "no records")
        )
    pages.append(Page("api: trials, filtered", "/api/v1/trials/?netvaerk=alle&status=started&sortering=kommuner"))
    return pages + oparl_pages(client)


def oparl_pages(client):
    """OParl (/api/oparl/): the System, the body list, and for the body with the most meetings each of its
    lists' first page and the first record of each list."""
    from django.db.models import Count

    from trials.models import Municipality

    pages = [Page("oparl: system", "/api/oparl/"), Page("oparl: bodies", "/api/oparl/body/")]
    body = Municipality.objects.annotate(n=Count("committees__meetings")).order_by("-n", "pk").first()
    if body is None:
        return pages
    pages.append(Page("oparl: body", f"/api/oparl/body/{body.slug}/"))
    kinds = ["organization", "person", "membership", "meeting", "agenda-item", "paper", "consultation", "file"]
    for kind in kinds + ["location"]:
        url = f"/api/oparl/body/{body.slug}/{kind}/"
        pages.append(Page(f"oparl: {kind} list", url))
        response = client.get(url)
        data = response.json().get("data", []) if response.status_code == 200 else []
        record = urllib.parse.urlsplit(data[0]["id"]).path if data else None
        pages.append(Page(f"oparl: {kind}", record, "" if record else "no records"))
    return pages


def select_pages(pages, words):
    if not words:
        return pages
    wanted = [word.strip().lower() for word in words.split(",") if word.strip()]
    return [
        page
        for page in pages
        if any(word in page.label.lower() or word in urllib.parse.unquote(page.url or "").lower() for word in wanted)
    ]


def measure_in_process(client, url, *, runs, budget, timeout):
    """Queries of one request, then up to `runs` timed requests within `budget` seconds."""
    from django.db import connection

    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    result = InProcess()
    started = time.perf_counter()
    with connection.execute_wrapper(count):
        first, result.status, result.failure = _timed_get(client, url, timeout)
    result.queries = len(queries)
    if result.failure:
        return result
    timings = []
    while len(timings) < runs:
        spent = time.perf_counter() - started
        last = timings[-1] if timings else first
        if timings and spent + last > budget:
            break
        if not timings and spent + first > budget:
            # A slow page: its first request is the only sample there is time for.
            timings.append(first)
            break
        elapsed, status, failure = _timed_get(client, url, timeout)
        if failure:
            result.failure = failure
            break
        timings.append(elapsed)
    if timings:
        result.runs = len(timings)
        result.median_ms = statistics.median(timings) * 1000
        result.p95_ms = percentile(timings, 95) * 1000
    return result


def _timed_get(client, url, timeout):
    """(seconds, status, failure): failure is "" for a 200 answered within `timeout` seconds."""
    start = time.perf_counter()
    try:
        response = client.get(url)
    except Exception as error:  # the page's own failure is what we measure, whatever it is
        elapsed = time.perf_counter() - start
        if "statement timeout" in str(error):
            return elapsed, None, "timeout"
        return elapsed, None, type(error).__name__
    elapsed = time.perf_counter() - start
    if response.status_code != 200:
        return elapsed, response.status_code, f"HTTP {response.status_code}"
    if elapsed > timeout:
        return elapsed, response.status_code, "timeout"
    return elapsed, response.status_code, ""


class Gunicorn:
    """gunicorn with the project's gunicorn.conf.py and 2 workers on a free loopback port."""

    application_name = "frikommune-bench-gunicorn"

    def __init__(self, environment, settings_module, log_path):
        self.environment = {**os.environ, **environment, "DJANGO_SETTINGS_MODULE": settings_module}
        if environment["DATABASE_URL"].startswith(("postgres:", "postgresql:")):
            # Tagged, so that stop() can end the queries its killed workers leave running.
            separator = "&" if "?" in environment["DATABASE_URL"] else "?"
            self.environment["DATABASE_URL"] += f"{separator}application_name={self.application_name}"
        self.log_path = log_path
        self.process = None
        self.port = None

    @property
    def base_url(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self, ready_url, timeout=60):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        log = open(self.log_path, "ab")  # noqa: SIM115 (handed to the child, closed in stop())
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "--config",
                str(ROOT / "gunicorn.conf.py"),
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(WORKERS),
                "--pythonpath",
                f"{ROOT},{HERE}",
                # Django is loaded before the workers fork, so both are ready when the first one answers.
                "--preload",
            ],
            cwd=ROOT,
            env=self.environment,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        self._log = log
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn stopped at start:\n{_tail(self.log_path)}")
            if http_status(self.base_url + ready_url, timeout=5) == 200:
                # A short load first, so the first page is not measured against a cold server.
                for _ in range(50):
                    http_status(self.base_url + ready_url, timeout=5)
                return
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not answer {ready_url} within {timeout} s:\n{_tail(self.log_path)}")

    def stop(self):
        if self.process is None:
            return
        if self.process.poll() is None:
            # Quick shutdown: a graceful one would wait up to 30 s for queued slow requests.
            self.process.send_signal(signal.SIGQUIT)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log.close()
        self.process = None
        self._end_leftover_queries()

    def _end_leftover_queries(self):
        """PostgreSQL finishes a killed worker's query unless told; it would slow the next measurement."""
        from django.db import connection

        if connection.vendor != "postgresql":
            return
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = %s",
                [self.application_name],
            )

    def restart(self, ready_url):
        started = time.perf_counter()
        self.stop()
        stopped = time.perf_counter()
        self.start(ready_url)
        progress(f"restarted gunicorn: stop {stopped - started:.1f} s, start {time.perf_counter() - stopped:.1f} s")


def _tail(path, lines=20):
    return "\n".join(_read(path).splitlines()[-lines:])


def http_status(url, timeout):
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except (OSError, TimeoutError):
        return None


def run_wrk(url, *, duration, connections, timeout, script):
    command = [
        "wrk",
        f"--threads={min(2, connections)}",
        f"--connections={connections}",
        f"--duration={duration}s",
        f"--timeout={int(timeout)}s",
        f"--script={script}",
        url,
    ]
    completed = subprocess.run(command, capture_output=True, text=True, timeout=duration + timeout + 30)
    line = next((line for line in completed.stdout.splitlines() if line.startswith("WRK ")), None)
    if line is None:
        raise RuntimeError(f"wrk gave no report: {completed.stdout}{completed.stderr}")
    report = json.loads(line[4:])
    errors = report["connect"] + report["read"] + report["write"] + report["status"] + report["timeout"]
    seconds = report["duration_us"] / 1e6
    return Throughput(
        requests_per_s=max(0, report["requests"] - report["status"]) / seconds,
        requests=report["requests"],
        errors=errors,
        p50_ms=report["p50_us"] / 1000 if report["requests"] else None,
        p99_ms=report["p99_us"] / 1000 if report["requests"] else None,
    )


def measure_throughput(server, page, static_url, args, script):
    """The page's and the static file's requests per second, one after the other on the same server."""
    static = run_wrk(
        server.base_url + static_url,
        duration=args.duration,
        connections=args.connections,
        timeout=args.timeout,
        script=script,
    )
    result = run_wrk(
        server.base_url + page.url,
        duration=args.duration,
        connections=args.connections,
        timeout=args.timeout,
        script=script,
    )
    result.static_requests_per_s = static.requests_per_s
    # wrk leaves up to --connections requests queued in gunicorn, about a median latency's worth of
    # work; for a slow page they would hold both workers through the next measurement, so start afresh.
    backlog_seconds = result.p50_ms / 1000 if result.p50_ms is not None else args.timeout
    if result.requests == 0 or result.errors or backlog_seconds > 0.5:
        server.restart(static_url)
    else:
        time.sleep(backlog_seconds)
    return result


def page_cache_in_settings():
    """The cache middlewares of the project's own settings (uncached_settings drops them)."""
    import importlib

    project = importlib.import_module("frikommune.settings")
    return [name for name in project.MIDDLEWARE if "cache" in name.lower()]


def format_ms(value):
    return "-" if value is None else f"{value:.0f}" if value >= 100 else f"{value:.1f}"


def format_rate(throughput, duration):
    if throughput is None:
        return "-"
    if throughput.failure:
        return throughput.failure
    if throughput.requests_per_s == 0:
        return f"<{1 / duration:.1f}"
    return f"{throughput.requests_per_s:.1f}"


def format_ratio(throughput, duration):
    if throughput is None or throughput.ratio is None:
        return "-"
    if throughput.requests_per_s == 0:
        return f"<{max(1 / duration / throughput.static_requests_per_s, 0.0001):.4f}"
    return f"{throughput.ratio:.4f}"


def print_header(machine, cache_middlewares):
    counts = ", ".join(
        f"{value} {name.replace('_', ' ')}" for name, value in machine["counts"].items() if value is not None
    )
    print(f"# machine:  {machine['machine']}, {machine['cpus']} CPUs ({machine['cpu']})")
    print(
        f"# load:     {machine['load_average']} (1, 5, 15 min) at the start; other work on the machine skews throughput"
    )
    print(f"# software: Python {machine['python']}, Django {machine['django']}, {machine['wrk'] or 'no wrk'}")
    print(f"# database: {machine['database']} ({machine['database_name']})")
    print(f"# data:     {counts}")
    print(
        f"# method:   DEBUG=0, caches off; in-process up to {machine['runs']} runs per page (test Client); "
        f"gunicorn {machine['workers']} workers, wrk -c {machine['connections']} -d {machine['duration_s']}s "
        "per page after the static file"
    )
    if cache_middlewares:
        print(f"# cache:    {', '.join(cache_middlewares)}: 'cached' is a second gunicorn with the project's settings")
    else:
        print("# cache:    no page cache in settings.MIDDLEWARE (not built yet): no 'cached' column")


COLUMNS = [
    ("page", "<", 36),
    ("queries", ">", 7),
    ("runs", ">", 5),
    ("median ms", ">", 10),
    ("p95 ms", ">", 8),
    ("req/s", ">", 9),
    ("static/s", ">", 9),
    ("ratio", ">", 7),
]


def table_row(values, columns):
    return " ".join(f"{str(value):{align}{width}}" for value, (_, align, width) in zip(values, columns, strict=True))


def print_table(results, args, with_cache):
    columns = COLUMNS + ([("cached/s", ">", 9), ("ratio", ">", 7)] if with_cache else []) + [("url / note", "<", 0)]
    print(table_row([name for name, _, _ in columns], columns))
    for result in results:
        page, measured = result.page, result.in_process
        if page.url is None:
            values = [page.label, "missing", "", "", "", "", "", ""] + (["", ""] if with_cache else [])
            print(table_row(values + [page.note], columns))
            continue
        median = ">timeout" if measured.failure == "timeout" else measured.failure or format_ms(measured.median_ms)
        runs = measured.runs if not measured.failure else "-"
        values = [
            page.label,
            measured.queries if measured.queries is not None else "-",
            runs,
            median,
            format_ms(measured.p95_ms) if not measured.failure else "-",
            format_rate(result.uncached, args.duration),
            "-" if result.uncached is None else format_rate_value(result.uncached.static_requests_per_s),
            format_ratio(result.uncached, args.duration),
        ]
        if with_cache:
            values += [format_rate(result.cached, args.duration), format_ratio(result.cached, args.duration)]
        note = page.url + (f"  ({page.note})" if page.note else "")
        errors = [t.errors for t in (result.uncached, result.cached) if t is not None and t.errors]
        if errors:
            note += f"  [{sum(errors)} failed responses]"
        print(table_row(values + [note], columns))


def format_rate_value(value):
    return "-" if value is None else f"{value:.0f}"


def machine_line(result, args):
    def throughput(measured):
        if measured is None:
            return None
        return {**asdict(measured), "ratio": measured.ratio}

    return {
        "kind": "page",
        "label": result.page.label,
        "url": result.page.url,
        "note": result.page.note,
        "in_process": asdict(result.in_process),
        "uncached": throughput(result.uncached),
        "cached": throughput(result.cached),
    }


# --- The page cache's throughput (--cached-only) -------------------------------------------------
# Kept apart from the uncached measurements above: the project's settings (page cache on, Redis if
# REDIS_URL is set, else each worker's local memory), each page after the static file, as a ratio.
CACHED_GOAL = 0.5


def page_is_cached(base_url, url):
    """Whether the second of two GETs carries the page cache's ETag and Cache-Control: public."""
    headers = None
    for _ in range(2):
        try:
            with urllib.request.urlopen(base_url + url, timeout=10) as response:
                response.read()
                headers = response.headers
        except (OSError, TimeoutError):
            return False
    return bool(headers and headers.get("ETag") and "public" in headers.get("Cache-Control", ""))


def measure_cached(server, page, static_url, args, script):
    """The page's requests per second between two runs on the static file; the ratio is to their mean.

    On a busy machine the static file's rate drifts from one run to the next; bracketing the page
    keeps the ratio fairer than one static run before it.
    """

    def wrk(url):
        return run_wrk(
            server.base_url + url,
            duration=args.duration,
            connections=args.connections,
            timeout=args.timeout,
            script=script,
        )

    before = wrk(static_url)
    result = wrk(page.url)
    after = wrk(static_url)
    rates = [rate for rate in (before.requests_per_s, after.requests_per_s) if rate]
    result.static_requests_per_s = statistics.mean(rates) if rates else None
    return result


def cached_main(args):
    """Cached throughput per page against a static file served by the same gunicorn, as a ratio."""
    work = tempfile.TemporaryDirectory(prefix="frikommune-bench-")
    static_root = Path(work.name) / "static"
    environment = configure_django(args.database_url, static_root)
    from django.core.management import call_command

    if args.generate:
        generate(args.quick)
    call_command("collectstatic", interactive=False, verbosity=0)
    from django.contrib.staticfiles.storage import staticfiles_storage

    static_url = staticfiles_storage.url(STATIC_FILE)
    machine = describe_machine(args)
    results = [Result(page) for page in select_pages(discover_pages(), args.pages) if page.url is not None]
    script = Path(work.name) / "report.lua"
    script.write_text(WRK_REPORT)
    server = Gunicorn(environment, "frikommune.settings", Path(work.name) / "gunicorn.log")
    notes = {}
    try:
        server.start(static_url)
        for result in results:
            if not page_is_cached(server.base_url, result.page.url):
                notes[result.page.url] = "NOT CACHED"
            progress(f"wrk (cached) {result.page.url}")
            result.cached = measure_cached(server, result.page, static_url, args, script)
    finally:
        server.stop()
    cache = os.environ.get("REDIS_URL") and "Redis (REDIS_URL)" or "local memory per worker"
    print(f"# machine:  {machine['machine']}, {machine['cpus']} CPUs ({machine['cpu']})")
    print(f"# load:     {machine['load_average']} at the start, {_load_average()} at the end (1, 5, 15 min)")
    print(f"# database: {machine['database']} ({machine['database_name']}); page cache: {cache}")
    print(
        f"# method:   gunicorn {WORKERS} workers, DEBUG=0, wrk -c {args.connections} -d {args.duration}s on "
        "loopback; static file, page, static file again (ratio to their mean), each page warmed first; "
        f"goal: ratio >= {CACHED_GOAL}"
    )
    columns = [("page", "<", 36), ("cached/s", ">", 9), ("static/s", ">", 9), ("ratio", ">", 7), ("url", "<", 0)]
    print(table_row([name for name, _, _ in columns], columns))
    ratios = []
    for result in results:
        measured = result.cached
        if measured.ratio is not None:
            ratios.append(measured.ratio)
        note = result.page.url + (f"  [{notes[result.page.url]}]" if result.page.url in notes else "")
        if measured.errors:
            note += f"  [{measured.errors} failed responses]"
        values = [
            result.page.label,
            format_rate(measured, args.duration),
            format_rate_value(measured.static_requests_per_s),
            format_ratio(measured, args.duration),
            note,
        ]
        print(table_row(values, columns))
    if ratios:
        print(
            f"# ratio: min {min(ratios):.2f}, median {statistics.median(ratios):.2f}; "
            f"{sum(ratio >= CACHED_GOAL for ratio in ratios)} of {len(ratios)} pages at >= {CACHED_GOAL}"
        )
    if args.json:
        lines = [json.dumps({"kind": "environment", **machine}, ensure_ascii=False)]
        lines += [json.dumps(machine_line(result, args), ensure_ascii=False) for result in results]
        text = "\n".join(lines) + "\n"
        if args.json == "-":
            print(text, end="")
        else:
            Path(args.json).write_text(text)
    work.cleanup()


def main(argv=None):
    args = parse_args(argv)
    if args.cached_only:
        if not shutil.which("wrk"):
            sys.exit("wrk is not installed; it measures the throughput (Debian/Ubuntu: sudo apt-get install -y wrk).")
        return cached_main(args)
    if not args.no_http and not shutil.which("wrk"):
        sys.exit(
            "wrk is not installed; it measures the throughput. Install it (Debian/Ubuntu: "
            "sudo apt-get install -y wrk) or run with --no-http for the in-process numbers only."
        )
    work = tempfile.TemporaryDirectory(prefix="frikommune-bench-")
    static_root = Path(work.name) / "static"
    environment = configure_django(args.database_url, static_root)
    from django.core.management import call_command
    from django.test import Client

    if args.generate:
        generate(args.quick)
    limit_statements(args.timeout)
    today = pin_today(args.today)
    progress(f"today is {today or 'the real date'}")
    started = time.perf_counter()
    call_command("collectstatic", interactive=False, verbosity=0)
    progress(f"collectstatic in {time.perf_counter() - started:.1f} s")

    from django.contrib.staticfiles.storage import staticfiles_storage

    static_url = staticfiles_storage.url(STATIC_FILE)
    machine = describe_machine(args)
    cache_middlewares = page_cache_in_settings()
    client = Client(HTTP_HOST="127.0.0.1")
    pages = select_pages(api_pages(client) if args.api else discover_pages(), args.pages)
    results = [Result(page) for page in pages]

    for result in results:
        if result.page.url is None:
            continue
        progress(f"in-process {result.page.url}")
        result.in_process = measure_in_process(
            client, result.page.url, runs=args.runs, budget=args.budget, timeout=args.timeout
        )

    if not args.no_http:
        script = Path(work.name) / "report.lua"
        script.write_text(WRK_REPORT)
        variants = [("uncached", "uncached_settings")]
        if cache_middlewares:
            variants.append(("cached", "frikommune.settings"))
        for attribute, settings_module in variants:
            server = Gunicorn(environment, settings_module, Path(work.name) / "gunicorn.log")
            try:
                server.start(static_url)
                for result in results:
                    if result.page.url is None:
                        continue
                    progress(f"wrk ({attribute}) {result.page.url}")
                    setattr(result, attribute, measure_throughput(server, result.page, static_url, args, script))
            finally:
                server.stop()

    machine["load_average_end"] = _load_average()
    print_header(machine, cache_middlewares)
    print_table(results, args, with_cache=bool(cache_middlewares) and not args.no_http)
    print(f"# load average at the end: {machine['load_average_end']}")
    if args.json:
        lines = [json.dumps({"kind": "environment", **machine}, ensure_ascii=False)]
        lines += [json.dumps(machine_line(result, args), ensure_ascii=False) for result in results]
        text = "\n".join(lines) + "\n"
        if args.json == "-":
            print(text, end="")
        else:
            Path(args.json).write_text(text)
    work.cleanup()


if __name__ == "__main__":
    main()
