"""Reads of accounts for the pages that manage them, through the scope."""

from django.contrib.auth import get_user_model
from django.db.models import Prefetch, Q, QuerySet

from thidua.accounts import lockout
from thidua.accounts.models import RoleGrant, SignInLock
from thidua.core import access
from thidua.core.roles import Perm


def grants_of(user) -> list[tuple[str, str, int]]:
    """(role, unit path, unit depth) of USER's grants: what `core.access` decides with."""
    return list(RoleGrant.objects.filter(user=user).values_list("role", "unit__path", "unit__depth"))


def _under_unlock_scope(user, unit_path: str) -> Q | None:
    """The condition "UNIT_PATH is under a unit where USER holds ACCOUNT_UNLOCK": None for
    every unit (an administrator), an always-false Q for none."""
    return access.path_condition(user, Perm.ACCOUNT_UNLOCK, unit_path)


def accounts_unlockable(user) -> QuerySet:
    """Accounts USER may unlock: every account for an administrator, else those holding a
    role on a unit under one where USER holds ACCOUNT_UNLOCK."""
    users = get_user_model().objects.all()
    cond = _under_unlock_scope(user, "role_grants__unit__path")
    return users if cond is None else users.filter(pk__in=users.filter(cond).values("pk"))


def locked_accounts(user) -> list[SignInLock]:
    """The active account locks USER may lift, newest first, with each account's units
    that USER sees (a grant elsewhere is not USER's to read)."""
    grants = RoleGrant.objects.select_related("unit").order_by("unit__path")
    cond = _under_unlock_scope(user, "unit__path")
    return list(lockout.locked_accounts_query()
                .filter(account__in=accounts_unlockable(user))
                .prefetch_related(Prefetch("account__role_grants",
                                           queryset=grants if cond is None else grants.filter(cond))))


def locked_addresses(user) -> list[SignInLock]:
    """Active address locks: administrators' to lift (an address belongs to no unit)."""
    return list(lockout.locked_addresses_query()) if access.is_admin(user) else []
