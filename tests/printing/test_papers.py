"""Papers in the state's form (Nghị định 30/2020, Appendix I; Decree 152, Mẫu 01): the căn cứ
an authority keeps, the award named in full by who gives it, the signer's block."""

import datetime as dt
import io

import docx
import pytest
from django.urls import reverse

from tests.conftest import login
from tests.printing.test_decisions import signed  # noqa: F401 — the signed decision fixture
from thidua.catalog.display import award_title
from thidua.core.concurrency import StaleError
from thidua.core.errors import PermissionDenied
from thidua.printing import bases
from thidua.printing import services as printing_services

COMPETENCE = "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025"
REGULATION = ("Căn cứ Quyết định số 25/2025/QĐ-UBND ngày 20 tháng 8 năm 2025 của Ủy ban nhân dân tỉnh ban hành "
              "Quy chế công tác thi đua, khen thưởng trên địa bàn tỉnh")


def _paragraphs(content: bytes) -> list[str]:
    document = docx.Document(io.BytesIO(content))
    cells = [p.text for t in document.tables for r in t.rows for c in r.cells for p in c.paragraphs]
    return [p.text for p in document.paragraphs] + cells


@pytest.mark.parametrize(("code", "issuer", "local", "expected"), [
    ("BK_TINH", "UBND tỉnh Hà Sơn", True, "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"),
    ("BK_TINH", "UBND tỉnh Hà Sơn", False, "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh Hà Sơn"),
    ("GK", "Sở Nội vụ", False, "Giấy khen của Giám đốc Sở Nội vụ"),
    ("GK", "UBND xã Tân Lập", False, "Giấy khen của Chủ tịch Ủy ban nhân dân xã Tân Lập"),
    ("CO_TINH", "UBND tỉnh Hà Sơn", True, "Cờ thi đua của Ủy ban nhân dân tỉnh"),
    ("CSTD_TINH", "UBND tỉnh Hà Sơn", True, "Chiến sĩ thi đua cấp tỉnh"),
    ("BK_TINH", "Chủ tịch UBND tỉnh", False, "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"),
    ("GK", "Giám đốc Sở Nội vụ", False, "Giấy khen của Giám đốc Sở Nội vụ"),
    ("BK_TINH", "Bộ Nội vụ", False, "Bằng khen của Bộ trưởng Bộ Nội vụ"),
    ("CSTDCS", "Sở Nội vụ", False, "Chiến sĩ thi đua cơ sở"),
    ("BK_TINH", "", False, "Bằng khen cấp bộ, ban, ngành, tỉnh"),
])
def test_an_award_is_named_by_who_gives_it(code, issuer, local, expected):
    catalog = {"BK_TINH": "Bằng khen cấp bộ, ban, ngành, tỉnh", "CSTDCS": "Chiến sĩ thi đua cơ sở"}
    assert award_title(code, catalog.get(code, "?"), issuer=issuer, local=local) == expected


def test_the_bases_follow_the_decree_in_force_and_the_authority_s_own_lines(secretariat, tree):
    printing_services.legal_bases_save(actor=secretariat, unit=tree["root"], competence=COMPETENCE + ";",
                                       regulations=REGULATION)
    printing_services.legal_bases_save(actor=secretariat, unit=tree["a"], regulations="", competence=(
        "Căn cứ Quyết định số 12/2025/QĐ-UBND ngày 01 tháng 7 năm 2025 của Ủy ban nhân dân tỉnh quy định chức "
        "năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Sở Nội vụ"))
    decision = bases.bases_for(tree["root"], dt.date(2026, 7, 2))
    assert decision == [COMPETENCE, bases.LAW, bases.DECREE_152, REGULATION]
    # Before 01/07/2025 Decree 98/2023 was in force.
    assert bases.bases_for(tree["root"], dt.date(2025, 6, 30))[2] == bases.DECREE_98
    # A Sở cites its own functions and the province's regulation; its tờ trình, no competence.
    department = bases.bases_for(tree["a"], dt.date(2026, 7, 2))
    assert "Sở Nội vụ" in department[0] and department[-1] == REGULATION
    assert bases.bases_for(tree["a"], dt.date(2026, 7, 2), competence=False) == [bases.LAW, bases.DECREE_152,
                                                                                REGULATION]


def test_the_decision_reads_as_the_state_s_form(client, secretariat, tree, signed):  # noqa: F811
    printing_services.legal_bases_save(actor=secretariat, unit=tree["root"], competence=COMPETENCE,
                                       regulations=REGULATION)
    login(client, secretariat)
    lines = _paragraphs(client.get(reverse("decisions:word", args=[signed.pk])).content)
    assert "Thử Nghiệm, ngày 02 tháng 7 năm 2026" in lines
    bases_printed = [line for line in lines if line.startswith("Căn cứ")]
    assert bases_printed == [COMPETENCE + ";", bases.LAW + ";", bases.DECREE_152 + ";", REGULATION + ";"]
    assert any(line.startswith("Theo đề nghị của") for line in lines)
    article_1 = next(line for line in lines if line.startswith("Điều 1."))
    assert "Tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh cho 01 tập thể và 01 cá nhân" in article_1
    assert "Nghị định số 152/2025/NĐ-CP" in next(line for line in lines if line.startswith("Điều 2."))
    signature = lines[lines.index("KT. CHỦ TỊCH"):]
    assert signature[1] == "PHÓ CHỦ TỊCH" and signed.signer_name in signature[2:7]


def test_the_authority_keeps_its_bases_on_its_printing_page(client, secretariat, tree):
    login(client, secretariat)
    assert reverse("printing:bases") in client.get(reverse("printing:index")).content.decode()
    url = reverse("printing:bases") + f"?don-vi={tree['root'].pk}"
    page = client.get(url).content.decode()
    assert bases.LAW in page and bases.DECREE_152 in page
    response = client.post(url, {"competence": COMPETENCE, "regulations": REGULATION, "version": 0})
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert COMPETENCE in page and REGULATION in page
    # A form loaded before that save is refused, not written over.
    response = client.post(url, {"competence": "", "regulations": "", "version": 0})
    assert response.status_code == 200 and "sau khi bạn mở trang này" in response.content.decode()
    assert bases.bases_for(tree["root"], dt.date(2026, 7, 2))[0] == COMPETENCE
    # A line too long is named.
    response = client.post(url, {"competence": "x" * 501, "regulations": "", "version": 1})
    assert "dòng 1 của ô «căn cứ thẩm quyền» dài 501 ký tự" in response.content.decode()


def test_no_one_else_keeps_an_authority_s_bases(client, tree, secretariat, secretariat_b, officer_a):
    login(client, secretariat_b)  # manages Sở Y tế's printing, not the province's
    url = reverse("printing:bases") + f"?don-vi={tree['root'].pk}"
    assert client.post(url, {"competence": "x", "regulations": "", "version": 0}).status_code in (403, 404)
    login(client, officer_a)
    assert client.get(reverse("printing:bases")).status_code == 403
    with pytest.raises(PermissionDenied):
        printing_services.legal_bases_save(actor=officer_a, unit=tree["a"], competence="x", regulations="")
    printing_services.legal_bases_save(actor=secretariat, unit=tree["root"], competence="a", regulations="")
    with pytest.raises(StaleError):
        printing_services.legal_bases_save(actor=secretariat, unit=tree["root"], competence="b", regulations="",
                                           version=0)


def test_a_draft_decision_is_the_paper_the_leader_signs(client, secretariat, tree, person_a):
    """Before issue: the head's title over a blank for the signature, the decider written
    out, the money at today's prices (not 0 đồng)."""
    from thidua.decisions import services as decision_services
    from thidua.decisions.services import RecipientSpec

    draft = decision_services.decision_draft(
        actor=secretariat, authority=tree["root"], summary="Về việc tặng Bằng khen của Chủ tịch UBND tỉnh",
        recipients=[RecipientSpec(kind="BK_TINH", year=2025, unit=tree["a1"], achievement="Tập thể tiêu biểu")])
    login(client, secretariat)
    lines = _paragraphs(client.get(reverse("decisions:word", args=[draft.pk])).content)
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH THỬ NGHIỆM" in lines and "ỦY BAN NHÂN DÂN TỈNH THỬ NGHIỆM" in lines
    assert "CHỦ TỊCH" in lines[lines.index("Nơi nhận:"):]  # the signature block's title
    article_2 = next(line for line in lines if line.startswith("Điều 2."))
    assert "là 0 đồng" not in article_2 and "đồng (Bằng chữ:" in article_2
    article_3 = next(line for line in lines if line.startswith("Điều 3."))
    assert "Chánh Văn phòng Ủy ban nhân dân tỉnh Thử Nghiệm" in article_3


def test_a_commune_s_papers_are_dated_at_the_commune(tree):
    from tests.conftest import make_unit
    from thidua.printing.layouts import place_of

    commune = make_unit(tree["root"], "T.X", "UBND xã Tân Lập", kind="ubnd_xa")
    tree["root"].refresh_from_db()  # the tree's paths: a parent adds children in order
    numbered = make_unit(tree["root"], "T.P5", "UBND phường 5", kind="ubnd_xa")
    commune.refresh_from_db()
    school = make_unit(commune, "T.X.1", "Trường Tiểu học Tân Lập", kind="truong_hoc")
    assert (place_of(commune), place_of(school), place_of(numbered)) == ("Tân Lập", "Tân Lập", "Phường 5")
    assert place_of(tree["a"]) == "Thử Nghiệm"  # a Sở sits in the province
