"""What a user sees when something fails: our Vietnamese 500 page, never Django's."""

import os
import re

import pytest
from django.test import Client

from thidua.cli import prepare_environment


@pytest.fixture
def failing(settings):
    settings.ROOT_URLCONF = "tests.core.error_urls"
    settings.DEBUG = False
    return Client(raise_request_exception=False)


@pytest.mark.django_db
def test_an_unexpected_error_shows_our_vietnamese_page_with_its_request_id(failing):
    response = failing.get("/hong/")
    body = response.content.decode()
    assert response.status_code == 500
    assert '<html lang="vi">' in body and "Hệ thống gặp lỗi khi xử lý yêu cầu này" in body
    assert "/static/thidua/thidua.css" in body and "Traceback" not in body and "RuntimeError" not in body
    shown = re.search(r'data-testid="request-id">([0-9a-f]{32})<', body).group(1)
    assert shown == response["X-Request-Id"]


@pytest.mark.django_db
def test_even_a_broken_static_manifest_leaves_a_vietnamese_page(failing, settings, tmp_path):
    settings.STATIC_ROOT = tmp_path  # no manifest: the state finding 1 left production in
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"}}
    response = failing.get("/hong/")
    body = response.content.decode()
    assert response.status_code == 500 and "Hệ thống gặp lỗi khi xử lý yêu cầu này" in body
    assert "thidua.css" not in body  # the fixed page, since the template's {% static %} failed


def test_the_demo_runs_without_django_debug_pages(monkeypatch):
    monkeypatch.delenv("DEBUG", raising=False)
    prepare_environment(["thidua", "migrate"])
    assert "DEBUG" not in os.environ
    prepare_environment(["thidua", "demo", "--preset", "small"])
    assert os.environ["DEBUG"] == "off"
