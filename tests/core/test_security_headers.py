"""Security headers (issue 10, D): the Content-Security-Policy on every response, and in
production HSTS, secure cookies and the redirect to https; `check --deploy` passes at
WARNING level with the production settings."""

import os
import secrets
import subprocess
import sys
import textwrap

import pytest
from django.conf import settings

STRICT = ["default-src 'self'", "script-src 'self'", "style-src 'self'", "object-src 'none'",
          "frame-ancestors 'none'", "form-action 'self'", "base-uri 'self'"]


@pytest.mark.django_db
def test_every_page_carries_the_strict_policy(client):
    response = client.get("/tai-khoan/dang-nhap/")
    policy = response["Content-Security-Policy"]
    assert all(directive in policy.split("; ") for directive in STRICT), policy
    assert "unsafe" not in policy


@pytest.mark.django_db
def test_a_pdf_shown_in_the_browser_carries_no_policy(client, tree, secretariat, settings, tmp_path):
    """Chrome shows a PDF inside a page of its own making; the page policy would blank it.
    The certificate test sheet opens inline: it has no policy, the layout page around it has."""
    from thidua.catalog import services as catalog_services
    from thidua.printing import selectors as printing_selectors

    settings.MEDIA_ROOT = tmp_path
    catalog_services.catalog_load()
    client.force_login(secretariat)
    info, _layout = printing_selectors.layouts_of(tree["root"])[0]
    page = client.get(f"/in/bo-cuc/{tree['root'].pk}/{info.code}/")
    pdf = client.get(f"/in/bo-cuc/{tree['root'].pk}/{info.code}/in-thu.pdf")
    assert page.status_code == 200 and "Content-Security-Policy" in page
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert "Content-Security-Policy" not in pdf


def _production(code: str, tmp_path) -> subprocess.CompletedProcess:
    env = {**os.environ, "THIDUA_ENV": "production", "SECRET_KEY": secrets.token_urlsafe(50),
           "THIDUA_VAR": str(tmp_path),
           "ALLOWED_HOSTS": "thidua.example.gov.vn", "THIDUA_PUBLIC_URL": "https://thidua.example.gov.vn",
           "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}", "DJANGO_SETTINGS_MODULE": "thidua.settings"}
    for leftover in ("DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"):  # test-runner settings, not the site's
        env.pop(leftover, None)
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], env=env, capture_output=True, text=True,
                          cwd=settings.PROJECT_DIR, timeout=120)


def test_production_sends_hsts_and_secure_cookies_and_redirects_to_https(tmp_path):
    result = _production("""
        import django; django.setup()
        from django.conf import settings
        from django.test import Client, override_settings
        # Static file names without the manifest (collectstatic is the production stage's part).
        override_settings(STORAGES={**settings.STORAGES, "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}).enable()
        client = Client(HTTP_HOST="thidua.example.gov.vn")
        plain = client.get("/tai-khoan/dang-nhap/")
        print("redirect", plain.status_code, plain["Location"])
        page = client.get("/tai-khoan/dang-nhap/", secure=True)
        print("status", page.status_code)
        print("hsts", page["Strict-Transport-Security"])
        print("csp", page["Content-Security-Policy"])
        print("csrf-secure", bool(page.cookies["csrftoken"]["secure"]))
    """, tmp_path)
    assert result.returncode == 0, result.stderr
    out = dict(line.split(" ", 1) for line in result.stdout.splitlines())
    assert out["redirect"] == "301 https://thidua.example.gov.vn/tai-khoan/dang-nhap/"
    assert out["status"] == "200"
    assert out["hsts"] == "max-age=31536000; includeSubDomains"
    assert "script-src 'self'" in out["csp"]
    assert out["csrf-secure"] == "True"


def test_check_deploy_passes_at_warning_level(tmp_path):
    result = _production("""
        import sys
        from django.core.management import execute_from_command_line
        execute_from_command_line(["thidua", "check", "--deploy", "--fail-level", "WARNING"])
    """, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout
