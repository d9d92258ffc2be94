"""Sign-in lockout: one counter per account, one per client address (ADR 0010).

- Per account: `THIDUA_SIGNIN_ACCOUNT_LIMIT` failures (wrong password, or wrong code at the
  second step) within `THIDUA_SIGNIN_WINDOW_MINUTES` lock that account from every address
  until the window has passed, or until the secretariat lifts the lock.
- Per address: `THIDUA_SIGNIN_ADDRESS_LIMIT` failures from one client address, whatever
  names they try, lock that address. The address is `core.net.client_ip`, so behind the
  reverse proxies of `THIDUA_TRUSTED_PROXIES` it is the client's, not the proxy's.
- A failure counts against an account only when the typed name signs in to that account:
  `account_for` is the one function that maps a typed name to an account, and the
  authentication backend uses it too. A name that belongs to no account counts against
  that name alone, locked after as many failures as an account would be, so the
  lockout page does not tell a guesser which names exist.

While locked, a sign-in is refused before the password is checked: a locked account
cannot be guessed at, and a refused attempt does not extend the lock.
"""

import datetime as dt
import unicodedata
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from thidua.accounts.models import SignInFailure, SignInLock

# Failures older than this are deleted as new ones come in; the window is what counts.
KEEP_FAILURES = dt.timedelta(days=1)


def normalize(typed: str) -> str:
    """A typed username as it is looked up: Unicode NFKC (as Django normalises usernames
    when accounts are created) without surrounding whitespace."""
    # Stripped before and after, so that it equals what Django's sign-in form hands the
    # backend (strip, then NFKC) once the backend has normalised that again.
    return unicodedata.normalize("NFKC", (typed or "").strip()).strip()[:150]


def name_key(typed: str) -> str:
    """How a typed name with no account is counted and locked: normalised and case-folded,
    cut to the column's 150 characters after folding (folding may lengthen it: ß → ss)."""
    return normalize(typed).casefold()[:150]


def account_for(typed: str):
    """The account a typed username signs in to, or None.

    The exact username first; otherwise the one account whose username equals it ignoring
    case (accounts are created unique ignoring case, `services.user_create`). Case is
    compared in Python after the database narrows the candidates, so SQLite and
    PostgreSQL answer alike.
    """
    name = normalize(typed)
    if not name:
        return None
    candidates = list(get_user_model().objects.filter(username__iexact=name))
    for user in candidates:
        if user.username == name:
            return user
    folded = [u for u in candidates if u.username.casefold() == name.casefold()]
    return folded[0] if len(folded) == 1 else None


@dataclass(frozen=True)
class Refusal:
    """Why a sign-in is refused now: the lock that applies and when it ends."""

    kind: str  # SignInLock.Kind.ACCOUNT (also shown for an unknown name) or ADDRESS
    until: dt.datetime
    limit: int


def _window() -> dt.timedelta:
    return dt.timedelta(minutes=settings.THIDUA_SIGNIN_WINDOW_MINUTES)


def _active(now: dt.datetime):
    return SignInLock.objects.filter(until__gt=now, released_at__isnull=True)


def _refusal(lock: SignInLock) -> Refusal:
    # An unknown name's lock reads exactly as an account's: nothing tells a guesser
    # whether the name exists.
    if lock.kind == SignInLock.Kind.ADDRESS:
        return Refusal(SignInLock.Kind.ADDRESS, lock.until, settings.THIDUA_SIGNIN_ADDRESS_LIMIT)
    return Refusal(SignInLock.Kind.ACCOUNT, lock.until, settings.THIDUA_SIGNIN_ACCOUNT_LIMIT)


def refusal_for(*, account, typed: str, address: str) -> Refusal | None:
    """The lock that refuses this sign-in now, if any (the account's or the name's before
    the address's)."""
    now = timezone.now()
    who = Q(kind=SignInLock.Kind.ACCOUNT, account=account) if account is not None else Q(
        kind=SignInLock.Kind.NAME, name=name_key(typed))
    if address:
        who |= Q(kind=SignInLock.Kind.ADDRESS, address=address)
    locks = sorted(_active(now).filter(who),
                   key=lambda lock: (lock.kind == SignInLock.Kind.ADDRESS, -lock.until.timestamp()))
    return _refusal(locks[0]) if locks else None


def _lock(kind: str, count: int, now: dt.datetime, last_address: str, **who) -> SignInLock:
    existing = _active(now).filter(kind=kind, **who).first()
    if existing is not None:
        return existing
    return SignInLock.objects.create(kind=kind, failures=count, last_address=last_address, locked_at=now,
                                     until=now + _window(), **who)


@transaction.atomic
def failure_record(*, account, typed: str, address: str) -> Refusal | None:
    """Count one failed sign-in; the refusal it brings about, if it reaches a limit."""
    now = timezone.now()
    since = now - _window()
    SignInFailure.objects.filter(at__lt=now - KEEP_FAILURES).delete()
    name = "" if account is not None else name_key(typed)
    SignInFailure.objects.create(at=now, account=account, name=name, address=address)
    locks = []
    if account is not None:
        count = SignInFailure.objects.filter(account=account, at__gte=since).count()
        if count >= settings.THIDUA_SIGNIN_ACCOUNT_LIMIT:
            locks.append(_lock(SignInLock.Kind.ACCOUNT, count, now, address, account=account))
    elif name:
        count = SignInFailure.objects.filter(account__isnull=True, name=name, at__gte=since).count()
        if count >= settings.THIDUA_SIGNIN_ACCOUNT_LIMIT:
            locks.append(_lock(SignInLock.Kind.NAME, count, now, address, name=name))
    if address:
        count = SignInFailure.objects.filter(address=address, at__gte=since).count()
        if count >= settings.THIDUA_SIGNIN_ADDRESS_LIMIT:
            locks.append(_lock(SignInLock.Kind.ADDRESS, count, now, address, address=address))
    return _refusal(locks[0]) if locks else None


def account_failures_clear(account) -> None:
    """Stop counting ACCOUNT's failures; they still count against their addresses."""
    SignInFailure.objects.filter(account=account).update(account=None, name="")


def address_failures_clear(address: str) -> None:
    """Stop counting ADDRESS's failures; they still count against their accounts."""
    SignInFailure.objects.filter(address=address).update(address="")


def success_record(*, account) -> None:
    """A complete sign-in (password and, where asked, the code) clears the account's
    failures. The address's are kept: one good sign-in between guesses must not reset the
    count of a guesser who holds one account."""
    account_failures_clear(account)


def locked_accounts_query(now: dt.datetime | None = None):
    """Active account locks, newest first (narrow to the viewer's scope with `selectors`)."""
    return (_active(now or timezone.now()).filter(kind=SignInLock.Kind.ACCOUNT)
            .select_related("account").order_by("-locked_at"))


def locked_addresses_query(now: dt.datetime | None = None):
    """Active address locks, newest first."""
    return _active(now or timezone.now()).filter(kind=SignInLock.Kind.ADDRESS).order_by("-locked_at")
