"""Accounts and role grants (administrators only), passwords, sign-in locks and
two-factor devices; every change audited."""

import django_otp
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from thidua.accounts import audit_actions as A
from thidua.accounts import lockout, otp
from thidua.accounts.models import RoleGrant, SignInLock
from thidua.core import access, audit
from thidua.core.errors import ApplicationError
from thidua.core.roles import Perm, Role

USERNAME_TAKEN = _("Tên đăng nhập này đã có người dùng.")
BLOC_ROLE_NEEDS_BLOC = _("Vai trò trưởng khối cần chọn khối và năm.")
GRANT_EXISTS = _("Tài khoản đã có quyền này.")
NOT_LOCKED = _("Tài khoản hoặc địa chỉ này hiện không bị khóa đăng nhập.")
CODE_WRONG = _("Mã xác thực không đúng hoặc đã được dùng. Hãy nhập mã đang hiện trên ứng dụng xác thực.")
PASSWORD_WRONG = _("Mật khẩu không đúng.")
PASSWORD_LOCKED = _("Mật khẩu của tài khoản đã bị nhập sai quá nhiều lần nên tạm thời chưa kiểm tra lại được; "
                    "hãy thử lại sau %(until)s.")
OTP_ALREADY_ON = _("Xác thực hai lớp của tài khoản này đã bật.")
OTP_NOT_ON = _("Tài khoản này chưa bật xác thực hai lớp.")
OTP_REQUIRED = _("Tài khoản của bạn bắt buộc dùng xác thực hai lớp nên không tắt được. Khi đổi điện thoại, "
                 "hãy nhờ quản trị hệ thống đặt lại rồi cài đặt lại.")
CODE_WAIT = _("Bạn vừa nhập sai; hãy chờ %(n)s giây rồi nhập mã mới.")
# What the audit trail shows for an account's sign-in lock.
LOCKED_UNTIL = _("Khóa đăng nhập đến")
TWO_FACTOR = _("Xác thực hai lớp")


def _require_admin(actor) -> None:
    if not access.is_admin(actor):
        raise access.PermissionDenied(access.REFUSED)


@transaction.atomic
def user_create(*, actor, username: str, full_name: str, email: str = "", password: str):
    """Create an account; the full name is split as Vietnamese names are (given name last)."""
    _require_admin(actor)
    User = get_user_model()
    if User.objects.filter(username__iexact=username).exists():
        raise ApplicationError(USERNAME_TAKEN, {"field": "username"})
    family, _sep, given = full_name.strip().rpartition(" ")
    user = User(username=username, first_name=given, last_name=family, email=email)
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise ApplicationError(" ".join(exc.messages), {"field": "password"}) from exc
    user.set_password(password)
    user.save()
    audit.record(actor=actor, action=A.USER_CREATE, target=user,
                 after={"username": username, "full_name": full_name, "email": email})
    return user


@transaction.atomic
def grant_add(*, actor, user, role: str, unit, bloc=None, year: int | None = None) -> RoleGrant:
    _require_admin(actor)
    if role == Role.BLOC_LEADER and (bloc is None or year is None):
        raise ApplicationError(BLOC_ROLE_NEEDS_BLOC, {"field": "bloc"})
    if RoleGrant.objects.filter(user=user, role=role, unit=unit, bloc=bloc, year=year).exists():
        raise ApplicationError(GRANT_EXISTS)
    grant = RoleGrant.objects.create(user=user, role=role, unit=unit, bloc=bloc, year=year)
    audit.record(actor=actor, action=A.GRANT_ADD, target=user, unit_path=unit.path,
                 after={"role": grant.get_role_display(), "unit": unit.name, "bloc": str(bloc or ""), "year": year})
    return grant


@transaction.atomic
def grant_revoke(*, actor, grant: RoleGrant, reason: str = "") -> None:
    _require_admin(actor)
    before = {"role": grant.get_role_display(), "unit": grant.unit.name, "bloc": str(grant.bloc or ""),
              "year": grant.year}
    user, path = grant.user, grant.unit.path
    grant.delete()
    audit.record(actor=actor, action=A.GRANT_REVOKE, target=user, unit_path=path, before=before, reason=reason)


@transaction.atomic
def user_set_active(*, actor, user, active: bool, reason: str = "") -> None:
    _require_admin(actor)
    if user.pk == actor.pk and not active:
        raise ApplicationError(_("Không thể tự khóa tài khoản của mình."))
    before = {"is_active": user.is_active}
    user.is_active = active
    user.save(update_fields=["is_active"])
    audit.record(actor=actor, action=A.USER_DEACTIVATE, target=user, before=before,
                 after={"is_active": active}, reason=reason)


@transaction.atomic
def user_password_change(*, actor, user, new_password: str) -> None:
    """Set USER's new password (the form has checked the old one); only the account's
    holder changes it here. The audit event says that it changed, never what to."""
    if actor.pk != user.pk:
        raise access.PermissionDenied(access.REFUSED)
    user = get_user_model().objects.select_for_update().get(pk=user.pk)
    try:
        validate_password(new_password, user)
    except ValidationError as exc:
        raise ApplicationError(" ".join(exc.messages), {"field": "new_password1"}) from exc
    user.set_password(new_password)
    user.save(update_fields=["password"])
    audit.record(actor=actor, action=A.USER_PASSWORD_CHANGE, target=user)


def _grant_paths(account) -> list[str]:
    return list(RoleGrant.objects.filter(user=account).order_by("unit__path")
                .values_list("unit__path", flat=True))


def may_unlock(actor, account) -> bool:
    """An administrator, or whoever holds ACCOUNT_UNLOCK over a unit the account has a role on."""
    if access.is_admin(actor):
        return True
    return any(access.covers(actor, Perm.ACCOUNT_UNLOCK, path) for path in _grant_paths(account))


@transaction.atomic
def account_unlock(*, actor, account) -> None:
    """Lift ACCOUNT's sign-in lock now and forget its failures."""
    if not may_unlock(actor, account):
        access.log.warning("refused account unlock of user=%s to user=%s", account.pk, actor.pk)
        raise access.PermissionDenied(access.REFUSED)
    now = timezone.now()
    locks = list(SignInLock.objects.select_for_update().filter(
        kind=SignInLock.Kind.ACCOUNT, account=account, until__gt=now, released_at__isnull=True))
    if not locks:
        raise ApplicationError(NOT_LOCKED)
    SignInLock.objects.filter(pk__in=[lock.pk for lock in locks]).update(released_at=now, released_by=actor)
    lockout.account_failures_clear(account)
    until = timezone.localtime(max(lock.until for lock in locks))
    paths = _grant_paths(account)
    audit.record(actor=actor, action=A.USER_UNLOCK, target=account, unit_path=paths[0] if paths else "",
                 before={str(LOCKED_UNTIL): date_format(until, "d/m/Y H:i")}, after={str(LOCKED_UNTIL): ""})


@transaction.atomic
@transaction.atomic
def otp_device_start(*, actor, current: int | None = None) -> TOTPDevice:
    """The device ACTOR is enrolling in this session: CURRENT (the pk the session keeps)
    while it is still unconfirmed, else a new one with a fresh key. ACTOR's other
    unconfirmed devices go: a key shown to another session (someone else who holds the
    password) never becomes a second factor, and the owner's own enrolment gets its own key."""
    if otp.device_for(actor) is not None:
        raise ApplicationError(OTP_ALREADY_ON)
    device = TOTPDevice.objects.filter(user=actor, confirmed=False, pk=current).first() if current else None
    if device is None:
        TOTPDevice.objects.filter(user=actor, confirmed=False).delete()
        device = TOTPDevice.objects.create(user=actor, name=str(_("Ứng dụng xác thực")), confirmed=False)
    return device


def otp_enable(*, actor, device: TOTPDevice, code: str) -> TOTPDevice:
    """Confirm DEVICE with a code from the app that scanned it; ACTOR's other devices go."""
    wait = otp.wait_seconds(device)
    if wait:
        raise ApplicationError(CODE_WAIT % {"n": wait}, {"field": "code"})
    # django-otp checks the code in its own transaction, so a wrong code's throttling
    # stays counted when we refuse.
    if device.user_id != actor.pk or django_otp.verify_token(actor, device.persistent_id, code) is None:
        raise ApplicationError(CODE_WRONG, {"field": "code"})
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        TOTPDevice.objects.filter(user=actor).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        audit.record(actor=actor, action=A.OTP_ENABLE, target=actor,
                     before={str(TWO_FACTOR): str(_("Tắt"))}, after={str(TWO_FACTOR): str(_("Bật"))})
    return device


def own_password_check(*, actor, password: str, address: str, field: str = "password") -> None:
    """A page that asks the signed-in user for their password again (turning two-factor
    sign-in off, changing the password): refused while the account is locked out of
    signing in, and a wrong password counts as a failed sign-in. An unattended session
    must not become a way to guess the password without limit."""
    refusal = lockout.refusal_for(account=actor, typed="", address=address)
    if refusal is not None:
        until = date_format(timezone.localtime(refusal.until), "H:i d/m/Y")
        raise ApplicationError(PASSWORD_LOCKED % {"until": until}, {"field": field})
    if not actor.check_password(password):
        lockout.failure_record(account=actor, typed="", address=address)
        raise ApplicationError(PASSWORD_WRONG, {"field": field})


def otp_disable(*, actor, password: str, code: str, address: str = "") -> None:
    """Turn off ACTOR's two-factor sign-in, with the password and a current code; refused
    where it is required."""
    if otp.required_for(actor):
        raise ApplicationError(OTP_REQUIRED)
    device = otp.device_for(actor)
    if device is None:
        raise ApplicationError(OTP_NOT_ON)
    own_password_check(actor=actor, password=password, address=address)
    if django_otp.verify_token(actor, device.persistent_id, code) is None:
        raise ApplicationError(CODE_WRONG, {"field": "code"})
    with transaction.atomic():
        TOTPDevice.objects.filter(user=actor).delete()
        audit.record(actor=actor, action=A.OTP_DISABLE, target=actor,
                     before={str(TWO_FACTOR): str(_("Bật"))}, after={str(TWO_FACTOR): str(_("Tắt"))})


@transaction.atomic
def otp_reset(*, actor, user, reason: str = "") -> None:
    """An administrator removes USER's devices (a lost phone); USER enrols again at the
    next sign-in where it is required."""
    _require_admin(actor)
    deleted, _counts = TOTPDevice.objects.filter(user=user).delete()
    if not deleted:
        raise ApplicationError(OTP_NOT_ON)
    audit.record(actor=actor, action=A.OTP_RESET, target=user, reason=reason,
                 before={str(TWO_FACTOR): str(_("Bật"))}, after={str(TWO_FACTOR): str(_("Tắt"))})


@transaction.atomic
def address_unlock(*, actor, lock: SignInLock) -> None:
    """An administrator lifts the lock of a client address (an office behind one address
    whose people mistyped); the address's past failures stop counting."""
    _require_admin(actor)
    now = timezone.now()
    lock = SignInLock.objects.select_for_update().get(pk=lock.pk)
    if lock.kind != SignInLock.Kind.ADDRESS or lock.released_at is not None or lock.until <= now:
        raise ApplicationError(NOT_LOCKED)
    lock.released_at, lock.released_by = now, actor
    lock.save(update_fields=["released_at", "released_by"])
    lockout.address_failures_clear(lock.address)
    audit.record(actor=actor, action=A.ADDRESS_UNLOCK, target=lock,
                 before={str(LOCKED_UNTIL): date_format(timezone.localtime(lock.until), "d/m/Y H:i")},
                 after={str(LOCKED_UNTIL): ""})
