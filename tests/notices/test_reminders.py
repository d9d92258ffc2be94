import datetime as dt

from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from tests.conftest import login, make_person, make_unit
from thidua.movements import services as movement_services
from thidua.notices.due import due_items
from thidua.notices.models import Notification
from thidua.notices.services import reminders_send
from thidua.notices.tasks import send_reminders
from thidua.registrations.models import RegistrationSheet


def due_for_on(user, today):
    return due_items(today, user.pk)


def test_officers_are_reminded_of_their_units_missing_registrations(movement, tree, officer_a, officer_b, head_a,
                                                                      secretariat):
    RegistrationSheet.objects.create(unit=tree["b"], year=2026, movement=movement, state="submitted")
    today = dt.date(2026, 3, 26)
    titles = {u.username: [d.title for d in due_for_on(u, today)] for u in (officer_a, officer_b, head_a, secretariat)}
    # Sở A and its department have not registered; Sở B has, and waits for its head.
    assert titles["canbo_a"] == ["2 đơn vị chưa gửi đăng ký thi đua «Phong trào thi đua năm 2026»"]
    assert titles["canbo_b"] == []
    assert titles["thutruong_a"] == []
    assert titles["thuky"] == ["1 bản đăng ký thi đua «Phong trào thi đua năm 2026» chờ thủ trưởng duyệt",
                               "2 đơn vị chưa gửi đăng ký thi đua «Phong trào thi đua năm 2026»"]
    # Nothing is announced more than a week ahead.
    assert due_for_on(officer_a, dt.date(2026, 3, 1)) == []


def test_daily_run_stores_each_reminder_once_and_emails_it(movement, tree, officer_a,
                                                           django_capture_on_commit_callbacks):
    officer_a.email = "canbo.a@hason.gov.vn"
    officer_a.save()
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_send(today=dt.date(2026, 3, 30), base_url="https://thidua.hason.gov.vn") >= 1
    assert reminders_send(today=dt.date(2026, 3, 31)) == 0  # same deadline: not again
    note = Notification.objects.get(user=officer_a)
    assert note.due_on == dt.date(2026, 3, 31) and note.emailed_at is not None
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["canbo.a@hason.gov.vn"]
    assert "chưa gửi đăng ký thi đua" in mail.outbox[0].subject
    assert "https://thidua.hason.gov.vn/phong-trao/" in mail.outbox[0].body


def test_milestone_reminder_goes_to_who_runs_the_movement_until_held(movement, secretariat, officer_a):
    today = dt.date(2026, 6, 25)
    assert [d.title for d in due_for_on(secretariat, today)] == [
        "Sơ kết 6 tháng phong trào «Phong trào thi đua năm 2026»"]
    assert due_for_on(officer_a, today) == []
    movement_services.review_create(actor=secretariat, movement=movement, kind="so_ket", held_on=dt.date(2026, 6, 24))
    assert due_for_on(secretariat, today) == []


def test_task_and_command_run_the_same_service(movement, officer_a, time_machine):
    time_machine.move_to(dt.datetime(2026, 3, 29, 8, 0))
    assert send_reminders.call() >= 1
    assert Notification.objects.filter(user=officer_a).count() == 1
    call_command("reminders", "--now")
    assert Notification.objects.filter(user=officer_a).count() == 1


def test_todo_page_lists_due_items_and_notifications(client, movement, officer_a, time_machine, tree):
    make_person(make_unit(tree["a"], "T.A.2", "Phòng Tổ chức"), "Vũ Văn Hải")
    time_machine.move_to(dt.datetime(2026, 4, 2, 8, 0))
    reminders_send()
    login(client, officer_a)
    body = client.get(reverse("notices:todo")).content.decode()
    # Sở A and its two departments, past the deadline.
    assert "3 đơn vị chưa gửi đăng ký thi đua" in body and "quá hạn" in body and "31/03/2026" in body
    note = Notification.objects.get(user=officer_a)
    client.post(reverse("notices:read", args=[note.pk]))
    note.refresh_from_db()
    assert note.read_at is not None


def test_a_user_cannot_mark_someone_elses_notification(client, movement, officer_a, officer_b, time_machine):
    time_machine.move_to(dt.datetime(2026, 3, 29, 8, 0))
    reminders_send()
    note = Notification.objects.get(user=officer_a)
    login(client, officer_b)
    client.post(reverse("notices:read", args=[note.pk]))
    note.refresh_from_db()
    assert note.read_at is None
    assert "2 đơn vị chưa gửi đăng ký" not in client.get(reverse("notices:todo")).content.decode()


def test_the_cron_run_links_to_the_public_address(movement, tree, officer_a, settings,
                                                 django_capture_on_commit_callbacks):
    # `thidua reminders` from cron has no request: the links use THIDUA_PUBLIC_URL.
    settings.THIDUA_PUBLIC_URL = "https://thiduakhenthuong.hason.gov.vn"
    officer_a.email = "canbo.a@hason.gov.vn"
    officer_a.save()
    with django_capture_on_commit_callbacks(execute=True):
        reminders_send(today=dt.date(2026, 3, 30))
    assert "https://thiduakhenthuong.hason.gov.vn/phong-trao/" in mail.outbox[0].body
