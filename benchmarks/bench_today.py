"""The date the pages take as today in a benchmark (benchmarks/run.py --today).

The synthetic data has its own years; on the real date the calendars would have no upcoming meetings
and measure an empty window. run.py sets BENCH_TODAY, and pins the clock in its own process and, through
uncached_settings, in gunicorn's: timezone.now() moves by whole days, so times of day stay real.
"""

import datetime
import os

ENVIRONMENT_VARIABLE = "BENCH_TODAY"


def pin(today):
    """Shift django.utils.timezone.now (and so localdate) by whole days, so that today is `today`."""
    from django.utils import timezone

    real_now = timezone.now
    if getattr(real_now, "bench_today", None) == today:
        return
    real_now = getattr(real_now, "real_now", real_now)
    offsets = []  # found at the first call: the settings may still be loading when this runs

    def now():
        if not offsets:
            offsets.append(datetime.timedelta(days=(today - timezone.localtime(real_now()).date()).days))
        return real_now() + offsets[0]

    now.real_now = real_now
    now.bench_today = today
    timezone.now = now


def pin_from_environment():
    value = os.environ.get(ENVIRONMENT_VARIABLE)
    if value:
        pin(datetime.date.fromisoformat(value))
