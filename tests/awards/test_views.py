import datetime as dt

import pytest
from django.urls import reverse

from tests.conftest import login, make_user, page_with_panels
from tests.decisions.conftest import sign
from thidua.awards import services
from thidua.awards.models import Award, Initiative
from thidua.core.models import AuditEvent
from thidua.core.roles import Role
from thidua.decisions import services as decision_services


@pytest.fixture
def award_a(officer_a, person_a):
    return services.award_record(actor=officer_a, person=person_a, kind="LDTT", year=2025,
                                 decided_on=dt.date(2026, 7, 2), decision_number="15/QĐ-SNV")


@pytest.fixture
def initiative_a(officer_a, person_a, tree):
    return services.initiative_record(actor=officer_a, unit=tree["a1"], title="Số hóa hồ sơ công chức", year=2025,
                                      scope="co_so", recognized_on=dt.date(2025, 11, 20), decision_number="12/QĐ-HĐSK",
                                      authors=[(person_a, 100)])


def _urls(person_a, tree, award_a, initiative_a):
    return {
        "create_person": reverse("awards:create_person", args=[person_a.pk]),
        "create_unit": reverse("awards:create_unit", args=[tree["a1"].pk]),
        "detail": reverse("awards:detail", args=[award_a.pk]),
        "revoke": reverse("awards:revoke", args=[award_a.pk]),
        "initiative_person": reverse("awards:initiative_create_person", args=[person_a.pk]),
        "initiative_unit": reverse("awards:initiative_create_unit", args=[tree["a1"].pk]),
        "initiative_detail": reverse("awards:initiative_detail", args=[initiative_a.pk]),
    }


VIEWS = ["create_person", "create_unit", "detail", "revoke", "initiative_person", "initiative_unit",
         "initiative_detail"]


@pytest.mark.parametrize("name", VIEWS)
def test_it_refuses_out_of_scope(client, officer_b, person_a, tree, award_a, initiative_a, name):
    url = _urls(person_a, tree, award_a, initiative_a)[name]
    login(client, officer_b)
    assert client.get(url).status_code == 404
    assert client.post(url, {}).status_code == 404


@pytest.mark.parametrize("name", VIEWS)
def test_anonymous_is_sent_to_login(client, person_a, tree, award_a, initiative_a, name):
    response = client.get(_urls(person_a, tree, award_a, initiative_a)[name])
    assert response.status_code == 302 and "/tai-khoan/dang-nhap/" in response["Location"]


def test_read_only_head_sees_but_may_not_record(client, head_a, person_a, tree, award_a, initiative_a):
    urls = _urls(person_a, tree, award_a, initiative_a)
    login(client, head_a)
    for name in ("create_person", "create_unit", "revoke", "initiative_person", "initiative_unit"):
        assert client.get(urls[name]).status_code == 403, name
    assert client.get(urls["detail"]).status_code == 200
    assert client.get(urls["initiative_detail"]).status_code == 200
    body = page_with_panels(client, reverse("people:detail", args=[person_a.pk]))
    assert "Lao động tiên tiến" in body and urls["create_person"] not in body


def test_officer_records_a_title_and_the_person_page_shows_the_timeline(client, officer_a, person_a):
    login(client, officer_a)
    form = client.get(reverse("awards:create_person", args=[person_a.pk])).content.decode()
    assert 'value="LDTT"' in form and 'value="BK_TINH"' not in form  # a provincial form is the secretariat's
    response = client.post(reverse("awards:create_person", args=[person_a.pk]), {
        "kind": "CSTDCS", "year": 2025, "decided_on": "02/07/2026", "decision_number": "15/QĐ-SNV",
        "issuer": "Giám đốc Sở Nội vụ", "commendation_type": "cong_trang", "achievement": "Có sáng kiến cấp cơ sở",
    })
    assert response.status_code == 302
    award = Award.objects.get(person=person_a)
    assert (award.kind, award.money, award.created_by) == ("CSTDCS", 2_530_000, officer_a)
    body = page_with_panels(client, reverse("people:detail", args=[person_a.pk]))
    assert 'data-testid="award-timeline"' in body and "Năm 2025" in body
    assert "Chiến sĩ thi đua cơ sở" in body and "15/QĐ-SNV" in body and "02/07/2026" in body
    assert "2.530.000 đ" in body


def test_form_errors_come_back_on_the_field(client, officer_a, person_a, award_a):
    login(client, officer_a)
    response = client.post(reverse("awards:create_person", args=[person_a.pk]), {
        "kind": "LDTT", "year": 2025, "decided_on": "02/07/2026", "decision_number": "99/QĐ-SNV",
        "commendation_type": "cong_trang",
    })
    assert response.status_code == 200
    assert "đã có danh hiệu «Lao động tiên tiến» năm 2025" in response.content.decode()
    response = client.post(reverse("awards:create_person", args=[person_a.pk]), {
        "kind": "GK", "year": 2025, "decided_on": "02/07/2026", "commendation_type": "cong_trang"})
    assert "Hãy chọn văn bản quyết định hoặc ghi số quyết định." in response.content.decode()
    assert Award.objects.count() == 1


def test_secretariat_revokes_and_the_timeline_strikes_it_through(client, secretariat, person_a, award_a, revocation):
    login(client, secretariat)
    detail = client.get(reverse("awards:detail", args=[award_a.pk])).content.decode()
    assert reverse("awards:revoke", args=[award_a.pk]) in detail
    response = client.post(reverse("awards:revoke", args=[award_a.pk]), {"document": revocation.pk, "ground": "a",
                                                                         "reason": "Kê khai không trung thực"})
    assert response.status_code == 302
    award_a.refresh_from_db()
    assert award_a.revoked
    body = page_with_panels(client, reverse("people:detail", args=[person_a.pk]))
    assert "<del>Lao động tiên tiến</del>" in body
    assert "45/QĐ-UBND" in body and "Kê khai không trung thực" in body
    detail = client.get(reverse("awards:detail", args=[award_a.pk])).content.decode()
    assert "Hủy bỏ, thu hồi khen thưởng" in detail  # the audit panel's label
    assert reverse("awards:revoke", args=[award_a.pk]) not in detail


def test_secretariat_records_a_paper_revocation_by_number_and_date(client, secretariat, person_a, award_a):
    login(client, secretariat)
    form = client.get(reverse("awards:revoke", args=[award_a.pk])).content.decode()
    assert 'name="number"' in form and 'name="revoked_on"' in form
    response = client.post(reverse("awards:revoke", args=[award_a.pk]), {
        "number": "07/QĐ-UBND", "revoked_on": "01/10/2026", "ground": "b", "reason": "Kê khai không trung thực"})
    assert response.status_code == 302
    award_a.refresh_from_db()
    assert (award_a.revoked, award_a.revoked_number, award_a.revoked_on) == (True, "07/QĐ-UBND", dt.date(2026, 10, 1))
    body = page_with_panels(client, reverse("people:detail", args=[person_a.pk]))
    assert "<del>Lao động tiên tiến</del>" in body
    marker = body.split('data-testid="revocation">', 1)[1].split("</div>", 1)[0]
    assert "07/QĐ-UBND" in marker and "01/10/2026" in marker and "Kê khai không trung thực" in marker
    assert "làm giả hồ sơ, giấy tờ để đề nghị khen thưởng (điểm b khoản 2 Điều 93" in marker
    detail = client.get(reverse("awards:detail", args=[award_a.pk])).content.decode()
    assert "07/QĐ-UBND" in detail.split('data-testid="revocation">', 1)[1].split("</dd>", 1)[0]


def test_a_paper_revocation_needs_its_date(client, secretariat, award_a):
    login(client, secretariat)
    response = client.post(reverse("awards:revoke", args=[award_a.pk]), {
        "number": "07/QĐ-UBND", "ground": "a", "reason": "Kê khai không trung thực"})
    assert response.status_code == 200 and str(services.REVOKE_DATE_REQUIRED) in response.content.decode()
    award_a.refresh_from_db()
    assert not award_a.revoked


def test_an_award_decided_in_thidua_points_to_its_decision_instead(client, secretariat, tree, person_a):
    chairman = make_user("chutich", Role.UNIT_HEAD, tree["root"], "Võ Văn Chủ")
    draft = decision_services.decision_draft(
        actor=secretariat, authority=tree["root"], summary="Về việc tặng Bằng khen",
        recipients=[decision_services.RecipientSpec(kind="BK_TINH", year=2025, person=person_a)])
    sign(chairman, draft)
    award = Award.objects.get(person=person_a)
    login(client, secretariat)
    detail = client.get(reverse("awards:detail", args=[award.pk])).content.decode()
    assert reverse("awards:revoke", args=[award.pk]) not in detail
    assert 'data-testid="revoke-by-decision"' in detail and "01/QĐ-UBND" in detail
    response = client.post(reverse("awards:revoke", args=[award.pk]), {
        "number": "07/QĐ-UBND", "revoked_on": "01/10/2026", "ground": "a", "reason": "Sai"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("decisions:detail", args=[draft.pk])
    assert "chỉ hủy bỏ được bằng một quyết định hủy bỏ" in response.content.decode()
    award.refresh_from_db()
    assert not award.revoked


def test_revoke_needs_its_ground_in_law(client, secretariat, award_a, revocation):
    login(client, secretariat)
    form = client.get(reverse("awards:revoke", args=[award_a.pk])).content.decode()
    assert "Gian dối trong việc kê khai công trạng" in form and "làm giả hồ sơ, giấy tờ" in form
    assert "<strong>Lao động tiên tiến</strong> năm" in form
    response = client.post(reverse("awards:revoke", args=[award_a.pk]), {"document": revocation.pk,
                                                                         "reason": "Khai sai"})
    assert response.status_code == 200 and "Hãy chọn căn cứ hủy bỏ." in response.content.decode()
    award_a.refresh_from_db()
    assert not award_a.revoked


def test_officer_records_a_unit_title_and_the_unit_page_shows_it(client, officer_a, tree):
    login(client, officer_a)
    response = client.post(reverse("awards:create_unit", args=[tree["a1"].pk]), {
        "kind": "TTLDTT", "year": 2025, "decided_on": "02/07/2026", "decision_number": "20/QĐ-SNV",
        "commendation_type": "cong_trang"})
    assert response.status_code == 302
    body = page_with_panels(client, reverse("org:detail", args=[tree["a1"].pk]))
    assert "Tập thể lao động tiên tiến" in body and "20/QĐ-SNV" in body


def test_officer_records_an_initiative_with_authors(client, officer_a, person_a, tree):
    from tests.conftest import make_person

    other = make_person(tree["a1"], "Trần Thị Hoa", gender="nu")
    login(client, officer_a)
    url = reverse("awards:initiative_create_person", args=[person_a.pk])
    page = client.get(url).content.decode()
    assert "Trần Thị Hoa" in page and 'value="100"' in page
    data = {
        "title": "Phần mềm theo dõi hồ sơ", "year": 2025, "scope": "co_so", "recognized_on": "20/11/2025",
        "decision_number": "12/QĐ-HĐSK", "tac-gia-TOTAL_FORMS": 4, "tac-gia-INITIAL_FORMS": 0,
        "tac-gia-MIN_NUM_FORMS": 0, "tac-gia-MAX_NUM_FORMS": 10,
        "tac-gia-0-person": person_a.pk, "tac-gia-0-share": "70", "tac-gia-1-person": other.pk,
        "tac-gia-1-share": "20",
    }
    response = client.post(url, data)
    assert response.status_code == 200 and "phải bằng 100%" in response.content.decode()
    response = client.post(url, data | {"tac-gia-1-share": "30"})
    assert response.status_code == 302
    initiative = Initiative.objects.get()
    assert initiative.authors.count() == 2
    body = page_with_panels(client, reverse("people:detail", args=[person_a.pk]))
    assert "«Phần mềm theo dõi hồ sơ»" in body and "Cấp cơ sở" in body and "đóng góp 70%" in body
    assert AuditEvent.objects.filter(action="initiative.record").count() == 1


def test_person_page_query_count_stays_fixed_with_a_long_record(client, officer_a, person_a, tree,
                                                                django_assert_max_num_queries):
    for year in range(2016, 2026):
        services.award_record(actor=officer_a, person=person_a, kind="LDTT", year=year,
                              decided_on=dt.date(year + 1, 1, 10), decision_number=f"{year}/QĐ-SNV")
        services.award_record(actor=officer_a, person=person_a, kind="GK", year=year,
                              decided_on=dt.date(year + 1, 1, 10), decision_number=f"G{year}/QĐ-SNV")
        services.initiative_record(actor=officer_a, unit=tree["a1"], title=f"Sáng kiến {year}", year=year,
                                   scope="co_so", recognized_on=dt.date(year, 11, 20), decision_number=f"{year}/SK",
                                   authors=[(person_a, 100)])
    login(client, officer_a)
    with django_assert_max_num_queries(16):
        client.get(reverse("people:detail", args=[person_a.pk]))
    with django_assert_max_num_queries(9):
        body = client.get(reverse("awards:person_panel", args=[person_a.pk]), HTTP_HX_REQUEST="true").content.decode()
    assert body.count('data-testid="initiative"') == 10


def test_unit_page_query_count_does_not_grow_with_awards(client, officer_a, tree, django_assert_max_num_queries):
    for year in range(2016, 2026):
        services.award_record(actor=officer_a, unit=tree["a1"], kind="TTLDTT", year=year,
                              decided_on=dt.date(year + 1, 1, 10), decision_number=f"{year}/QĐ-SNV")
    login(client, officer_a)
    with django_assert_max_num_queries(20):
        client.get(reverse("org:detail", args=[tree["a1"].pk]))
    with django_assert_max_num_queries(9):
        body = client.get(reverse("awards:unit_panel", args=[tree["a1"].pk]), HTTP_HX_REQUEST="true").content.decode()
    assert all(f"{year}/QĐ-SNV" in body for year in range(2016, 2026))


@pytest.mark.parametrize("money", [str(2**63), "9" * 40, "10000000001"])
def test_an_award_amount_past_the_bound_is_refused_on_its_field(client, officer_a, person_a, money):
    client.raise_request_exception = False
    login(client, officer_a)
    response = client.post(reverse("awards:create_person", args=[person_a.pk]), {
        "kind": "CSTDCS", "year": 2025, "decided_on": "02/07/2026", "decision_number": "15/QĐ-SNV",
        "commendation_type": "cong_trang", "money": money})
    assert response.status_code == 200
    assert "Tiền thưởng tối đa 10.000.000.000 đồng" in response.content.decode()
    assert not Award.objects.exists()


def test_the_ledger_refuses_an_amount_past_the_bound_from_any_caller(officer_a, person_a):
    from thidua.core.errors import ApplicationError

    with pytest.raises(ApplicationError) as caught:
        services.award_record(actor=officer_a, kind="CSTDCS", year=2025, decided_on=dt.date(2026, 7, 2),
                              person=person_a, decision_number="15/QĐ-SNV", money=2**63)
    assert caught.value.message == services.MONEY_TOO_BIG and caught.value.extra == {"field": "money"}
    assert not Award.objects.exists()


def test_the_person_panel_is_refused_out_of_scope(client, officer_b, person_a, award_a):
    url = reverse("awards:person_panel", args=[person_a.pk])
    assert client.get(url)["Location"].startswith("/tai-khoan/dang-nhap/")
    response = login(client, officer_b).get(url, HTTP_HX_REQUEST="true")
    assert response.status_code == 404 and "Lao động tiên tiến" not in response.content.decode()


def test_the_unit_panel_is_refused_out_of_scope(client, officer_a, officer_b, tree):
    services.award_record(actor=officer_a, unit=tree["a1"], kind="TTLDTT", year=2025,
                          decided_on=dt.date(2026, 1, 10), decision_number="7/QĐ-SNV")
    url = reverse("awards:unit_panel", args=[tree["a1"].pk])
    assert client.get(url)["Location"].startswith("/tai-khoan/dang-nhap/")
    response = login(client, officer_b).get(url, HTTP_HX_REQUEST="true")
    assert response.status_code == 404 and "7/QĐ-SNV" not in response.content.decode()
