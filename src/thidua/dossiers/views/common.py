"""What every dossier page shares: fetching the dossier and its item through their access
policies, the permission checks before an action, a service called through `attempt` (its
refusal shown as messages or on the form), the way back to the dossier."""

from django.db.models import Model
from django.shortcuts import redirect
from django.urls import reverse

from thidua.core import access
from thidua.core.errors import PermissionDenied
from thidua.dossiers import services
from thidua.dossiers.models import Dossier


def _dossier(request, pk, action: str = "") -> Dossier:
    """The dossier, 404 when missing or unseen; given ACTION, 403 unless the user may take it
    now (`services.may(user, dossier, action)`)."""
    dossier = access.get(request.user, Dossier, pk)
    if action:
        _require(request, dossier, action)
    return dossier


def _child(request, dossier: Dossier, model: type[Model], pk) -> Model:
    """One of DOSSIER's MODEL rows (an item, a document, an opinion; 404 for another
    dossier's), linked to the dossier in hand."""
    row = access.get(request.user, model, pk, queryset=model.objects.filter(dossier=dossier))
    row.dossier = dossier
    return row


def _dossier_child(request, pk, model: type[Model], child_pk, action: str = "") -> tuple[Dossier, Model]:
    """The dossier and one of its MODEL rows (`_child`), both 404 when unseen; then, given
    ACTION, 403 unless the user may take it."""
    dossier = _dossier(request, pk)
    child = _child(request, dossier, model, child_pk)
    if action:
        _require(request, dossier, action)
    return dossier, child


def _require(request, dossier, action: str) -> None:
    if not services.may(request.user, dossier, action):
        raise PermissionDenied(access.REFUSED)


def _require_role(request, dossier, action: str) -> None:
    """403 unless the user's role may take ACTION; in the wrong state the service says why."""
    if not services.holds_role(request.user, dossier, action):
        raise PermissionDenied(access.REFUSED)


def _back(dossier, anchor: str = ""):
    return redirect(reverse("dossiers:detail", args=[dossier.pk]) + anchor)
