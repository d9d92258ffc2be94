"""The pages of a decision's issue: the issue form the secretariat fills (no more 403 for it),
the signed copy, and the leaders' list, each refused out of scope."""

import pytest
from django.urls import reverse

from tests.conftest import login, make_user
from tests.decisions.conftest import leader, make_draft, sign, signed_pdf
from thidua.core.roles import Role
from thidua.decisions.models import Capacity, Signatory, SignerRank
from thidua.decisions.services import RecipientSpec


@pytest.fixture
def desk_a(tree):
    return make_user("thuky_so", Role.SECRETARIAT, tree["a"], "Đỗ Thị Sở")


def test_the_secretariat_opens_the_issue_form_with_the_hint_and_the_leaders(client, secretariat, chairman, draft,
                                                                             tree, person_b):
    leader(tree["root"], rank=SignerRank.DEPUTY, full_name="Phạm Văn Phó")
    url = reverse("decisions:transition", args=[draft.pk, "ky"])
    login(client, secretariat)
    page = client.get(url)
    # Before issue 12 this answered 403 "Liên hệ thường trực thi đua" to the secretariat itself.
    assert page.status_code == 200
    text = page.content.decode()
    assert "Phạm Văn Phó" in text and "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH" in text and "TM. ỦY BAN NHÂN DÂN" not in text
    assert "hệ thống chưa ghi số nào của ký hiệu này năm" in text
    assert 'enctype="multipart/form-data"' in text
    response = client.post(url, {"number": "12/QĐ-UBND", "issued_on": "02/07/2026",
                                 "signatory": Signatory.objects.get(full_name="Phạm Văn Phó").pk,
                                 "capacity": Capacity.HEAD, "signed_file": signed_pdf()})
    assert response.status_code == 200
    assert "«Thẩm quyền ký»: «CHỦ TỊCH» chỉ do người đứng đầu ký" in response.content.decode()
    draft.refresh_from_db()
    assert draft.state == "draft"


def test_the_same_number_in_the_same_year_is_refused_on_the_form(client, secretariat, chairman, draft, tree,
                                                                 person_b):
    sign(chairman, draft, number="1234/QĐ-UBND")
    other = make_draft(secretariat, tree["root"], RecipientSpec(kind="BK_TINH", year=2025, person=person_b))
    sign_url = reverse("decisions:transition", args=[other.pk, "ky"])
    login(client, chairman)
    client.post(reverse("decisions:recipient_justify", args=[other.pk, other.recipients.get().pk]),
                {"giai-trinh": "Thành tích đột xuất."})
    client.logout()
    login(client, secretariat)
    page = client.get(sign_url).content.decode()
    assert "số lớn nhất hệ thống đã ghi của ký hiệu QĐ-UBND" in page and "1234/QĐ-UBND" in page
    response = client.post(sign_url, {"number": "1234/QĐ-UBND", "issued_on": "10/07/2026",
                                      "signatory": leader(tree["root"]).pk, "capacity": Capacity.HEAD})
    assert "«Số, ký hiệu»: số 1234/QĐ-UBND của UBND tỉnh Thử Nghiệm năm 2026 đã được ghi" in response.content.decode()


def test_the_signed_copy_is_attached_once_and_read_in_scope(client, secretariat, chairman, draft, officer_a,
                                                            officer_b):
    decision = sign(chairman, draft)
    detail = reverse("decisions:detail", args=[decision.pk])
    attach = reverse("decisions:attach_signed", args=[decision.pk])
    copy = reverse("decisions:signed_copy", args=[decision.pk])
    login(client, officer_b)
    assert client.get(copy).status_code == 404 and client.post(attach, {"signed_file": signed_pdf()}).status_code == 404
    client.logout()
    login(client, officer_a)  # reads the decision naming person_a, may not attach
    assert 'data-testid="attach-signed"' not in client.get(detail).content.decode()
    assert client.post(attach, {"signed_file": signed_pdf()}).status_code == 403
    assert client.get(copy).status_code == 404  # nothing attached yet
    client.logout()
    login(client, secretariat)
    assert 'data-testid="attach-signed"' in client.get(detail).content.decode()
    refused = client.post(attach, {"signed_file": signed_pdf("ban-ky.png")}, follow=True).content.decode()
    assert "chỉ nhận .pdf" in refused
    page = client.post(attach, {"signed_file": signed_pdf()}, follow=True).content.decode()
    assert "Đã đính kèm bản quyết định đã ký." in page and 'data-testid="signed-copy"' in page
    assert 'data-testid="attach-signed"' not in page
    client.logout()
    login(client, officer_a)
    response = client.get(copy)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"


def test_the_leaders_list_is_kept_by_the_authority_s_secretariat(client, secretariat, tree):
    login(client, secretariat)
    home = client.get(reverse("decisions:signatories_home"))
    url = reverse("decisions:signatories", args=[tree["root"].pk])
    assert home["Location"] == url
    client.post(url, {"muc": "them", "them-full_name": "Phạm Văn Phó", "them-rank": SignerRank.DEPUTY,
                      "them-position": "Phó Chủ tịch Ủy ban nhân dân tỉnh", "them-active": "on", "them-version": 0})
    vice = Signatory.objects.get(authority=tree["root"])
    assert (vice.full_name, vice.rank, vice.active) == ("Phạm Văn Phó", SignerRank.DEPUTY, True)
    refused = client.post(url, {"muc": "them", "them-full_name": "", "them-rank": SignerRank.DEPUTY,
                                "them-position": "Phó Chủ tịch", "them-version": 0})
    assert refused.status_code == 200 and Signatory.objects.count() == 1
    page = client.get(url).content.decode()
    assert "Phạm Văn Phó" in page and "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH" in page
    edit = reverse("decisions:signatory_edit", args=[tree["root"].pk, vice.pk])
    response = client.post(edit, {"full_name": "Phạm Văn Phó", "position": "Phó Chủ tịch Thường trực UBND tỉnh",
                                  "rank": SignerRank.DEPUTY, "active": "", "version": vice.version})
    assert response.status_code == 302
    vice.refresh_from_db()
    assert (vice.position, vice.active) == ("Phó Chủ tịch Thường trực UBND tỉnh", False)
    client.post(url, {"muc": "quy-dinh", "quy-dinh-by_order": "on", "quy-dinh-version": 0})
    assert tree["root"].signing_rules.by_order and not tree["root"].signing_rules.delegated


@pytest.mark.parametrize("who", ["officer_b", "desk_a", "head_a", "officer_a"])
def test_the_leaders_list_refuses_out_of_scope(request, client, tree, who):
    vice = leader(tree["root"], rank=SignerRank.DEPUTY, full_name="Phạm Văn Phó")
    login(client, request.getfixturevalue(who))
    pages = [reverse("decisions:signatories", args=[tree["root"].pk]),
             reverse("decisions:signatory_edit", args=[tree["root"].pk, vice.pk])]
    for url in pages:
        assert client.get(url).status_code in (403, 404), url
        assert client.post(url, {"muc": "them", "them-full_name": "X", "them-position": "Y",
                                 "them-rank": SignerRank.HEAD, "full_name": "X", "position": "Y",
                                 "rank": SignerRank.HEAD, "version": vice.version}).status_code in (403, 404), url
    vice.refresh_from_db()
    assert vice.full_name == "Phạm Văn Phó" and Signatory.objects.count() == 1
    if who in ("officer_b", "desk_a"):  # a unit they do not see at all: the same 404 as a missing one
        assert client.get(pages[0]).status_code == 404


def test_a_department_desk_keeps_its_own_list_and_not_the_province_s(client, desk_a, tree):
    login(client, desk_a)
    assert client.get(reverse("decisions:signatories_home"))["Location"] == reverse(
        "decisions:signatories", args=[tree["a"].pk])
    page = client.get(reverse("decisions:signatories", args=[tree["a"].pk])).content.decode()
    assert "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC" in page
    assert client.get(reverse("decisions:signatories", args=[tree["a1"].pk])).status_code == 404  # not an authority


def test_a_user_without_the_issue_right_has_no_leaders_page(client, officer_a):
    login(client, officer_a)
    assert client.get(reverse("decisions:signatories_home")).status_code == 403
    assert reverse("decisions:signatories_home") not in client.get(reverse("decisions:list")).content.decode()


def test_the_province_reads_but_does_not_keep_a_department_s_list(client, secretariat, desk_a, tree):
    """A Sở with its own desk keeps its own leaders list (`dossiers.desks`): the province's
    secretariat above reads it and is refused a change."""
    url = reverse("decisions:signatories", args=[tree["a"].pk])
    login(client, secretariat)
    page = client.get(url).content.decode()
    assert 'data-testid="kept-by-desk"' in page and "Thêm lãnh đạo ký" not in page
    response = client.post(url, {"muc": "them", "them-full_name": "Nguyễn Văn Thử", "them-rank": SignerRank.HEAD,
                                 "them-position": "Giám đốc Sở Nội vụ", "them-active": "on", "them-version": 0})
    assert response.status_code == 403 and not Signatory.objects.filter(full_name="Nguyễn Văn Thử").exists()
    login(client, desk_a)
    client.post(url, {"muc": "them", "them-full_name": "Nguyễn Văn Thử", "them-rank": SignerRank.HEAD,
                      "them-position": "Giám đốc Sở Nội vụ", "them-active": "on", "them-version": 0})
    assert Signatory.objects.filter(full_name="Nguyễn Văn Thử", authority=tree["a"]).exists()
