"""Accounts and role grants: administrators only, every change audited."""

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from thidua.accounts import audit_actions as A
from thidua.accounts.models import RoleGrant
from thidua.accounts.roles import Role
from thidua.core import access, audit
from thidua.core.errors import ApplicationError

USERNAME_TAKEN = _("Tên đăng nhập này đã có người dùng.")
BLOC_ROLE_NEEDS_BLOC = _("Vai trò trưởng khối cần chọn khối và năm.")
GRANT_EXISTS = _("Tài khoản đã có quyền này.")


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
