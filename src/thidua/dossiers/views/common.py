"""What every dossier page shares: fetching the dossier and its item through their access
policies, the permission checks before an action, a service called through `attempt` (its
refusal shown as messages or on the form), the way back to the dossier."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse

from thidua.core import access, once
from thidua.core.errors import PermissionDenied
from thidua.core.views_util import Outcome, attempt
from thidua.dossiers import services
from thidua.dossiers.models import Dossier, DossierItem


def _dossier(request, pk) -> Dossier:
    """The dossier, 404 when missing or unseen. What the user may do to it is
    `services.may(user, dossier, action)` (a view refuses with 403)."""
    return access.get(request.user, Dossier, pk)


def _item(request, dossier: Dossier, pk) -> DossierItem:
    """One of DOSSIER's items (404 for another dossier's), linked to the dossier in hand."""
    item = access.get(request.user, DossierItem, pk, queryset=dossier.items.all())
    item.dossier = dossier
    return item


def _require(request, dossier, action: str) -> None:
    if not services.may(request.user, dossier, action):
        raise PermissionDenied(access.REFUSED)


def _require_role(request, dossier, action: str) -> None:
    """403 unless the user's role may take ACTION; in the wrong state the service says why."""
    if not services.holds_role(request.user, dossier, action):
        raise PermissionDenied(access.REFUSED)


def _flash(request, service, done, *, form=None, **kwargs) -> Outcome:
    """`attempt` that says DONE (or DONE(result)) when the service went through."""
    outcome = attempt(request, service, form=form, **kwargs)
    if outcome:
        messages.success(request, done(outcome.value) if callable(done) else done)
    return outcome


def _once(request, service, *, lands_on, success, form=None, **kwargs) -> str | None:
    """SERVICE once per form (`once.submit`: a second press does not write twice) through
    `attempt`: the URL to go to, or None when refused."""
    outcome = attempt(request, lambda actor: once.submit(
        request, lambda: service(actor=actor, **kwargs), lands_on=lands_on, success=success), form=form)
    return outcome.value.url if outcome else None


def _back(dossier, anchor: str = ""):
    return redirect(reverse("dossiers:detail", args=[dossier.pk]) + anchor)
