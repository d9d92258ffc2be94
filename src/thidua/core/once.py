"""One-time tokens on create forms: a double click on "Lưu" makes one record, not two.

A create form carries a token (`{% once_field %}`, issued for the signed-in user and
signed, so it cannot be forged or reused by someone else). The view runs its create
through `submit`, which spends the token in the same transaction as the create: it inserts
the token into `FormSubmission`, whose unique index makes a second request with the same
token wait for the first transaction and then fail. The second request creates nothing
and lands on the first one's record, with a message saying so.

The table, not the session, holds spent tokens: production runs several web processes,
and two requests of one double click reach two of them at the same moment.
"""

import datetime as dt
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from django.contrib import messages
from django.core import signing
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.core.errors import ApplicationError, run_after_rollback
from thidua.core.models import FormSubmission

FIELD = "lan-gui"
MAX_AGE = dt.timedelta(days=7)
_SALT = "thidua.core.once"

FORM_EXPIRED = _("Biểu mẫu này đã mở quá lâu hoặc không còn hợp lệ, nên chưa được lưu. Những gì bạn nhập vẫn còn "
                 "dưới đây; hãy bấm Lưu lần nữa.")
ALREADY_SAVED = _("Đã lưu. Biểu mẫu được gửi hơn một lần nhưng chỉ một bản ghi được tạo: đây là bản ghi đó. "
                  "Muốn thêm bản ghi khác, hãy mở lại biểu mẫu.")

T = TypeVar("T")


def _owner(user) -> str:
    return str(user.pk) if getattr(user, "is_authenticated", False) else "-"


def issue(user) -> str:
    """A fresh token for one create form shown to USER (anonymous: the public forms)."""
    return signing.TimestampSigner(salt=_SALT).sign(f"{_owner(user)}:{secrets.token_hex(16)}")


def _spendable(token: str, user) -> str | None:
    """The token's unique part when TOKEN was issued to USER less than MAX_AGE ago."""
    try:
        value = signing.TimestampSigner(salt=_SALT).unsign(token, max_age=MAX_AGE)
    except signing.BadSignature:
        return None
    owner, _sep, nonce = value.partition(":")
    return nonce if owner == _owner(user) and nonce else None


def token_for(request) -> str:
    """The token a create form renders: the one just posted while it is still good (the
    form comes back with an error, nothing was created), else a new one."""
    posted = request.POST.get(FIELD, "") if request.method == "POST" else ""
    return posted if posted and _spendable(posted, request.user) else issue(request.user)


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """What a create form's submission did: FIRST, it created OBJ, shown at URL; else an
    earlier submission of the same form did, and URL is that record's page."""

    obj: T | None
    url: str
    first: bool


def submit(request, create: Callable[[], T], *, lands_on: Callable[[T], str],
           success: Callable[[T], str] | None = None) -> Outcome[T]:
    """Run CREATE (the service call) once per form token, in one transaction with spending
    the token; LANDS_ON gives the created record's page, SUCCESS the message to show.

    A second submission of the same form creates nothing: it answers the first one's page
    (and adds the ALREADY_SAVED message). A token too old or not the user's raises
    ApplicationError(FORM_EXPIRED). A request without a token (a script, not a page we
    rendered) just runs CREATE. CREATE runs in one transaction: an ApplicationError from it
    rolls the token back with everything else, so the corrected form can be sent again.
    """
    token = request.POST.get(FIELD)
    try:
        if token is None:
            with transaction.atomic():
                outcome = Outcome(obj := create(), lands_on(obj), True)
        else:
            outcome = _submit_once(request, token, create, lands_on)
    except ApplicationError as exc:
        run_after_rollback(exc)  # this transaction was the outermost one the refusal rolled back
        raise
    if outcome.first and success is not None:
        messages.success(request, success(outcome.obj))
    return outcome


def _submit_once(request, token: str, create, lands_on) -> Outcome:
    nonce = _spendable(token, request.user)
    if nonce is None:
        raise ApplicationError(FORM_EXPIRED, {"field": FIELD})
    user = request.user if request.user.is_authenticated else None
    with transaction.atomic():
        try:
            with transaction.atomic():
                row = FormSubmission.objects.create(token=nonce, user=user)
        except IntegrityError:
            # The first submission committed (its insert held this one until then).
            url = FormSubmission.objects.filter(token=nonce).values_list("url", flat=True).first()
            messages.info(request, ALREADY_SAVED)
            return Outcome(None, url or request.get_full_path(), False)
        # Tokens older than MAX_AGE no longer verify; their rows can go (the user's own only,
        # so two users' submissions never wait on each other here).
        FormSubmission.objects.filter(user=user, created_at__lt=timezone.now() - MAX_AGE).delete()
        obj = create()
        url = lands_on(obj)
        FormSubmission.objects.filter(pk=row.pk).update(url=url[:500])
    return Outcome(obj, url, True)
