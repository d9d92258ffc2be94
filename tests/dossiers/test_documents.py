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


def test_a_department_s_to_trinh_is_addressed_to_the_chairman_and_dated_at_the_province(client, officer_a, tree):
    from tests.dossiers.conftest import make_dossier

    dossier = make_dossier(officer_a, tree["a"], level="tinh", title="Đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh")
    login(client, officer_a)
    body = _text(client.get(reverse("dossiers:word", args=[dossier.pk, "to_trinh"])).content)
    assert "Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh" in body and "Thủ trưởng" not in body
    assert "Thử Nghiệm, ngày" in body and "Sở Nội vụ, ngày" not in body
