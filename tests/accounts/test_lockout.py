"""Sign-in lockout: the account's counter, the address's counter, and names that sign in
to no account (issue 10, finding 7)."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from tests.conftest import PASSWORD, login, make_user
from thidua.accounts import lockout, services
from thidua.accounts.models import RoleGrant, SignInFailure, SignInLock
from thidua.core.models import AuditEvent

URL = "/tai-khoan/dang-nhap/"
PROXY = "10.0.0.5"


@pytest.fixture(autouse=True)
def limits(settings):
    settings.THIDUA_SIGNIN_ACCOUNT_LIMIT = 5
    settings.THIDUA_SIGNIN_ADDRESS_LIMIT = 20
    settings.THIDUA_SIGNIN_WINDOW_MINUTES = 15


def attempt(client, username, password, address="192.0.2.1", forwarded=None):
    extra = {"REMOTE_ADDR": address}
    if forwarded:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    client.cookies.clear()
    return client.post(URL, {"username": username, "password": password}, **extra)


def signed_in(response) -> bool:
    return response.status_code == 302 and response["Location"] == reverse("home:dashboard")


def test_guesses_from_many_addresses_lock_the_account_from_every_address(client, secretariat):
    for i in range(4):
        assert attempt(client, "thuky", f"doan-sai-{i}", address=f"198.51.100.{i + 1}").status_code == 200
    assert attempt(client, "thuky", "doan-sai-5", address="198.51.100.5").status_code == 429  # the fifth
    response = attempt(client, "thuky", PASSWORD, address="203.0.113.77")
    body = response.content.decode()
    assert response.status_code == 429 and not signed_in(response)
    assert "Tài khoản tạm thời bị khóa đăng nhập" in body and "Bạn có thể đăng nhập lại sau" in body
    assert "Thường trực Hội đồng Thi đua – Khen thưởng" in body
    assert int(response["Retry-After"]) == 15 * 60


def test_the_lock_lifts_after_the_window(client, secretariat, time_machine):
    time_machine.move_to("2026-03-02 08:00:00+07:00", tick=False)
    for i in range(5):
        attempt(client, "thuky", f"sai-{i}", address=f"198.51.100.{i + 1}")
    assert attempt(client, "thuky", PASSWORD).status_code == 429
    time_machine.move_to("2026-03-02 08:14:00+07:00", tick=False)
    assert "08:15" in attempt(client, "thuky", PASSWORD).content.decode()
    time_machine.move_to("2026-03-02 08:15:01+07:00", tick=False)
    assert signed_in(attempt(client, "thuky", PASSWORD))


def test_one_address_is_locked_after_more_failures_whatever_names_it_tries(client, secretariat, officer_a):
    for i in range(19):
        attempt(client, f"khong-co-{i}", "x", address="192.0.2.50")
    assert signed_in(attempt(client, "canbo_a", PASSWORD, address="192.0.2.50"))  # 19 < 20: still open
    attempt(client, "khong-co-cuoi", "x", address="192.0.2.50")
    response = attempt(client, "thuky", PASSWORD, address="192.0.2.50")
    assert response.status_code == 429 and "địa chỉ mạng của bạn" in response.content.decode()
    # The account itself is not locked: from another address it signs in.
    assert signed_in(attempt(client, "thuky", PASSWORD, address="192.0.2.51"))


def test_unknown_names_behind_the_proxy_never_lock_a_real_account(client, settings, secretariat):
    """Finding 7: behind the reverse proxy every request came from the proxy's address, so
    failures for a name nobody has locked out `thuky`."""
    settings.THIDUA_TRUSTED_PROXIES = [PROXY]
    for i in range(30):
        attempt(client, "thu_ky", "x", address=PROXY, forwarded=f"203.0.113.{i + 1}")
    for i, variant in enumerate(["thuky1", "thu ky", "thukỳ", "khongco"]):
        for _ in range(6):
            attempt(client, variant, "x", address=PROXY, forwarded=f"198.51.100.{i + 1}")
    response = attempt(client, "thuky", PASSWORD, address=PROXY, forwarded="192.0.2.200")
    assert signed_in(response)
    assert not SignInLock.objects.filter(account=secretariat).exists()
    # Each client was counted at its own address, not the proxy's.
    assert not SignInFailure.objects.filter(address=PROXY).exists()


def test_a_name_nobody_has_is_refused_like_an_account(client, secretariat):
    """The lockout page must not tell a guesser which names exist."""
    for i in range(5):
        attempt(client, "giam_doc", f"sai-{i}", address=f"198.51.100.{i + 1}")
    unknown = attempt(client, "giam_doc", "x", address="203.0.113.9")
    for i in range(5):
        attempt(client, "thuky", f"sai-{i}", address=f"198.51.100.{i + 1}")
    known = attempt(client, "thuky", "x", address="203.0.113.9")
    assert unknown.status_code == known.status_code == 429
    assert "Tài khoản tạm thời bị khóa đăng nhập" in unknown.content.decode()


def test_a_long_name_that_grows_when_folded_is_refused_and_locked_like_any_other(client, secretariat):
    """150 × «ß» folds to 300 characters; the name column holds 150. (PostgreSQL refused the
    insert: every such sign-in answered 500.)"""
    name = "ß" * 150
    answers = [attempt(client, name, f"sai-{i}", address=f"198.51.100.{i + 1}") for i in range(6)]
    assert [a.status_code for a in answers] == [200] * 4 + [429] * 2  # the fifth failure locks
    assert "Tài khoản tạm thời bị khóa đăng nhập" in answers[-1].content.decode()
    assert SignInLock.objects.get(kind=SignInLock.Kind.NAME).name == "ss" * 75


@hsettings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(variant=st.builds(
    lambda parts, pad: pad[0] + "".join(parts) + pad[1],
    st.tuples(*[st.sampled_from([c, c.upper(), c + "\u0301", "\u200b" + c]) for c in "thuky"]),
    st.tuples(st.sampled_from(["", " ", "\t", "\u00a0"]), st.sampled_from(["", " ", "\u3000"])),
))
def test_a_typed_name_counts_against_an_account_only_if_it_signs_in_to_it(client, secretariat, variant):
    """Whatever the case, spacing or look-alike letters: failures for a typed name lock
    `thuky` exactly when that name with the right password signs in as `thuky`."""
    SignInFailure.objects.all().delete()
    SignInLock.objects.all().delete()
    opens = signed_in(attempt(client, variant, PASSWORD, address="192.0.2.99"))
    for i in range(6):
        attempt(client, variant, "sai", address=f"198.51.100.{i + 1}")
    locked = attempt(client, "thuky", PASSWORD, address="203.0.113.1").status_code == 429
    assert locked == opens, variant


def test_the_secretariat_unlocks_an_account_and_it_is_audited(client, secretariat, officer_a):
    for i in range(5):
        attempt(client, "canbo_a", f"sai-{i}", address=f"198.51.100.{i + 1}")
    assert attempt(client, "canbo_a", PASSWORD).status_code == 429
    login(client, secretariat)
    body = client.get(reverse("accounts:lockouts")).content.decode()
    assert "canbo_a" in body and "Sở Nội vụ" in body and "Mở khóa" in body
    response = client.post(reverse("accounts:account_unlock", args=[officer_a.pk]), follow=True)
    assert "Đã mở khóa đăng nhập cho tài khoản canbo_a." in response.content.decode()
    event = AuditEvent.objects.get(action="user.unlock", target_id=officer_a.pk)
    assert event.actor == secretariat and event.unit_path == officer_a.role_grants.get().unit.path
    assert "Không có tài khoản nào đang bị khóa" in client.get(reverse("accounts:lockouts")).content.decode()
    client.logout()
    assert signed_in(attempt(client, "canbo_a", PASSWORD))


def test_it_refuses_out_of_scope(client, tree, secretariat, officer_a, officer_b):
    """A department's secretariat unlocks its own accounts only; an officer unlocks none."""
    secretariat_b = make_user("thuky_b", "secretariat", tree["b"], "Đỗ Thị Bê")
    for i in range(5):
        attempt(client, "canbo_a", f"sai-{i}", address=f"198.51.100.{i + 1}")
    login(client, secretariat_b)
    assert "canbo_a" not in client.get(reverse("accounts:lockouts")).content.decode()
    assert client.post(reverse("accounts:account_unlock", args=[officer_a.pk])).status_code == 404
    with pytest.raises(services.access.PermissionDenied):
        services.account_unlock(actor=secretariat_b, account=officer_a)
    login(client, officer_b)
    assert client.get(reverse("accounts:lockouts")).status_code == 403
    assert client.post(reverse("accounts:account_unlock", args=[officer_a.pk])).status_code == 404
    assert lockout.refusal_for(account=officer_a, typed="", address="") is not None
    assert not AuditEvent.objects.filter(action="user.unlock").exists()


def test_the_list_names_only_the_units_the_viewer_sees(client, tree, officer_a):
    """An account with roles in two departments, locked: each department's secretariat
    sees it under its own unit, never the other department's."""
    RoleGrant.objects.create(user=officer_a, role="unit_officer", unit=tree["b"])
    secretariat_b = make_user("thuky_b", "secretariat", tree["b"], "Đỗ Thị Bê")
    for i in range(5):
        attempt(client, "canbo_a", f"sai-{i}", address=f"198.51.100.{i + 1}")
    body = login(client, secretariat_b).get(reverse("accounts:lockouts")).content.decode()
    assert "canbo_a" in body and "Sở Y tế" in body and "Sở Nội vụ" not in body


def test_a_good_sign_in_clears_the_account_count_but_not_the_address_count(client, secretariat):
    for i in range(4):
        attempt(client, "thuky", f"sai-{i}", address="192.0.2.7")
    assert signed_in(attempt(client, "thuky", PASSWORD, address="192.0.2.7"))
    assert not SignInFailure.objects.filter(account=secretariat).exists()
    assert SignInFailure.objects.filter(address="192.0.2.7").count() == 4


def test_an_administrator_lifts_an_address_lock_and_the_secretariat_cannot(client, tree, secretariat, officer_a):
    admin = make_user("quantri", "admin", tree["root"], "Quản Văn Trị")
    for i in range(20):
        attempt(client, f"nguoi-{i}", "x", address="192.0.2.60")
    lock = SignInLock.objects.get(kind=SignInLock.Kind.ADDRESS, address="192.0.2.60")
    login(client, secretariat)
    assert "192.0.2.60" not in client.get(reverse("accounts:lockouts")).content.decode()
    assert client.post(reverse("accounts:address_unlock", args=[lock.pk])).status_code == 403
    login(client, admin)
    assert "192.0.2.60" in client.get(reverse("accounts:lockouts")).content.decode()
    response = client.post(reverse("accounts:address_unlock", args=[lock.pk]), follow=True)
    assert "Đã mở khóa đăng nhập cho địa chỉ 192.0.2.60." in response.content.decode()
    assert AuditEvent.objects.filter(action="signin.address_unlock", actor=admin).exists()
    client.logout()
    assert signed_in(attempt(client, "canbo_a", PASSWORD, address="192.0.2.60"))
    attempt(client, "nguoi-moi", "x", address="192.0.2.60")  # counting starts again
    assert not lockout.refusal_for(account=officer_a, typed="", address="192.0.2.60")


def test_an_open_session_cannot_guess_the_password_on_the_change_password_page(client, officer_a):
    """Someone at an unattended, signed-in computer: the page that asks for the current
    password counts wrong ones as failed sign-ins, and stops checking once locked."""
    login(client, officer_a)
    url = reverse("accounts:password_change")
    new = {"new_password1": "Mat-khau-moi-2026", "new_password2": "Mat-khau-moi-2026"}
    for i in range(5):
        wrong = client.post(url, {"old_password": f"sai-{i}", **new}, REMOTE_ADDR="192.0.2.7")
        assert "Mật khẩu không đúng" in wrong.content.decode() or "nhập sai quá nhiều lần" in wrong.content.decode()
    right = client.post(url, {"old_password": PASSWORD, **new}, REMOTE_ADDR="192.0.2.7")
    assert right.status_code == 200
    assert "nhập sai quá nhiều lần nên tạm thời chưa kiểm tra lại được" in right.content.decode()
    officer_a.refresh_from_db()
    assert officer_a.check_password(PASSWORD)
    client.logout()
    assert attempt(client, "canbo_a", PASSWORD).status_code == 429  # the account is locked from signing in too
