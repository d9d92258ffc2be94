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



def test_the_to_trinh_follows_form_01_with_its_head_s_signature(client, submitted, officer_a, secretariat, tree):
    """Decree 152, Mẫu 01: the bases (the law, its decree and the province's regulation; no
    competence line), what is proposed for whom, the head's title and name."""
    from thidua.printing import bases
    from thidua.printing import services as printing_services

    regulation = "Căn cứ Quyết định số 25/2025/QĐ-UBND ban hành Quy chế công tác thi đua, khen thưởng tỉnh"
    printing_services.legal_bases_save(actor=secretariat, unit=tree["root"], regulations=regulation,
                                       competence="Căn cứ Luật Tổ chức chính quyền địa phương")
    login(client, officer_a)
    body = _text(client.get(reverse("dossiers:word", args=[submitted.pk, "to_trinh"])).content)
    assert f"{bases.LAW};" in body and f"{bases.DECREE_152};" in body and f"{regulation};" in body
    assert "Luật Tổ chức chính quyền địa phương" not in body
    assert "Chiến sĩ thi đua cơ sở cho 02 cá nhân" in body
    assert "Kính gửi: Giám đốc Sở Nội vụ" in body  # its own title: the director decides, the council advises
    assert "Tóm tắt thành tích:" not in body  # no summary written: no empty heading
    # Submitted by the head of Sở Nội vụ, who signs it.
    assert "GIÁM ĐỐC" in body and "Hoàng Văn Cường" in body
