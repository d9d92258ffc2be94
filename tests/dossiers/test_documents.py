"""A dossier's tờ trình and danh sách kèm theo come out as Word documents with its items."""

import io

import docx
from django.urls import reverse

from tests.conftest import login


def _text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_the_unit_downloads_its_to_trinh_and_list(client, draft, officer_a):
    login(client, officer_a)
    body = _text(client.get(reverse("dossiers:word", args=[draft.pk, "to_trinh"])).content)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in body and "TỜ TRÌNH" in body
    assert "Chiến sĩ thi đua cơ sở cho 02 cá nhân" in body
    listing = _text(client.get(reverse("dossiers:word", args=[draft.pk, "danh_sach"])).content)
    assert "Nguyễn Văn Phóng" in listing and "Chiến sĩ thi đua cơ sở" in listing


def test_it_refuses_out_of_scope(client, draft, officer_a, officer_b):
    login(client, officer_b)
    assert client.get(reverse("dossiers:word", args=[draft.pk, "to_trinh"])).status_code == 404
    client.logout()
    login(client, officer_a)
    assert client.get(reverse("dossiers:word", args=[draft.pk, "bien_ban"])).status_code == 404
