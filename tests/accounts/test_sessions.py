"""Sessions last a working day and end when the browser closes; password changes are audited."""

from django.urls import reverse

from tests.conftest import PASSWORD, login, make_user
from thidua.core.models import AuditEvent


def test_the_session_cookie_ends_with_the_browser(client, officer_a):
    login(client, officer_a)
    cookie = client.cookies["sessionid"]
    # No Max-Age and no Expires: the browser forgets the cookie when it closes.
    assert cookie["max-age"] == "" and cookie["expires"] == ""
    assert cookie["httponly"]


def test_the_session_ends_after_eight_hours(client, officer_a, time_machine):
    time_machine.move_to("2026-03-02 07:30:00+07:00", tick=False)
    login(client, officer_a)
    time_machine.move_to("2026-03-02 15:29:00+07:00", tick=False)
    assert client.get(reverse("home:dashboard")).status_code == 200
    time_machine.move_to("2026-03-02 15:30:01+07:00", tick=False)
    response = client.get(reverse("home:dashboard"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))


def test_a_password_change_is_audited_without_the_password(client, tree, officer_a):
    login(client, officer_a)
    new = "Thi-dua-moi-2027"
    response = client.post(reverse("accounts:password_change"), {
        "old_password": PASSWORD, "new_password1": new, "new_password2": new})
    assert response.status_code == 302
    event = AuditEvent.objects.get(action="user.password_change")
    assert event.actor == officer_a and event.target_id == officer_a.pk
    officer_a.refresh_from_db()
    recorded = f"{event.before} {event.after} {event.reason} {event.target_label}"
    assert new not in recorded and PASSWORD not in recorded and officer_a.password not in recorded
    assert client.get(reverse("home:dashboard")).status_code == 200  # this session stays signed in
    client.logout()
    login(client, officer_a, password=new)
    # The administrator reads it in the account's history.
    admin = make_user("quantri", "admin", tree["root"], "Quản Văn Trị")
    login(client, admin)
    assert "Đổi mật khẩu" in client.get(reverse("accounts:user_detail", args=[officer_a.pk])).content.decode()


def test_a_refused_password_change_writes_nothing(client, officer_a):
    login(client, officer_a)
    response = client.post(reverse("accounts:password_change"), {
        "old_password": "sai", "new_password1": "Thi-dua-moi-2027", "new_password2": "Thi-dua-moi-2027"})
    assert response.status_code == 200
    assert not AuditEvent.objects.filter(action="user.password_change").exists()

