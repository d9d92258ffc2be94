"""What every dossier page shares: fetching the dossier and its item through their access
policies, the permission checks before an action, a service called through `attempt` (its
refusal shown as messages or on the form), the way back to the dossier."""

from django.shortcuts import redirect
from django.urls import reverse

from thidua.core import access
from thidua.core.errors import PermissionDenied
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






def _back(dossier, anchor: str = ""):
    return redirect(reverse("dossiers:detail", args=[dossier.pk]) + anchor)
