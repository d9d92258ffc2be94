"""A signed decision, printed: its Word document and its recipients' certificates."""

import datetime as dt

import pytest
from django.urls import reverse

from tests.conftest import login, make_user
from tests.decisions.conftest import sign
from tests.printing.conftest import docx_text, pdf_pages, pdf_text
from thidua.core.roles import Role
from thidua.decisions import services as decision_services
from thidua.decisions.services import RecipientSpec
from thidua.printing.decision_documents import decision_awards, decision_context

TODAY = dt.date(2026, 11, 20)


@pytest.fixture
def signed(secretariat, tree, person_a, person_b):
    chairman = make_user("chutich", Role.UNIT_HEAD, tree["root"], "Võ Văn Chủ")
    draft = decision_services.decision_draft(
        actor=secretariat, authority=tree["root"], summary="Về việc tặng Bằng khen của Chủ tịch UBND tỉnh",
        recipients=[RecipientSpec(kind="BK_TINH", year=2025, person=person_a, achievement="Hoàn thành xuất sắc"),
                    RecipientSpec(kind="BK_TINH", year=2025, unit=tree["a1"], achievement="Tập thể tiêu biểu")],
        today=TODAY)
    return sign(chairman, draft, title="KT. CHỦ TỊCH — PHÓ CHỦ TỊCH")


def test_the_decision_document_lists_its_recipients_and_money(signed):
    context = decision_context(signed)
    assert context["number"] == signed.number_text and context["signer_authority"] == "KT. CHỦ TỊCH"
    assert context["signer_title"] == "PHÓ CHỦ TỊCH" and context["decider"].startswith("Chủ tịch ")
    assert [r["name"] for r in context["individuals"]] == ["Ông Nguyễn Văn Phóng"]
    assert [r["name"] for r in context["collectives"]] == ["Phòng Công chức, viên chức"]


def test_the_secretariat_downloads_the_decision_and_prints_its_certificates(client, secretariat, signed, officer_b,
                                                                            secretariat_b):
    login(client, secretariat)
    response = client.get(reverse("decisions:word", args=[signed.pk]))
    assert response["Content-Disposition"].startswith('attachment; filename="quyet-dinh-')
    text = docx_text(response.content)
    assert f"Số: {signed.number_text}" in text and "Ông Nguyễn Văn Phóng" in text and "KT. CHỦ TỊCH" in text
    assert "(có danh sách kèm theo)" in text
    awards = decision_awards(signed)
    assert len(awards) == 2
    page = client.get(reverse("printing:batch") + f"?quyet-dinh={signed.pk}").content.decode()
    assert "Nguyễn Văn Phóng" in page and "Phòng Công chức, viên chức" in page
    pdf = client.post(reverse("printing:batch") + f"?quyet-dinh={signed.pk}", {"awards": [a.pk for a in awards]})
    assert len(pdf_pages(pdf.content)) == 2
    # The certificate prints the capacity the decision was signed in and the signer's name.
    printed = pdf_text(pdf.content)
    assert "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nPhạm Văn Phó" in printed  # the Vice-Chairman from the list
    login(client, officer_b)
    assert client.get(reverse("decisions:word", args=[signed.pk])).status_code == 404
    login(client, secretariat_b)  # prints for Sở Y tế, not for a decision naming nobody there
    assert client.get(reverse("printing:batch") + f"?quyet-dinh={signed.pk}").status_code == 404


def test_a_template_that_fails_on_a_real_decision_shows_which_and_where(client, secretariat, tree):
    """The sample data passes; a decision naming only collectives divides by zero. The
    download answers the message naming the version in force and its paragraph."""
    import html
    import io

    from docx import Document as WordDocument

    from thidua.printing import services as printing_services

    doc = WordDocument()
    for text in ("Quyết định {{ number_text }}", "Bình quân mỗi cá nhân: {{ (money_total / individuals|length)|vnd }}"):
        doc.add_paragraph(text)
    data = io.BytesIO()
    doc.save(data)
    printing_services.template_upload(actor=secretariat, unit=tree["root"], kind="quyet_dinh", data=data.getvalue(),
                                      name="qd-binh-quan.docx")
    draft = decision_services.decision_draft(
        actor=secretariat, authority=tree["root"], summary="Về việc tặng Bằng khen của Chủ tịch UBND tỉnh",
        recipients=[RecipientSpec(kind="BK_TINH", year=2025, unit=tree["a1"], achievement="Tập thể tiêu biểu")],
        today=TODAY)
    response = login(client, secretariat).get(reverse("decisions:word", args=[draft.pk]))
    assert response.status_code == 400
    assert ("Mẫu «Quyết định khen thưởng» phiên bản 1 của UBND tỉnh Thử Nghiệm (tệp «qd-binh-quan.docx») lỗi ở "
            "đoạn thứ 2 của phần nội dung («Bình quân mỗi cá nhân: {{ (money_total / individuals|length)|vnd }}»): "
            "phép chia cho 0.") in html.unescape(response.content.decode())
