"""The production stage's fixtures: the site scripts/prod_stage.sh set up and serves.

These tests need that stage (nginx, gunicorn, the worker, PostgreSQL, rendered units);
run them with `scripts/prod_stage.sh`, which `make test` calls."""

import hashlib
import http.client
import os
import ssl
import subprocess
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest

from tests.e2e.conftest import browser  # noqa: F401 — Debian's Chromium, shared with the e2e tests
from tests.prod import units


@dataclass(frozen=True)
class Stage:
    prefix: Path
    url: str  # https, through nginx
    http_url: str
    admin_url: str  # the cluster's superuser, to make databases as an operator would

    @property
    def rendered(self) -> Path:
        return self.prefix / "rendered"

    @property
    def env_file(self) -> Path:
        return self.prefix / "etc" / "thidua.env"

    def unit(self, name: str) -> Path:
        return self.rendered / "systemd" / name

    def site_env(self, env_file: Path | None = None) -> dict[str, str]:
        return units.environment_file(env_file or self.env_file)

    def env_file_with(self, name: str, **changes: str | None) -> Path:
        """A copy of the site's environment file with CHANGES (None drops a variable)."""
        env = {**self.site_env(), **changes}
        path = self.prefix / "etc" / name
        path.write_text("".join(f"{k}={v}\n" for k, v in env.items() if v is not None))
        return path

    def database_url(self, database: str) -> str:
        """The site's DATABASE_URL (its role, its socket), naming another database."""
        return self.site_env()["DATABASE_URL"].rsplit("/", 1)[0] + "/" + database

    def pg(self, database: str | None = None) -> psycopg.Connection:
        """A superuser connection to DATABASE (default: the cluster's own), as an operator's psql."""
        url = self.admin_url if database is None else self.admin_url.rsplit("/", 1)[0] + "/" + database
        return psycopg.connect(url, autocommit=True)

    def run_unit(self, name: str, timeout: int = 120) -> subprocess.CompletedProcess:
        """A oneshot unit (a timer's service), run as systemd would run it."""
        args, env, cwd = units.command(self.unit(name))
        return subprocess.run(args, env=env, cwd=cwd, capture_output=True, text=True, timeout=timeout, check=False)

    def thidua(self, *args: str, env_file: Path | None = None, extra_env: dict[str, str] | None = None,
               timeout: int = 300) -> subprocess.CompletedProcess:
        """The operator's `thidua` command as rendered (deploy/bin/thidua.in)."""
        # The environment sudo leaves an operator (nothing of the test runner's own).
        env = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/"), "LANG": "C.UTF-8",
               "THIDUA_ENV_FILE": str(env_file or self.env_file), **(extra_env or {})}
        return subprocess.run([str(self.rendered / "bin" / "thidua"), *args], env=env, capture_output=True,
                              text=True, timeout=timeout, check=False)


@pytest.fixture(scope="session")
def stage() -> Stage:
    try:
        found = Stage(Path(os.environ["PROD_PREFIX"]), os.environ["PROD_URL"], os.environ["PROD_HTTP_URL"],
                      os.environ["PROD_ADMIN_URL"])
    except KeyError:
        pytest.fail("tests/prod run inside the production stage: scripts/prod_stage.sh (make test calls it)")
    try:  # the stage waited until the site answered before starting these tests
        status = fetch(found.url + "/tai-khoan/dang-nhap/").status
    except (OSError, http.client.HTTPException) as error:
        pytest.fail(f"{found.url} does not answer ({error}); see {found.prefix}/log")
    assert status == 200, f"{found.url} answers {status}; see {found.prefix}/log"
    return found


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_INSECURE = ssl.create_default_context()
_INSECURE.check_hostname = False
_INSECURE.verify_mode = ssl.CERT_NONE  # the stage's own self-signed certificate
_OPENER = urllib.request.build_opener(_NoRedirect, urllib.request.HTTPSHandler(context=_INSECURE))


def fetch(url: str, *, data: bytes | None = None, headers: dict[str, str] | None = None):
    """One request, redirects not followed, errors returned as responses."""
    request = urllib.request.Request(url, data=data, headers=headers or {})  # noqa: S310 — our own test site
    try:
        return _OPENER.open(request, timeout=30)
    except urllib.error.HTTPError as answer:
        return answer


def tables(db) -> dict[str, tuple[int, str]]:
    """Every table's row count and a digest of its rows (PostgreSQL)."""
    names = [r[0] for r in db.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")]
    digest = "md5(COALESCE(string_agg(t::text, '|' ORDER BY t::text), ''))"
    return {n: db.execute(f'SELECT COUNT(*), {digest} FROM "{n}" t').fetchone() for n in sorted(names)}  # noqa: S608


def files(root: Path) -> dict[str, str]:
    """Each file under ROOT (relative path) with its SHA-256."""
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}
