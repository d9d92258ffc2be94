"""Reads of accounts for the pages that manage them, through the scope."""

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from thidua.accounts import lockout
from thidua.accounts.models import SignInLock
from thidua.accounts.roles import Perm
from thidua.core import access


def accounts_unlockable(user) -> QuerySet:
    """Accounts USER may unlock: every account for an administrator, else those holding a
    role on a unit under one where USER holds ACCOUNT_UNLOCK."""
    users = get_user_model().objects.all()
    allowed = access.prefixes(user, Perm.ACCOUNT_UNLOCK)
    if allowed is None:
        return users
    if not allowed:
        return users.none()
    cond = Q()
    for path in allowed:
        cond |= Q(role_grants__unit__path__startswith=path)
    return users.filter(pk__in=users.filter(cond).values("pk"))


def locked_accounts(user) -> list[SignInLock]:
    """The active account locks USER may lift, newest first, with each account's units."""
    return list(lockout.locked_accounts_query()
                .filter(account__in=accounts_unlockable(user))
                .prefetch_related("account__role_grants__unit"))


def locked_addresses(user) -> list[SignInLock]:
    """Active address locks: administrators' to lift (an address belongs to no unit)."""
    return list(lockout.locked_addresses_query()) if access.is_admin(user) else []
