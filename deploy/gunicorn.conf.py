"""gunicorn's settings for thidua (read by deploy/systemd/thidua-web.service, which gives
the address with --bind). Only the number of workers comes from the environment file."""

import multiprocessing
import os

# Sync workers: thidua's pages are short database work; 2 × cores + 1 is gunicorn's rule.
workers = int(os.environ.get("THIDUA_WEB_WORKERS") or multiprocessing.cpu_count() * 2 + 1)
# A worker silent this long is killed and the user gets 502. Drawing a certificate batch
# inline or previewing a large import takes seconds; 120 s leaves a margin without
# letting a stuck request hold a worker for good (nginx waits as long: proxy_read_timeout).
timeout = 120
graceful_timeout = 30
keepalive = 5
# PDF and spreadsheet work leaves a worker's memory high; replace each worker now and then.
max_requests = 2000
max_requests_jitter = 200
# Load the application once, before forking: a wrong setting stops the service at start
# (systemd shows it) instead of answering 500 from each worker.
preload_app = True
# Only nginx on this machine talks to gunicorn; believe its X-Forwarded-Proto.
forwarded_allow_ips = "127.0.0.1"
# The heartbeat files on memory, not on a disk that may stall under load.
worker_tmp_dir = "/dev/shm"  # noqa: S108 — gunicorn's own advice; files private to each worker
# Access and error log to standard output: the journal keeps them (journalctl -u thidua-web).
accesslog = "-"
errorlog = "-"
