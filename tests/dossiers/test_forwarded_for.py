"""The consultation's opinion limit counts per client address: behind a trusted reverse
proxy that is the forwarded address, from anyone else X-Forwarded-For changes nothing."""

import pytest
from django.urls import reverse

from thidua.dossiers import services
from thidua.dossiers.models import ConsultationOpinion

PROXY = "10.0.0.1"


@pytest.fixture
def open_consultation(central, secretariat, settings):
    settings.THIDUA_TRUSTED_PROXIES = [PROXY]
    return services.dossier_open_consultation(actor=secretariat, dossier=central)


def _post(client, dossier, *, remote, forwarded):
    data = {"name": "Lê Thị Dân", "contact": "0912 345 678", "text": "Tôi xác nhận thành tích của ông Phóng.",
            "item": ""}
    return client.post(reverse("dossiers:public_detail", args=[dossier.pk]), data, REMOTE_ADDR=remote,
                       HTTP_X_FORWARDED_FOR=forwarded)


def test_a_spoofed_forwarded_for_does_not_lift_the_limit(client, open_consultation):
    for n in range(5):
        assert _post(client, open_consultation, remote="203.0.113.7", forwarded=f"198.51.100.{n}").status_code == 302
    refused = _post(client, open_consultation, remote="203.0.113.7", forwarded="198.51.100.99")
    assert refused.status_code == 200
    assert (services.RATE_LIMITED % 5) in refused.content.decode()
    assert ConsultationOpinion.objects.count() == 5


def test_behind_the_trusted_proxy_each_client_has_its_own_limit(client, open_consultation):
    for _ in range(5):
        assert _post(client, open_consultation, remote=PROXY, forwarded="198.51.100.20").status_code == 302
    refused = _post(client, open_consultation, remote=PROXY, forwarded="198.51.100.20")
    assert (services.RATE_LIMITED % 5) in refused.content.decode()
    # Another reader behind the same proxy is not refused for the first one's opinions…
    assert _post(client, open_consultation, remote=PROXY, forwarded="198.51.100.21").status_code == 302
    # …and the first cannot escape by prepending an address of their own.
    again = _post(client, open_consultation, remote=PROXY, forwarded="192.0.2.1, 198.51.100.20")
    assert (services.RATE_LIMITED % 5) in again.content.decode()
    assert ConsultationOpinion.objects.count() == 6
