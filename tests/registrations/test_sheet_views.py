"""The sheet page: fill, send, approve, return, reopen — each button only for who may press it."""

import datetime as dt
import io
import json

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from tests.conftest import login, make_person, make_user
from tests.html_forms import assert_refused_as_stale, form_values, race
from tests.registrations.conftest import AFTER_DEADLINE, YEAR
from tests.xlsx_cells import MINUS, NAME, PLUS, assert_text_cells
from thidua.core.models import AuditEvent
from thidua.core.roles import Role
from thidua.registrations import services
from thidua.registrations.models import Registration, RegistrationSheet, SheetStatus

pytestmark = pytest.mark.usefixtures("season")


def move_url(pk: int, slug: str) -> str:
    """The sheet's one transition view, for the move whose slug is SLUG."""
    return reverse("registrations:transition", args=[pk, slug])


def sheet_url(unit, movement=None, year=YEAR):
    """The sheet of MOVEMENT, or the unit's general sheet of the year (an empty `phong-trao`)."""
    url = reverse("registrations:sheet", args=[unit.pk]) + f"?nam={year}"
    return url + f"&phong-trao={movement.pk if movement else ''}"


def registered(person=None, unit=None):
    qs = Registration.objects.filter(person=person) if person else Registration.objects.filter(
        person__isnull=True, unit=unit)
    return sorted(qs.values_list("code", flat=True))


def test_the_page_lists_the_units_people_with_a_box_per_title(client, officer_a, tree, person_a, colleague):
    body = login(client, officer_a).get(sheet_url(tree["a1"])).content.decode()
    assert "Bản đăng ký thi đua năm 2026 — Phòng Công chức, viên chức" in body
    assert "Nguyễn Văn Phóng" in body and "Trần Thị Hoa" in body
    assert f'name="p{person_a.pk}" value="LDTT"' in body and f'name="p{person_a.pk}" value="CSTD_TINH"' in body
    assert 'name="unit_codes" value="TTLDXS"' in body
    assert "Chưa lập" in body and not RegistrationSheet.objects.exists()  # looking makes nothing


def test_saving_without_script_makes_the_sheet(client, officer_a, tree, person_a, colleague):
    login(client, officer_a)
    response = client.post(sheet_url(tree["a1"]), {
        "action": "save", "unit_codes": ["TTLDTT"], "targets": "Hoàn thành 100% chỉ tiêu",
        f"p{person_a.pk}": ["LDTT", "CSTDCS"], f"n{person_a.pk}": "Đề tài cấp cơ sở", f"p{colleague.pk}": ["LDTT"],
    })
    assert response.status_code == 302 and response["Location"] == sheet_url(tree["a1"])
    sheet = RegistrationSheet.objects.get()
    assert sheet.state == SheetStatus.DRAFT and sheet.targets == "Hoàn thành 100% chỉ tiêu"
    assert registered(person_a) == ["CSTDCS", "LDTT"] and registered(colleague) == ["LDTT"]
    assert registered(unit=tree["a1"]) == ["TTLDTT"]
    assert Registration.objects.filter(person=person_a, note="Đề tài cấp cơ sở").count() == 2
    body = client.get(sheet_url(tree["a1"])).content.decode()
    assert "Đang lập" in body and "Lưu bản đăng ký thi đua" in body  # the audit panel


def test_the_script_sends_the_grid_as_json(client, officer_a, tree, person_a, colleague):
    login(client, officer_a)
    grid = {"p": {str(person_a.pk): ["LDTT"], str(colleague.pk): []}, "n": {str(person_a.pk): "Ghi chú"}}
    response = client.post(sheet_url(tree["a1"]), {"action": "submit", "grid": json.dumps(grid)})
    assert response.status_code == 302
    assert registered(person_a) == ["LDTT"] and registered(colleague) == []
    assert RegistrationSheet.objects.get().state == SheetStatus.SUBMITTED


def test_a_refused_save_keeps_the_ticks_and_names_the_reason(client, officer_a, tree, person_a, movement):
    login(client, officer_a)
    grid = {"p": {str(person_a.pk): ["LDTT", "CSTDCS"]}}
    response = client.post(sheet_url(tree["a1"]), {"action": "submit", "grid": json.dumps(grid)})
    assert response.status_code == 302
    other = make_person(tree["a1"], "Vũ Văn Nam")
    # Nam moves to Sở A between the page and the save: the error names him, nothing is written.
    grid = {"p": {str(person_a.pk): ["LDTT"], str(other.pk): ["LDTT"]}}
    other.current_unit = tree["a"]
    other.save()
    response = client.post(sheet_url(tree["a1"], movement), {"action": "save", "grid": json.dumps(grid),
                                                              "targets": "Chỉ tiêu mới"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "«Vũ Văn Nam» hiện không công tác tại «Phòng Công chức, viên chức»" in body
    assert "Chỉ tiêu mới" in body
    assert not RegistrationSheet.objects.filter(movement=movement).exists()


def test_the_head_approves_but_does_not_fill(client, officer_a, head_a, tree, person_a):
    sheet = services.sheet_get_or_create(actor=officer_a, unit=tree["a1"], year=YEAR)
    services.sheet_save(actor=officer_a, sheet=sheet, unit_codes=[], person_codes={person_a.pk: ["LDTT"]},
                        targets="")
    services.sheet_submit(actor=officer_a, sheet=sheet)
    login(client, head_a)
    body = client.get(sheet_url(tree["a1"])).content.decode()
    assert 'name="action" value="save"' not in body and f'name="p{person_a.pk}"' not in body
    assert move_url(sheet.pk, "duyet") in body
    assert move_url(sheet.pk, "tra-lai") in body
    assert client.post(sheet_url(tree["a1"]), {"action": "save"}).status_code == 403
    response = client.post(move_url(sheet.pk, "duyet"))
    assert response.status_code == 302 and response["Location"] == sheet_url(tree["a1"])
    sheet.refresh_from_db()
    assert sheet.state == SheetStatus.APPROVED and sheet.approved_by == head_a
    body = client.get(sheet_url(tree["a1"])).content.decode()
    assert "Hoàng Văn Cường" in body and move_url(sheet.pk, "mo-lai") in body


def test_the_officer_may_not_approve(client, officer_a, tree, person_a):
    sheet = services.sheet_get_or_create(actor=officer_a, unit=tree["a1"], year=YEAR)
    services.sheet_save(actor=officer_a, sheet=sheet, unit_codes=[], person_codes={person_a.pk: ["LDTT"]},
                        targets="")
    login(client, officer_a)
    assert move_url(sheet.pk, "duyet") not in client.get(sheet_url(tree["a1"])).content.decode()
    assert client.post(move_url(sheet.pk, "duyet")).status_code == 403
    assert client.post(sheet_url(tree["a1"]), {"action": "approve", "grid": "{}"}).status_code == 403
    sheet.refresh_from_db()
    assert sheet.state == SheetStatus.DRAFT


def test_return_and_reopen_need_a_reason(client, officer_a, head_a, tree, person_a):
    sheet = services.sheet_get_or_create(actor=officer_a, unit=tree["a1"], year=YEAR)
    services.sheet_save(actor=officer_a, sheet=sheet, unit_codes=[], person_codes={person_a.pk: ["LDTT"]},
                        targets="")
    services.sheet_submit(actor=officer_a, sheet=sheet)
    login(client, head_a)
    response = client.post(move_url(sheet.pk, "tra-lai"), {"tra-lai-reason": ""}, follow=True)
    assert "Cần ghi rõ lý do trả lại." in response.content.decode()
    client.post(move_url(sheet.pk, "tra-lai"), {"tra-lai-reason": "Bổ sung chỉ tiêu"})
    sheet.refresh_from_db()
    assert sheet.state == SheetStatus.RETURNED
    body = login(client, officer_a).get(sheet_url(tree["a1"])).content.decode()
    assert "Thủ trưởng đã trả lại bản đăng ký để sửa." in body and "Bổ sung chỉ tiêu" in body
    client.post(sheet_url(tree["a1"]), {"action": "approve"})  # the officer has no such button
    services.sheet_approve(actor=head_a, sheet=sheet)
    login(client, head_a).post(move_url(sheet.pk, "mo-lai"), {"mo-lai-reason": "Sai tên"})
    sheet.refresh_from_db()
    assert sheet.state == SheetStatus.DRAFT
    assert AuditEvent.objects.filter(action="registration.sheet_reopen", reason="Sai tên").exists()


def test_the_secretariat_saves_and_approves_in_one_go(client, secretariat, tree, person_a):
    login(client, secretariat).post(sheet_url(tree["a1"]), {"action": "approve", f"p{person_a.pk}": ["LDTT"]})
    sheet = RegistrationSheet.objects.get()
    assert sheet.state == SheetStatus.APPROVED and registered(person_a) == ["LDTT"]


def test_past_the_deadline_the_officer_sees_why_and_cannot_save(client, time_machine, officer_a, secretariat, tree,
                                                                 person_a, movement):
    time_machine.move_to(AFTER_DEADLINE, tick=False)
    login(client, officer_a)
    body = client.get(sheet_url(tree["a1"], movement)).content.decode()
    assert "Đã quá hạn đăng ký (31/03/2026)" in body and 'name="action"' not in body
    response = client.post(sheet_url(tree["a1"], movement), {"action": "save", f"p{person_a.pk}": ["LDTT"]})
    assert response.status_code == 200 and "Đã quá hạn đăng ký (31/03/2026)" in response.content.decode()
    assert not Registration.objects.exists()
    login(client, secretariat).post(sheet_url(tree["a1"], movement), {"action": "save", f"p{person_a.pk}": ["LDTT"]})
    assert registered(person_a) == ["LDTT"]


def test_a_title_registered_elsewhere_is_shown_not_editable(client, secretariat, officer_a, tree, person_a):
    person_a.current_unit = tree["b"]
    person_a.save()
    sheet_b = services.sheet_get_or_create(actor=secretariat, unit=tree["b"], year=YEAR)
    services.sheet_save(actor=secretariat, sheet=sheet_b, unit_codes=[], person_codes={person_a.pk: ["LDTT"]},
                        targets="")
    person_a.current_unit = tree["a1"]
    person_a.save()
    body = login(client, officer_a).get(sheet_url(tree["a1"])).content.decode()
    assert "Đã đăng ký tại «Sở Y tế»" in body
    assert f'name="p{person_a.pk}" value="LDTT"' not in body


def test_the_page_takes_a_few_queries_whatever_the_head_count(client, officer_a, tree, person_a,
                                                              django_assert_max_num_queries):
    sheet = services.sheet_get_or_create(actor=officer_a, unit=tree["a1"], year=YEAR)
    people = [make_person(tree["a1"], f"Nguyễn Văn Số {i}") for i in range(120)]
    services.sheet_save(actor=officer_a, sheet=sheet, unit_codes=["TTLDTT"],
                        person_codes={p.pk: ["LDTT"] for p in people}, targets="")
    login(client, officer_a)
    with django_assert_max_num_queries(12):
        response = client.get(sheet_url(tree["a1"]))
    assert response.content.decode().count('value="LDTT" aria-label') == 121


def test_the_sheet_export_lists_who_registered_for_what(client, officer_a, tree, person_a, colleague):
    sheet = services.sheet_get_or_create(actor=officer_a, unit=tree["a1"], year=YEAR)
    services.sheet_save(actor=officer_a, sheet=sheet, unit_codes=["TTLDTT"], person_codes={person_a.pk: ["LDTT"]},
                        person_notes={person_a.pk: "Sáng kiến"}, targets="Chỉ tiêu")
    response = login(client, officer_a).get(reverse("registrations:sheet_export", args=[tree["a1"].pk]),
                                            {"nam": YEAR})
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][0] == "Bản đăng ký thi đua năm 2026 — Phòng Công chức, viên chức (Đang lập)"
    assert rows[2][1:] == ("Phòng Công chức, viên chức (tập thể)", None, None, "Tập thể lao động tiên tiến",
                           "Chỉ tiêu")
    assert rows[3][1] == "Nguyễn Văn Phóng" and rows[3][2] == dt.datetime(1985, 3, 14)
    assert rows[3][4:] == ("Lao động tiên tiến", "Sáng kiến")
    assert len(rows) == 4  # Hoa registered nothing


def test_the_unit_and_person_pages_link_to_the_sheet(client, officer_a, tree, person_a):
    login(client, officer_a)
    sheet = reverse("registrations:sheet", args=[tree["a1"].pk])
    assert sheet in client.get(reverse("org:detail", args=[tree["a1"].pk])).content.decode()
    assert f"{sheet}#p-{person_a.pk}" in client.get(reverse("people:detail", args=[person_a.pk])).content.decode()


def test_a_save_from_a_stale_page_says_why(client, officer_a, tree, person_a):
    sheet = services.sheet_get_or_create(actor=officer_a, unit=tree["a1"], year=YEAR)
    services.sheet_save(actor=officer_a, sheet=sheet, unit_codes=[], person_codes={person_a.pk: ["LDTT"]},
                        targets="")
    services.sheet_submit(actor=officer_a, sheet=sheet)
    response = login(client, officer_a).post(sheet_url(tree["a1"]), {"action": "save", f"p{person_a.pk}": []})
    assert response.status_code == 200
    assert "nên không sửa được; cần thủ trưởng trả lại để sửa, hoặc duyệt." in response.content.decode()
    assert registered(person_a) == ["LDTT"]


def test_without_a_choice_the_page_opens_the_yearly_movement_sheet(client, officer_a, tree, person_a, movement):
    login(client, officer_a)
    url = reverse("registrations:sheet", args=[tree["a1"].pk]) + f"?nam={YEAR}"
    assert movement.name in client.get(url).content.decode()
    client.post(url, {"action": "save", "grid": json.dumps({"p": {str(person_a.pk): ["LDTT"]}})})
    assert RegistrationSheet.objects.get(unit=tree["a1"]).movement == movement


@pytest.mark.parametrize("asked", [False, True], ids=["default-movement", "movement-asked"])
def test_the_page_reads_the_units_movements_once(client, officer_a, tree, person_a, movement, asked):
    """The movement list, the default movement, the one asked for and whether the unit takes
    part all come from one read of the unit's movements."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from thidua.movements.models import Movement
    from thidua.org.models import Bloc, BlocMembership

    bloc = Bloc.objects.create(code="K1", name="Khối các sở", organiser=tree["root"])
    BlocMembership.objects.create(bloc=bloc, unit=tree["a1"], year=YEAR)
    thematic = Movement.objects.create(organiser=tree["a"], name="Thi đua chuyển đổi số", kind="chuyen_de",
                                       year=YEAR)
    thematic.blocs.add(bloc)
    login(client, officer_a)
    url = sheet_url(tree["a1"], movement) if asked else reverse("registrations:sheet", args=[tree["a1"].pk])
    with CaptureQueriesContext(connection) as ctx:
        body = client.get(url).content.decode()
    sql = [q["sql"] for q in ctx.captured_queries]
    assert sum('FROM "movements_movement" ' in s for s in sql) == 1
    assert sum('FROM "movements_participant" ' in s for s in sql) == 1
    assert len(sql) <= 13  # 22 when the unit's movements were read three times
    assert f'<option value="{movement.pk}" selected>' in body and "Thi đua chuyển đổi số" in body
    assert 'name="action" value="save"' in body


def test_the_sheet_export_writes_user_text_as_text(client, officer_a, tree, person_a):
    from thidua.people.models import Person

    Person.objects.filter(pk=person_a.pk).update(full_name=NAME, position=PLUS)
    person_a.refresh_from_db()
    sheet = services.sheet_get_or_create(actor=officer_a, unit=tree["a1"], year=YEAR)
    services.sheet_save(actor=officer_a, sheet=sheet, unit_codes=["TTLDTT"], person_codes={person_a.pk: ["LDTT"]},
                        person_notes={person_a.pk: MINUS}, targets="=1+1")
    response = login(client, officer_a).get(reverse("registrations:sheet_export", args=[tree["a1"].pk]),
                                            {"nam": YEAR})
    assert_text_cells(response.content, NAME, PLUS, MINUS, "=1+1")


@pytest.mark.parametrize("made_before", [False, True], ids=["no-sheet-yet", "sheet-saved-before"])
def test_a_save_on_a_page_opened_before_anothers_save_is_refused(client, officer_a, tree, person_a, colleague,
                                                                  made_before):
    """Two officers fill the same sheet: the later save, made on what the page showed
    before the first one, would silently undo it; it is refused naming who saved first,
    and what the second officer ticked stays on the page (issue 10, C)."""
    if made_before:
        sheet = services.sheet_get_or_create(actor=officer_a, unit=tree["a1"], year=YEAR)
        services.sheet_save(actor=officer_a, sheet=sheet, unit_codes=[], person_codes={colleague.pk: ["LDTT"]},
                            targets="")
    other = make_user("canbo_a2", Role.UNIT_OFFICER, tree["a"], "Đỗ Văn Quang")
    saved, response = race(login(client, officer_a), login(Client(), other), sheet_url(tree["a1"]), "targets",
                           {f"p{person_a.pk}": ["LDTT", "CSTDCS"]}, {"targets": "Hoàn thành 100% chỉ tiêu"})

    assert saved.status_code == 302
    assert_refused_as_stale(response, saved_by="Lê Văn An", kept="Hoàn thành 100% chỉ tiêu")
    assert registered(person_a) == ["CSTDCS", "LDTT"]
    assert RegistrationSheet.objects.get(unit=tree["a1"]).targets == ""


def test_the_first_save_of_a_new_sheet_is_not_stale(client, officer_a, tree, person_a):
    """A page opened before any sheet existed saves into the sheet its own save makes."""
    response = login(client, officer_a).post(sheet_url(tree["a1"]), {
        **form_values(client.get(sheet_url(tree["a1"])).content, "targets"), f"p{person_a.pk}": ["LDTT"]})
    assert response.status_code == 302 and registered(person_a) == ["LDTT"]
