"""Who takes part in a movement: one rule, and every page that asks gives the same answer —
the sheet page accepts a sheet from exactly the units that the progress page lists and
the reminders count (`movements.participation`, ADR 0005)."""

import datetime as dt
import json
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from tests.conftest import login, make_unit, make_user
from thidua.core.roles import Role
from thidua.movements import participation
from thidua.movements import services as movement_services
from thidua.notices.due import due_items
from thidua.org.models import Bloc, BlocMembership, Unit
from thidua.registrations.models import RegistrationSheet, SheetStatus

YEAR = 2026
# Five days before the registration deadline: sheets may be saved and reminders are due.
TODAY = dt.date(2026, 3, 26)
MISSING = "Chưa đăng ký"


@pytest.fixture
def today(time_machine):
    time_machine.move_to(dt.datetime(2026, 3, 26, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")), tick=False)
    return TODAY


@pytest.fixture
def more_units(tree):
    """Sở Tài chính: no people entered yet, still registers its collective titles.
    Sở Xây dựng: merged away last year, takes part in nothing."""
    empty = make_unit(tree["root"], "T.C", "Sở Tài chính")
    closed = make_unit(tree["root"], "T.D", "Sở Xây dựng")
    Unit.objects.filter(pk=closed.pk).update(active_until=dt.date(2025, 7, 1))
    closed.refresh_from_db()
    return {"empty": empty, "closed": closed}


@pytest.fixture
def officer_c(more_units):
    return make_user("canbo_c", Role.UNIT_OFFICER, more_units["empty"], "Đinh Thị Lan")


def sheet_url(unit, movement):
    return reverse("registrations:sheet", args=[unit.pk]) + f"?nam={YEAR}&phong-trao={movement.pk}"


def progress_rows(client, movement):
    """The rows of the progress page (the partial its filter re-renders)."""
    response = client.get(reverse("registrations:movement_progress", args=[movement.pk]),
                          headers={"HX-Request": "true"})
    assert response.status_code == 200
    return response.content.decode()


def reminders(user):
    return [d.title for d in due_items(TODAY, user.pk)]


def save(client, unit, movement, action="save"):
    return client.post(sheet_url(unit, movement), {"action": action, "unit_codes": ["TTLDTT"],
                                                   "grid": json.dumps({"p": {}})})


def test_a_unit_without_people_takes_part_the_organiser_and_a_closed_unit_do_not(
        client, today, movement, more_units, officer_c, secretariat, tree):
    name = movement.name
    login(client, secretariat)
    rows = progress_rows(client, movement)
    # Listed as not registered: Sở A, Phòng A1, Sở B (people) and Sở Tài chính (nobody yet).
    for unit in (tree["a"], tree["a1"], tree["b"], more_units["empty"]):
        assert unit.name in rows
    assert rows.count(MISSING) == 4
    assert tree["root"].name not in rows and "Sở Xây dựng" not in rows
    summary = client.get(reverse("registrations:movement_progress", args=[movement.pk])).content.decode()
    assert "0/4 đơn vị đã được duyệt đăng ký; 4 đơn vị chưa đăng ký." in summary
    # The reminders count the same four units, and Sở Tài chính's officer is reminded of it.
    assert reminders(secretariat) == [f"4 đơn vị chưa gửi đăng ký thi đua «{name}»"]
    assert reminders(officer_c) == [f"1 đơn vị chưa gửi đăng ký thi đua «{name}»"]

    # Sở Tài chính's officer may fill its sheet: the page offers the movement and saving.
    login(client, officer_c)
    page = client.get(sheet_url(more_units["empty"], movement)).content.decode()
    assert 'data-testid="not-participant"' not in page and 'name="action" value="save"' in page
    assert f'<option value="{movement.pk}" selected>{name} (' in page
    assert save(client, more_units["empty"], movement).status_code == 302
    sheet = RegistrationSheet.objects.get(unit=more_units["empty"], movement=movement)
    assert sheet.state == SheetStatus.DRAFT and list(sheet.registrations.values_list("code", flat=True)) == [
        "TTLDTT"]
    login(client, secretariat)
    rows = progress_rows(client, movement)
    assert rows.count(MISSING) == 3 and "Đang lập" in rows

    # The organiser launches the movement: its page says so in Vietnamese and refuses a sheet.
    page = client.get(sheet_url(tree["root"], movement)).content.decode()
    assert (f"«UBND tỉnh Thử Nghiệm» là cấp phát động phong trào «{name}», nên không đăng ký thi đua theo phong "
            "trào này") in page
    assert 'name="action" value="save"' not in page
    refused = save(client, tree["root"], movement)
    assert refused.status_code == 200
    assert "là cấp phát động phong trào" in refused.content.decode()
    # A closed unit no longer takes part in anything: the page and the save say why.
    page = client.get(sheet_url(more_units["closed"], movement)).content.decode()
    assert "«Sở Xây dựng» đã ngừng hoạt động nên không lập bản đăng ký mới." in page
    assert 'name="action" value="save"' not in page
    assert "«Sở Xây dựng» đã ngừng hoạt động" in save(client, more_units["closed"], movement).content.decode()
    assert not RegistrationSheet.objects.filter(unit__in=[tree["root"], more_units["closed"]]).exists()


def test_with_blocs_the_members_of_the_year_take_part(client, today, tree, secretariat, officer_a, officer_b, staff):
    """A movement followed by Sở A alone (not its offices) and the bloc of the sở: Sở Y tế
    is in the bloc this year, Phòng A1 only was last year."""
    bloc = Bloc.objects.create(code="K1", name="Khối các sở", organiser=tree["root"])
    BlocMembership.objects.create(bloc=bloc, unit=tree["b"], year=YEAR)
    BlocMembership.objects.create(bloc=bloc, unit=tree["a1"], year=YEAR - 1)
    movement = movement_services.movement_create(
        actor=secretariat, organiser=tree["root"], name="Thi đua cải cách hành chính", kind="chuyen_de", year=YEAR,
        participants=[(tree["a"], False)], blocs=[bloc], registration_deadline=dt.date(2026, 3, 31))
    login(client, secretariat)
    rows = progress_rows(client, movement)
    assert "Sở Nội vụ" in rows and "Sở Y tế" in rows and "Phòng Công chức" not in rows
    assert rows.count(MISSING) == 2
    # Officer A covers Sở A and Phòng A1: only Sở A is due; Sở Y tế's officer is reminded of Sở Y tế.
    assert reminders(officer_a) == ["1 đơn vị chưa gửi đăng ký thi đua «Thi đua cải cách hành chính»"]
    assert reminders(officer_b) == ["1 đơn vị chưa gửi đăng ký thi đua «Thi đua cải cách hành chính»"]

    login(client, officer_a)
    page = client.get(sheet_url(tree["a1"], movement)).content.decode()
    assert ("«Phòng Công chức, viên chức» không thuộc các đơn vị tham gia phong trào «Thi đua cải cách hành "
            "chính» năm 2026") in page
    refused = save(client, tree["a1"], movement)
    assert refused.status_code == 200 and "không thuộc các đơn vị tham gia phong trào" in refused.content.decode()
    assert save(client, tree["a"], movement, "submit").status_code == 302
    login(client, officer_b)
    assert save(client, tree["b"], movement, "submit").status_code == 302
    assert set(RegistrationSheet.objects.filter(movement=movement, state=SheetStatus.SUBMITTED)
               .values_list("unit__code", flat=True)) == {"T.A", "T.B"}
    # Both sent: nothing left to remind the officers of; the heads' approval is what is due.
    assert reminders(officer_a) == reminders(officer_b) == []
    assert reminders(secretariat) == ["2 bản đăng ký thi đua «Thi đua cải cách hành chính» chờ thủ trưởng duyệt"]
    login(client, secretariat)
    assert progress_rows(client, movement).count("Chờ thủ trưởng duyệt") == 2


@pytest.mark.parametrize("case", ["default", "listed", "blocs", "nobody"])
def test_the_database_and_the_memory_give_the_same_units(tree, more_units, secretariat, staff, case):
    """`Reach.q()` and `Reach.includes()` are the same rule: for every unit of the tree they agree,
    and they give the units an officer would expect."""
    bloc = Bloc.objects.create(code="K1", name="Khối các sở", organiser=tree["root"])
    BlocMembership.objects.create(bloc=bloc, unit=more_units["empty"], year=YEAR)
    BlocMembership.objects.create(bloc=bloc, unit=more_units["closed"], year=YEAR)
    BlocMembership.objects.create(bloc=bloc, unit=tree["b"], year=YEAR - 1)
    parts = {"default": {}, "listed": {"participants": [(tree["a"], True), (tree["b"], False)]},
             "blocs": {"participants": [(tree["a1"], False)], "blocs": [bloc]}, "nobody": {}}[case]
    movement = movement_services.movement_create(actor=secretariat, organiser=tree["root"], name="Phong trào",
                                                 year=YEAR, **parts)
    if case == "nobody":  # what an edit leaving every box empty saves
        movement.participants.all().delete()
    expected = {
        "default": {"T.A", "T.A.1", "T.B", "T.C"},
        "listed": {"T.A", "T.A.1", "T.B"},
        "blocs": {"T.A.1", "T.C"},
        "nobody": {"T.A", "T.A.1", "T.B", "T.C"},
    }[case]
    reach = participation.reach(movement, YEAR)
    assert set(participation.units(movement, YEAR).values_list("code", flat=True)) == expected
    assert {u.code for u in Unit.objects.all() if reach.includes(u)} == expected
