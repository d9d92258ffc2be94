"""Two people edit the same document: the later save, made on what the page showed before
the first save, is refused with who saved first."""

import datetime as dt

from django.test import Client
from django.urls import reverse

from tests.conftest import login
from tests.html_forms import race
from thidua.documents import services
from thidua.documents.models import Document


def test_a_stale_document_save_is_refused_naming_who_saved_first(client, officer_a, secretariat, tree):
    doc = services.document_create(actor=officer_a, unit=tree["a"], number="12/KH-SNV", kind="ke_hoach",
                                   issued_on=dt.date(2025, 2, 3), issuer="Sở Nội vụ",
                                   summary="Kế hoạch thi đua năm 2025")
    saved, response = race(login(client, officer_a), login(Client(), secretariat),
                           reverse("documents:edit", args=[doc.pk]), "number",
                           {"summary": "Kế hoạch tổ chức phong trào thi đua năm 2025"}, {"issuer": "UBND tỉnh"})

    assert (saved.status_code, response.status_code) == (302, 200)
    doc = Document.objects.get(pk=doc.pk)
    assert (doc.summary, doc.issuer) == ("Kế hoạch tổ chức phong trào thi đua năm 2025", "Sở Nội vụ")
    body = response.content.decode()
    assert "Lê Văn An" in body and "sau khi bạn mở trang này" in body
    assert 'value="UBND tỉnh"' in body
