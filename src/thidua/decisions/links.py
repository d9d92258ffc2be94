"""The one place where decisions tell the dossier workflow what happened to them.

The dossiers app owns its state machine (thidua.dossiers.services, the ★ services); a
decision only reports, for the dossiers its lines came from (`Recipient.dossier_item`):
- lines added to a draft → `dossier_mark_decision_drafted` (a council-voted dossier of
  the province's own level; one sent out of the tree goes straight to decided);
- signed → `dossier_mark_decided` with each item's Award, in the signing transaction, so
  a dossier is decided exactly when the decision is signed. The dossier workflow refuses
  the items of the dossier that the decision left out.
"""

from thidua.dossiers import services as dossier_services
from thidua.dossiers.models import DossierState


def dossiers_of(decision) -> list:
    """The dossiers whose items DECISION's lines came from, each once."""
    lines = decision.recipients.filter(dossier_item__isnull=False).select_related("dossier_item__dossier")
    return list({line.dossier_item.dossier.pk: line.dossier_item.dossier for line in lines}.values())


def decision_drafted(*, actor, decision) -> None:
    for dossier in dossiers_of(decision):
        if dossier.state == DossierState.VOTED and not dossier.is_central:
            dossier_services.dossier_mark_decision_drafted(
                actor=actor, dossier=dossier, reference=decision.number_text or f"#{decision.pk}")


def decision_decided(*, actor, decision) -> None:
    awards: dict[int, dict] = {}
    for line in decision.recipients.filter(dossier_item__isnull=False).select_related("dossier_item", "award"):
        awards.setdefault(line.dossier_item.dossier_id, {})[line.dossier_item_id] = line.award
    for dossier in dossiers_of(decision):
        dossier_services.dossier_mark_decided(actor=actor, dossier=dossier, awards=awards[dossier.pk],
                                              decision_number=decision.number_text)
