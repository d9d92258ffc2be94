"""What every dossier page shares: the permission checks before an action, a service's refusal
shown as messages or on the form, the way back to the dossier."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse

from thidua.core import access
from thidua.core.errors import ApplicationError, PermissionDenied
from thidua.core.views_util import form_error
from thidua.dossiers import services


def _require(request, dossier, action: str) -> None:
    if not services.may(request.user, dossier, action):
        raise PermissionDenied(access.REFUSED)


def _require_role(request, dossier, action: str) -> None:
    """403 unless the user's role may take ACTION; in the wrong state the service says why."""
    if not services.holds_role(request.user, dossier, action):
        raise PermissionDenied(access.REFUSED)


def _error(request, exc: ApplicationError) -> None:
    """Show a business refusal (every problem when a submission is blocked); a permission
    refusal is not a message: it is a 403."""
    if isinstance(exc, PermissionDenied):
        raise exc
    problems = exc.extra.get("problems") or [exc.message]
    for problem in problems:
        messages.error(request, problem)


def _attempt(request, write, done: str) -> bool:
    """Call WRITE (a service call) and say DONE, or show its refusal as `_error` does;
    whether it went through."""
    try:
        write()
    except ApplicationError as exc:
        _error(request, exc)
        return False
    messages.success(request, done)
    return True


def _refused_on_form(form, exc: ApplicationError) -> None:
    """Put a service's refusal on FORM (on the field it names); a permission refusal is a 403."""
    if isinstance(exc, PermissionDenied):
        raise exc
    form_error(form, exc)


def _back(dossier, anchor: str = ""):
    return redirect(reverse("dossiers:detail", args=[dossier.pk]) + anchor)
