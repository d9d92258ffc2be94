import html

import pytest
from django.urls import reverse

from tests.conftest import login
from tests.xlsx_cells import NAME, TAB, assert_text_cells
from thidua.core.models import AuditEvent
from thidua.people.models import Evaluation, Person

PERSON_VIEWS = ["people:detail", "people:edit", "people:transfer", "people:evaluate", "people:discipline_add"]


@pytest.mark.parametrize("name", PERSON_VIEWS)
def test_it_refuses_out_of_scope(client, officer_b, person_a, name):
    response = login(client, officer_b).get(reverse(name, args=[person_a.pk]))
    assert response.status_code == 404


@pytest.mark.parametrize("name", PERSON_VIEWS)
def test_anonymous_is_sent_to_login(client, person_a, name):
    response = client.get(reverse(name, args=[person_a.pk]))
    assert response.status_code == 302 and "/tai-khoan/dang-nhap/" in response["Location"]


def test_it_refuses_out_of_scope_writes(client, officer_b, person_a):
    login(client, officer_b)
    url = reverse("people:evaluate", args=[person_a.pk])
    response = client.post(url, {"year": 2024, "rating": "KHTNV", "months_worked": 12})
    assert response.status_code == 404
    assert not Evaluation.objects.exists()


def test_read_only_head_gets_403_on_edit(client, head_a, person_a):
    response = login(client, head_a).get(reverse("people:edit", args=[person_a.pk]))
    assert response.status_code == 403


def test_person_page_shows_identity_history_and_masks_cccd_for_the_head(client, head_a, person_a):
    body = login(client, head_a).get(reverse("people:detail", args=[person_a.pk])).content.decode()
    assert "Nguyễn Văn Phóng" in body and "14/03/1985" in body
    assert person_a.cccd not in body and "2345" in body
    assert "Quá trình công tác" in body and "Lịch sử thay đổi" in body


def test_officer_sees_full_cccd(client, officer_a, person_a):
    body = login(client, officer_a).get(reverse("people:detail", args=[person_a.pk])).content.decode()
    assert person_a.cccd in body


def test_rating_edit_appears_in_history(client, officer_a, person_a):
    login(client, officer_a)
    url = reverse("people:evaluate", args=[person_a.pk])
    client.post(url, {"year": 2024, "rating": "HTTNV", "months_worked": 12})
    response = client.post(url, {"year": 2024, "rating": "HTXSNV", "months_worked": 12, "reason": "Bình xét lại"})
    assert response.status_code == 302
    body = client.get(reverse("people:detail", args=[person_a.pk])).content.decode()
    panel = body[body.index("Lịch sử thay đổi"):]
    # The history names the rating, not its code (issue 13).
    assert "Ghi xếp loại hằng năm" in panel and "Hoàn thành tốt nhiệm vụ" in panel and "Bình xét lại" in panel
    assert "HTTNV" not in panel and "Xếp loại:" in panel
    assert Evaluation.objects.get(person=person_a, year=2024).rating == "HTXSNV"


def test_create_form_validates_in_vietnamese(client, officer_a, tree):
    login(client, officer_a)
    url = reverse("people:create") + f"?don-vi={tree['a'].pk}"
    response = client.post(url, {"full_name": "Phóng", "gender": "nam", "birth_date": "31/02/1990",
                                 "cccd": "12ab", "don-vi": tree["a"].pk})
    body = response.content.decode()
    assert response.status_code == 200
    assert "ít nhất hai từ" in body and "dd/mm/yyyy" in body and "12 chữ số" in body
    assert not Person.objects.exists()


def test_create_accepts_dd_mm_yyyy(client, officer_a, tree):
    login(client, officer_a)
    url = reverse("people:create") + f"?don-vi={tree['a'].pk}"
    response = client.post(url, {"full_name": "Bùi Thị Lan", "gender": "nu", "birth_date": "02/01/1991",
                                 "don-vi": tree["a"].pk})
    assert response.status_code == 302
    person = Person.objects.get()
    assert person.birth_date.isoformat() == "1991-01-02"
    assert AuditEvent.objects.filter(action="person.create").count() == 1


def test_create_refuses_a_unit_out_of_scope(client, officer_b, tree):
    login(client, officer_b)
    response = client.post(reverse("people:create") + f"?don-vi={tree['a'].pk}",
                           {"full_name": "Bùi Thị Lan", "gender": "nu", "don-vi": tree["a"].pk})
    assert response.status_code == 404
    assert not Person.objects.exists()


def test_list_and_export_stay_in_scope(client, officer_b, person_a, person_b):
    login(client, officer_b)
    body = client.get(reverse("people:list")).content.decode()
    assert "Nguyễn Thị Phong" in body and "Nguyễn Văn Phóng" not in body
    response = client.get(reverse("people:list_export"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    from io import BytesIO

    from openpyxl import load_workbook

    ws = load_workbook(BytesIO(response.content)).active
    names = [row[1] for row in ws.iter_rows(min_row=3, values_only=True)]
    assert names == ["Nguyễn Thị Phong"]


def test_transfer_via_form(client, officer_a, person_a, tree):
    login(client, officer_a)
    response = client.post(reverse("people:transfer", args=[person_a.pk]),
                           {"to_unit": tree["b"].pk, "on": "01/02/2025", "reason": "Điều động"})
    assert response.status_code == 302
    person_a.refresh_from_db()
    assert person_a.current_unit == tree["b"]


def test_person_page_query_count_is_fixed(client, officer_a, person_a, django_assert_max_num_queries):
    from thidua.people import services

    for year in range(2015, 2025):
        services.evaluation_set(actor=officer_a, person=person_a, year=year, rating="HTTNV")
    login(client, officer_a)
    with django_assert_max_num_queries(16):
        response = client.get(reverse("people:detail", args=[person_a.pk]))
    table = response.content.decode().split('data-testid="evaluations"')[1].split("</table>")[0]
    assert table.count(">Hoàn thành tốt nhiệm vụ</span>") == 10 and "HTTNV<" not in table  # ratings in words


def test_the_list_export_writes_user_text_as_text(client, officer_a, tree):
    from tests.conftest import make_person

    make_person(tree["a"], NAME, position=TAB)
    response = login(client, officer_a).get(reverse("people:list_export"))
    assert_text_cells(response.content, NAME, TAB)



def test_the_unit_people_panel_is_refused_out_of_scope(client, officer_b, person_a, tree):
    url = reverse("people:unit_panel", args=[tree["a"].pk])
    assert client.get(url)["Location"].startswith("/tai-khoan/dang-nhap/")
    response = login(client, officer_b).get(url, HTTP_HX_REQUEST="true")
    assert response.status_code == 404 and "Nguyễn Văn Phóng" not in response.content.decode()


def test_the_unit_ratings_panel_is_refused_out_of_scope(client, secretariat, officer_b, tree):
    from thidua.people import services

    services.evaluation_set(actor=secretariat, unit=tree["a"], year=2024, rating="HTXSNV")
    url = reverse("people:unit_ratings_panel", args=[tree["a"].pk])
    assert client.get(url)["Location"].startswith("/tai-khoan/dang-nhap/")
    response = login(client, officer_b).get(url, HTTP_HX_REQUEST="true")
    assert response.status_code == 404 and "Hoàn thành xuất sắc nhiệm vụ" not in response.content.decode()


def test_the_unit_people_panel_reads_the_same_queries_however_many_people(client, officer_a, tree,
                                                                          django_assert_max_num_queries):
    from tests.conftest import make_person

    for i in range(40):
        make_person(tree["a1"], f"Lý Thị Hoa{i:02d}")
    login(client, officer_a)
    with django_assert_max_num_queries(9):
        body = client.get(reverse("people:unit_panel", args=[tree["a"].pk]), HTTP_HX_REQUEST="true").content
    assert "Cá nhân (40)" in body.decode()

# --- the CCCD oracle ---------------------------------------------------------------------------


def _add(client, unit, cccd, name="Vũ Văn Nam"):
    return client.post(reverse("people:create") + f"?don-vi={unit.pk}",
                       {"full_name": name, "gender": "nam", "cccd": cccd, "don-vi": unit.pk})


def _answer(response, cccd) -> tuple[int, str]:
    """The answer as the officer reads it, without the number they typed (the form keeps it)."""
    from tests.conftest import same_page

    return response.status_code, same_page(response.content).replace(cccd, "…")


def test_a_cccd_held_out_of_scope_is_refused_without_naming_anyone(client, officer_b, secretariat, person_a,
                                                                     person_b, tree):
    from thidua.people import cccd

    login(client, officer_b)
    for response in (_add(client, tree["b"], person_a.cccd),
                     client.post(reverse("people:edit", args=[person_b.pk]),
                                 {"full_name": person_b.full_name, "gender": "nu", "cccd": person_a.cccd})):
        body = response.content.decode()
        assert response.status_code == 200 and str(cccd.REFUSED) in html.unescape(body)
        assert "Nguyễn Văn Phóng" not in body and "Sở Nội vụ" not in body and "Phòng Công chức" not in body
    assert Person.objects.filter(cccd=person_a.cccd).count() == 1 and Person.objects.count() == 2
    # The secretariat sees both attempts on the holder's record, with who and where.
    events = AuditEvent.objects.filter(action="person.cccd_refused", target_id=person_a.pk)
    assert events.count() == 2 and {e.actor for e in events} == {officer_b}
    assert all(e.unit_path == tree["a1"].path and e.after["unit"] == "Sở Y tế" for e in events)
    history = login(client, secretariat).get(reverse("people:detail", args=[person_a.pk])).content.decode()
    assert "Từ chối số CCCD đã có trong hệ thống" in history


def test_the_answer_is_the_same_whether_or_not_the_number_is_on_record(client, officer_b, person_a, tree):
    """Before its daily budget of refusals, an account learns one bit per try, each one on
    the record; after it, a number on record and a free number get the same answer."""
    from tests.conftest import make_person
    from thidua.people import cccd

    other = make_person(tree["root"], "Đặng Văn Tỉnh", cccd="001090000001")
    login(client, officer_b)
    first = _answer(_add(client, tree["b"], person_a.cccd), person_a.cccd)
    assert first == _answer(_add(client, tree["b"], other.cccd), other.cccd)  # any holder, any unit
    for _ in range(cccd.REFUSALS_PER_DAY - 2):
        _add(client, tree["b"], person_a.cccd)
    free = _add(client, tree["b"], "001099999999")
    assert _answer(free, "001099999999") == first and not Person.objects.filter(cccd="001099999999").exists()
    assert _answer(_add(client, tree["b"], person_a.cccd), person_a.cccd) == first


def test_a_cccd_held_in_scope_names_the_person_to_open(client, officer_a, person_a, tree):
    response = _add(login(client, officer_a), tree["a"], person_a.cccd)
    assert "Số CCCD này đã thuộc về «Nguyễn Văn Phóng» (Phòng Công chức, viên chức)" in html.unescape(
        response.content.decode())
    assert Person.objects.count() == 1 and not AuditEvent.objects.filter(action="person.cccd_refused").exists()
