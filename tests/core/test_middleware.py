"""Request ids: made by the server for every request, whatever the client sends."""

import re

from django.urls import reverse

from tests.conftest import login
from thidua.core.models import AuditEvent


def test_a_client_sent_request_id_is_ignored_by_the_audit_trail(client, officer_a, tree, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    login(client, officer_a)
    response = client.post(reverse("documents:create"), {
        "number": "01/CT-UBND", "kind": "chi_thi", "issued_on": "02/01/2024", "issuer": "UBND tỉnh",
        "summary": "Về việc phát động phong trào thi đua năm 2024"}, headers={"X-Request-Id": "forged-id-0001"})
    assert response.status_code == 302
    event = AuditEvent.objects.get(action="document.create")
    assert event.request_id != "forged-id-0001" and re.fullmatch(r"[0-9a-f]{32}", event.request_id)
    assert response["X-Request-Id"] == event.request_id


def test_every_request_gets_its_own_id(client, officer_a):
    login(client, officer_a)
    ids = {client.get("/", headers={"X-Request-Id": "same"})["X-Request-Id"] for _ in range(3)}
    assert len(ids) == 3 and "same" not in ids
