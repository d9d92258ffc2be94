"""Production settings with static files named unhashed: the load test's fallback while
`collectstatic` with the manifest storage fails (the vendored files' missing source maps,
issue 10 A). Only `tests.perf.load.start_server` uses it, and says so when it does."""

from thidua.settings import *  # noqa: F403

STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"}}  # noqa: F405
