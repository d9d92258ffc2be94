"""The pages read each user's reminders from the store, and the store never shows an item that
has been done: whatever a service changes is on the next page, for the user who did it and for
everyone else it concerned."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.db import transaction
from django.urls import reverse

from tests.conftest import login, make_person, make_unit, make_user
from tests.notices.conftest import DEADLINE, at
from thidua.core import audit
from thidua.core.models import AuditEvent
from thidua.core.roles import Role
from thidua.notices.models import DueRefresh, Notification
from thidua.notices.services import reminders_send
from thidua.registrations import selectors as sheets
from thidua.registrations import services as registrations

UNSENT = "đơn vị chưa gửi đăng ký thi đua «Phong trào thi đua năm 2026»"
WAITING = "bản đăng ký thi đua «Phong trào thi đua năm 2026» chờ thủ trưởng duyệt"


def due_list(client, url="notices:todo") -> str:
    """The text of the page's "what is due" list."""
    body = client.get(reverse(url)).content.decode()
    start = body.index('data-testid="due"')
    return body[start:body.index("</ul>", start)]


def bell(client) -> int:
    found = re.search(r'data-testid="unread-notices">(\d+)<', client.get(reverse("notices:todo")).content.decode())
    return int(found.group(1)) if found else 0


def send_sheet(actor, unit, movement):
    sheet = registrations.sheet_get_or_create(actor=actor, unit=unit, year=2026, movement=movement)
    registrations.sheet_save(actor=actor, sheet=sheet, unit_codes=["TTLDTT"], person_codes={}, targets="")
    return registrations.sheet_submit(actor=actor, sheet=sheet)


@pytest.fixture
def season(time_machine):
    time_machine.move_to(at(DEADLINE - dt.timedelta(days=4)), tick=False)


def test_a_sheet_submitted_today_leaves_the_officers_list_at_once(client, movement, tree, officer_a, season):
    login(client, officer_a)
    assert f"2 {UNSENT}" in due_list(client)
    assert f"2 {UNSENT}" in due_list(client, "home:dashboard")
    send_sheet(officer_a, tree["a1"], movement)
    assert f"1 {UNSENT}" in due_list(client)
    assert f"1 {UNSENT}" in due_list(client, "home:dashboard")
    send_sheet(officer_a, tree["a"], movement)
    assert UNSENT not in due_list(client)
    assert UNSENT not in due_list(client, "home:dashboard")
    assert bell(client) == 0
    # It stays in the history, marked as no longer to do.
    body = client.get(reverse("notices:todo")).content.decode()
    assert f"0 {UNSENT}" not in body and "không còn nhắc" in body


def test_what_one_person_does_leaves_everyone_elses_list(client, movement, tree, officer_a, head_a, secretariat,
                                                          season):
    second_head = make_user("thutruong_a2", Role.UNIT_HEAD, tree["a"], "Vũ Thị Lan")
    send_sheet(officer_a, tree["a1"], movement)
    send_sheet(officer_a, tree["a"], movement)
    for head in (head_a, second_head):
        assert f"2 {WAITING}" in due_list(login(client, head))
    assert f"1 {UNSENT}" in due_list(login(client, secretariat))  # Sở B is left
    for unit in (tree["a1"], tree["a"]):
        registrations.sheet_approve(actor=head_a, sheet=sheets.sheet_find(unit, 2026, movement))
    assert WAITING not in due_list(login(client, second_head))
    assert WAITING not in due_list(login(client, head_a))


def test_a_returned_sheet_brings_the_reminder_back_unread(client, movement, tree, officer_a, head_a, season):
    assert f"2 {UNSENT}" in due_list(login(client, officer_a))
    client.post(reverse("notices:read_all"))
    assert bell(client) == 0
    sheet = send_sheet(officer_a, tree["a1"], movement)
    send_sheet(officer_a, tree["a"], movement)
    assert UNSENT not in due_list(client)
    registrations.sheet_return(actor=head_a, sheet=sheet, reason="Thiếu chỉ tiêu của phòng")
    assert f"1 {UNSENT}" in due_list(client)
    assert bell(client) == 1


def test_a_change_in_another_branch_is_read_from_the_store(client, movement, tree, officer_a, officer_b, secretariat,
                                                          season, django_assert_num_queries):
    login(client, officer_a)
    before = due_list(client)
    with django_assert_num_queries(9):  # the store is current: no provider runs
        client.get(reverse("notices:todo"))
    send_sheet(officer_b, tree["b"], movement)
    with django_assert_num_queries(9):  # Sở B's sheet cannot change Sở A's officer's reminders
        assert due_list(client) == before
    # The province's secretariat, above Sở B, sees it at once.
    login(client, secretariat)
    assert f"2 {UNSENT}" in due_list(client) and f"1 {WAITING}" in due_list(client)


def test_a_change_recorded_above_the_unit_reaches_it(client, movement, tree, officer_a, secretariat, season):
    """An Excel import writes its rows and one audit event at their units' common path, here
    the province: the officers of every unit below are concerned."""
    assert f"2 {UNSENT}" in due_list(login(client, officer_a))
    with transaction.atomic():  # as imports.services applies a batch
        make_person(make_unit(tree["a"], "T.A.2", "Phòng Tổ chức cán bộ"), "Vũ Văn Hải")
        make_person(tree["b"], "Đỗ Thị Hà")
        audit.record(actor=secretariat, action="people.import", target=tree["root"], unit_path=tree["root"].path)
    assert f"3 {UNSENT}" in due_list(client)


def test_the_list_moves_on_with_the_days(client, movement, officer_a, time_machine):
    time_machine.move_to(at(DEADLINE - dt.timedelta(days=8)), tick=False)
    assert UNSENT not in due_list(login(client, officer_a))  # more than a week ahead
    # Each day the officer signs in again (a session lasts a working day).
    time_machine.move_to(at(DEADLINE - dt.timedelta(days=7)), tick=False)
    assert f"2 {UNSENT}" in due_list(login(client, officer_a))
    time_machine.move_to(at(DEADLINE + dt.timedelta(days=1)), tick=False)
    assert "quá hạn" in due_list(login(client, officer_a))
    time_machine.move_to(at(DEADLINE + dt.timedelta(days=4)), tick=False)  # three days late is the last
    assert UNSENT not in due_list(login(client, officer_a))
    assert "không còn nhắc" in client.get(reverse("notices:todo")).content.decode()


def test_a_change_committed_after_a_refresh_under_a_lower_number_is_not_missed(client, movement, tree, officer_a,
                                                                              season):
    """On PostgreSQL an event's id is taken when it is written, not when it commits: a
    transaction still running during a refresh commits later under an id below the mark."""
    registrations.sheet_get_or_create(actor=officer_a, unit=tree["a1"], year=2026, movement=movement)
    running = AuditEvent.objects.earliest("pk").pk
    AuditEvent.objects.filter(pk=running).delete()  # as if its transaction were still running during the refresh
    assert f"2 {UNSENT}" in due_list(login(client, officer_a))
    assert running in DueRefresh.objects.get().holes
    send_sheet(officer_a, tree["a1"], movement)
    send_sheet(officer_a, tree["a"], movement)
    # Everything since the refresh hides under the running transaction's id; the submission last.
    newest = AuditEvent.objects.filter(pk__gt=DueRefresh.objects.get().mark)
    submitted = newest.get(action="registration.sheet_submit", target_id=sheets.sheet_find(
        tree["a"], 2026, movement).pk)
    newest.exclude(pk=submitted.pk).delete()
    AuditEvent.objects.filter(pk=submitted.pk).update(id=running)
    assert f"1 {UNSENT}" not in due_list(client) and UNSENT not in due_list(client)


def test_the_daily_run_emails_what_a_page_stored_but_not_what_is_done(client, movement, tree, officer_a, officer_b,
                                                                      season, django_capture_on_commit_callbacks):
    for officer, address in ((officer_a, "canbo.a@hason.gov.vn"), (officer_b, "canbo.b@hason.gov.vn")):
        officer.email = address
        officer.save()
    assert f"2 {UNSENT}" in due_list(login(client, officer_a))  # stored by the page, not e-mailed
    assert f"1 {UNSENT}" in due_list(login(client, officer_b))
    send_sheet(officer_b, tree["b"], movement)
    with django_capture_on_commit_callbacks(execute=True):
        reminders_send(base_url="https://thidua.hason.gov.vn")
    assert [m.to for m in mail.outbox] == [["canbo.a@hason.gov.vn"]]
    assert f"2 {UNSENT}" in mail.outbox[0].subject
    with django_capture_on_commit_callbacks(execute=True):
        reminders_send()
    assert len(mail.outbox) == 1  # once


def test_the_refresh_runs_the_providers_once_for_everyone(client, movement, officer_a, officer_b, secretariat,
                                                         season):
    login(client, secretariat)
    client.get(reverse("notices:todo"))
    stored = dict(Notification.objects.filter(closed_at__isnull=True).values_list("user__username", "title"))
    assert stored == {"canbo_a": f"2 {UNSENT}", "canbo_b": f"1 {UNSENT}", "thuky": f"3 {UNSENT}"}


def test_an_administrator_granted_on_a_department_sees_changes_everywhere(client, movement, tree, officer_b, season):
    # An administrator is reminded for the whole installation, wherever the grant sits.
    admin = make_user("quantri", Role.ADMIN, tree["a1"], "Phạm Minh Quân")
    login(client, admin)
    before = due_list(client)
    send_sheet(officer_b, tree["b"], movement)  # in another branch than the grant
    assert due_list(client) != before


def test_a_count_that_changes_does_not_undo_read_and_costs_no_query_per_user(
        client, movement, tree, officer_a, season, django_assert_max_num_queries):
    from thidua.notices.services import reminders_refresh

    officers = [make_user(f"canbo{i}", Role.UNIT_OFFICER, tree["root"], f"Cán bộ Số {i}") for i in range(20)]
    reminders_refresh()
    login(client, officers[0])
    client.post(reverse("notices:read_all"))
    assert bell(client) == 0
    count = int(re.search(rf"(\d+) {UNSENT}", due_list(client)).group(1))
    send_sheet(officer_a, tree["a1"], movement)  # every officer's count drops by one
    with django_assert_max_num_queries(30):
        reminders_refresh()
    assert f"{count - 1} {UNSENT}" in due_list(client) and bell(client) == 0  # still read


@pytest.mark.django_db(transaction=True)
def test_a_busy_database_does_not_stop_the_home_page(client, movement, tree, officer_a, season):
    import sqlite3

    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("SQLite's single write lock; PostgreSQL refreshes under a row lock")
    login(client, officer_a)
    stored = due_list(client, "home:dashboard")
    send_sheet(officer_a, tree["a1"], movement)  # the officer's stored list is now stale
    # Another writer (a long import, a certificate batch) holds the write lock meanwhile.
    other = sqlite3.connect(connection.settings_dict["NAME"], uri=True, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")  # holds the write lock; readers go on (WAL)
        response = client.get(reverse("home:dashboard"))
        assert response.status_code == 200
        assert "Việc cần làm" in response.content.decode() and stored in response.content.decode()
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert stored not in due_list(client, "home:dashboard")  # brought up to date once the lock is free
