"""The client's address behind reverse proxies: X-Forwarded-For is believed only as far as
THIDUA_TRUSTED_PROXIES says."""

import os
import subprocess
import sys

import pytest
from django.test import RequestFactory

from thidua.core.net import client_ip


def _request(remote, forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_trusted_proxies_the_peer_is_the_client(settings):
    settings.THIDUA_TRUSTED_PROXIES = []
    assert client_ip(_request("203.0.113.7", "198.51.100.1")) == "203.0.113.7"


@pytest.mark.parametrize(("remote", "forwarded", "expected"), [
    ("203.0.113.7", "198.51.100.1", "203.0.113.7"),  # not our proxy: its header is ignored
    ("10.0.0.1", "198.51.100.1", "198.51.100.1"),  # our proxy says who it served
    ("10.0.0.1", "1.2.3.4, 198.51.100.1", "198.51.100.1"),  # what the client wrote itself is ignored
    ("10.0.0.1", "198.51.100.1, 10.0.0.2", "198.51.100.1"),  # two proxies of ours
    ("10.0.0.1", "198.51.100.1, 10.9.8.7", "10.9.8.7"),  # 10.9.8.7 is not in the list: it is the client
    ("10.0.0.1", "bịa đặt, 10.0.0.2", "10.0.0.2"),  # garbage stops the walk at the last real hop
    ("10.0.0.1", "2001:db8::5", "2001:db8::5"),
    ("10.0.0.1", None, "10.0.0.1"),
])
def test_a_list_of_proxies_is_walked_from_the_right(settings, remote, forwarded, expected):
    settings.THIDUA_TRUSTED_PROXIES = ["10.0.0.1", "10.0.0.2/32"]
    assert client_ip(_request(remote, forwarded)) == expected


def test_networks_may_be_trusted(settings):
    settings.THIDUA_TRUSTED_PROXIES = ["172.16.0.0/12"]
    assert client_ip(_request("172.18.0.4", "198.51.100.1, 172.18.0.3")) == "198.51.100.1"


@pytest.mark.parametrize(("count", "forwarded", "expected"), [
    (1, "1.2.3.4, 198.51.100.1", "198.51.100.1"),
    (2, "1.2.3.4, 198.51.100.1, 10.0.0.2", "198.51.100.1"),
    (2, "198.51.100.1", "198.51.100.1"),  # shorter than the count: its leftmost
    (1, "not-an-address", "10.0.0.1"),
])
def test_a_count_of_proxies_takes_that_many_from_the_right(settings, count, forwarded, expected):
    settings.THIDUA_TRUSTED_PROXIES = count
    assert client_ip(_request("10.0.0.1", forwarded)) == expected


def _settings_value(env: dict[str, str], tmp_path) -> subprocess.CompletedProcess:
    code = "import thidua.settings as s; print(repr(s.THIDUA_TRUSTED_PROXIES), s.THIDUA_PUBLIC_URL)"
    full = {**os.environ, "THIDUA_VAR": str(tmp_path), **env}
    full.pop("DATABASE_URL", None)
    return subprocess.run([sys.executable, "-c", code], env=full, capture_output=True, text=True)


def test_the_settings_read_a_count_a_list_and_the_public_url(tmp_path):
    out = _settings_value({"THIDUA_TRUSTED_PROXIES": "2", "THIDUA_PUBLIC_URL": "https://tdkt.example.gov.vn/"},
                          tmp_path)
    assert out.stdout.split() == ["2", "https://tdkt.example.gov.vn"]
    out = _settings_value({"THIDUA_TRUSTED_PROXIES": "10.0.0.1, 10.1.0.0/16"}, tmp_path)
    assert out.stdout.split("] ")[0] + "]" == "['10.0.0.1', '10.1.0.0/16']"
    bad = _settings_value({"THIDUA_TRUSTED_PROXIES": "proxy.local"}, tmp_path)
    assert bad.returncode != 0 and "THIDUA_TRUSTED_PROXIES" in bad.stderr
    bad = _settings_value({"THIDUA_PUBLIC_URL": "thidua.example.gov.vn"}, tmp_path)
    assert bad.returncode != 0 and "THIDUA_PUBLIC_URL" in bad.stderr
