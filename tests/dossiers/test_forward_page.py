"""The forward page (/ho-so/trinh-cap-tren/): the province's own signed tờ trình and council
minutes are asked for and become the upper dossier's papers; the meeting's generated
minutes and the province's draft tờ trình are offered for signing; refusals change nothing."""

import io
from html import unescape

import pytest
from django.urls import reverse
from docx import Document as WordDocument

from tests.conftest import login, make_user
from tests.dossiers.conftest import upload
from thidua.core.roles import Role
from thidua.dossiers import services
from thidua.dossiers.models import Dossier, DossierDocument, DossierState, ItemState
from thidua.dossiers.workflow import workflow

S, IS = DossierState, ItemState
TITLE = "Tờ trình đề nghị Thủ tướng Chính phủ tặng Bằng khen năm 2025"
URL = "/ho-so/trinh-cap-tren/"


def _name(kind):
    return workflow().documents[kind].name


def _data(dossier, **files):
    return {"chon": [dossier.pk], "title": TITLE, "number": "45/TTr-UBND", "comment": "Kính trình", **files}


def _papers():
    return {"to_trinh": upload("to-trinh-ubnd-tinh.pdf"), "bien_ban_binh_xet": upload("bien-ban-hoi-dong-tinh.pdf")}


def _docx_text(content: bytes) -> str:
    doc = WordDocument(io.BytesIO(content))
    lines = [p.text for p in doc.paragraphs]
    lines += [p.text for table in doc.tables for row in table.rows for cell in row.cells for p in cell.paragraphs]
    return "\n".join(lines)


def _paper_field(page: str, kind: str) -> str:
    """The block of the forward page for the upload of KIND, up to the next one."""
    return page.split(f'data-kind="{kind}"')[1].split('data-kind="')[0]


def _nothing_changed(dossier):
    dossier.refresh_from_db()
    assert dossier.state == S.VOTED and dossier.forwarded_to is None
    assert set(dossier.items.values_list("state", flat=True)) == {IS.APPROVED}
    assert not Dossier.objects.filter(state=S.SENT).exists()
    assert not DossierDocument.objects.exclude(dossier=dossier).exists()


def test_the_page_asks_for_the_province_s_papers_and_offers_the_meeting_minutes(client, voted_central, secretariat):
    assert reverse("dossiers:forward") == URL
    login(client, secretariat)
    page = client.get(URL).content.decode()
    assert voted_central.title in page
    for kind in ("to_trinh", "bien_ban_binh_xet", "ket_qua_bo_phieu"):
        assert f'name="{kind}"' in page and _name(kind) in page
    minutes = reverse("councils:minutes", args=[voted_central.meeting.pk])
    links = page.split('data-testid="minutes-links"')[1].split("</div>")[0]
    assert minutes in links and "Phiên họp xét khen thưởng cấp Nhà nước (17/03/2026)" in links
    response = client.get(minutes)
    assert response.status_code == 200 and "bien-ban-hop-hoi-dong" in response["Content-Disposition"]
    assert "Nguyễn Văn Phóng" in _docx_text(response.content)


def test_the_province_s_draft_to_trinh_is_printed_for_the_chosen_dossiers(client, voted_central, secretariat):
    login(client, secretariat)
    assert 'data-testid="draft-to-trinh"' in client.get(URL).content.decode()
    response = client.post(reverse("dossiers:forward_draft"), _data(voted_central))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    text = _docx_text(response.content)
    assert "UBND TỈNH THỬ NGHIỆM" in text.upper() and TITLE in text
    assert "Thủ tướng Chính phủ (qua Bộ Nội vụ)" in text
    assert "Bằng khen của Thủ tướng Chính phủ cho 01 cá nhân" in text
    _nothing_changed(voted_central)  # a draft writes nothing
    # Without a trích yếu the page says so instead of printing.
    response = client.post(reverse("dossiers:forward_draft"), {**_data(voted_central), "title": ""})
    assert response.status_code == 200 and str(services.TITLE_REQUIRED) in response.content.decode()


@pytest.mark.parametrize("missing", ["to_trinh", "bien_ban_binh_xet"])
def test_a_forward_without_the_province_s_paper_is_refused_with_the_message(client, voted_central, secretariat,
                                                                           missing):
    login(client, secretariat)
    files = {k: f for k, f in _papers().items() if k != missing}
    response = client.post(URL, _data(voted_central, **files))
    assert response.status_code == 200
    message = services.FORWARD_PAPER_MISSING % {"kind": _name(missing), "unit": "UBND tỉnh Thử Nghiệm"}
    field = _paper_field(response.content.decode(), missing)
    assert _name(missing) in field and f'id="id_{missing}_error"><div>{message}</div>' in field
    _nothing_changed(voted_central)


def test_a_refused_file_is_refused_naming_the_field(client, voted_central, secretariat):
    login(client, secretariat)
    response = client.post(URL, _data(voted_central, **{**_papers(), "bien_ban_binh_xet": upload("bien-ban.exe")}))
    body = response.content.decode()
    field = _paper_field(body, "bien_ban_binh_xet")
    assert f"«{_name('bien_ban_binh_xet')}»: không nhận tệp «bien-ban.exe»; chỉ nhận .pdf" in unescape(field)
    assert 'value="' + TITLE + '"' in body  # what was typed is kept
    _nothing_changed(voted_central)


def test_the_upper_dossier_shows_the_province_s_papers_as_its_own_and_the_units_as_attachments(
        client, voted_central, secretariat):
    login(client, secretariat)
    response = client.post(URL, _data(voted_central, **_papers()))
    upper = Dossier.objects.get(title=TITLE)
    assert response.url == reverse("dossiers:detail", args=[upper.pk])
    assert upper.state == S.SENT and upper.number == "45/TTr-UBND"
    page = client.get(response.url).content.decode()
    checklist = page.split('data-testid="checklist"')[1]
    for kind, own in (("to_trinh", "to-trinh-ubnd-tinh.pdf"), ("bien_ban_binh_xet", "bien-ban-hoi-dong-tinh.pdf")):
        row = checklist.split(f'data-kind="{kind}"')[1].split("</li>\n")[0]
        assert row.startswith(' data-complete="1"')
        mine, attached = row.split('data-testid="attachments"')
        assert own in mine and "Trần Thị Thu" in mine  # uploaded by the secretariat
        assert f"{kind}.pdf" in attached and "Kèm hồ sơ của Sở Nội vụ" in attached
    own = upper.documents.get(kind="to_trinh", carried_from=None)
    download = client.get(reverse("dossiers:document", args=[upper.pk, own.pk]))
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_it_refuses_out_of_scope_and_the_wrong_role(client, voted_central, officer_a, officer_b, head_a, tree):
    head_b = make_user("thutruong_b", Role.UNIT_HEAD, tree["b"], "Đỗ Văn Bình")
    draft_url = reverse("dossiers:forward_draft")
    # Sở Y tế's head relays nothing of Sở Nội vụ's: the dossier does not exist for them.
    login(client, head_b)
    assert voted_central.title not in client.get(URL).content.decode()
    assert client.post(URL, _data(voted_central, **_papers())).status_code == 404
    assert client.post(draft_url, _data(voted_central)).status_code == 404
    # Sở Nội vụ's head sees the dossier; relaying it upward is the province's.
    login(client, head_a)
    assert voted_central.title not in client.get(URL).content.decode()
    assert client.post(URL, _data(voted_central, **_papers())).status_code == 403
    assert client.post(draft_url, _data(voted_central)).status_code == 403
    # Officers submit nothing anywhere: the page itself is refused.
    for officer in (officer_a, officer_b):
        login(client, officer)
        assert client.get(URL).status_code == 403
        assert client.post(URL, _data(voted_central, **_papers())).status_code == 403
        assert client.post(draft_url, _data(voted_central)).status_code == 403
    _nothing_changed(voted_central)
