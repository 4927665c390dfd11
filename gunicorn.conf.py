"""gunicorn settings for production: `gunicorn frikommune.wsgi` reads this file."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
wsgi_app = "frikommune.wsgi:application"
accesslog = "-"
errorlog = "-"
# Behind a reverse proxy that terminates HTTPS and sets X-Forwarded-Proto.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
timeout = 30
