"""A dossier's tờ trình and its danh sách kèm theo for the Word templates of
`thidua.printing`, filled from the dossier and its items."""

from collections import Counter
from typing import Any

from django.utils import timezone

from thidua.catalog.display import dossier_namer
from thidua.core import access
from thidua.core.models import AuditEvent
from thidua.core.roles import Perm
from thidua.core.text import display_name
from thidua.dossiers import audit_actions as A
from thidua.dossiers.models import ItemState
from thidua.org import labels
from thidua.org.models import Unit
from thidua.printing import bases as legal_bases
from thidua.printing import layouts
from thidua.printing.decision_documents import signer_lines

# Items a tờ trình proposes: everything still in play, not what was excluded or withdrawn.
_LISTED = {ItemState.PENDING, ItemState.RETURNED, ItemState.ACCEPTED, ItemState.APPROVED, ItemState.DECIDED}


def _items(dossier):
    return [i for i in dossier.items.select_related("held_unit", "person").order_by("subject_kind", "id")
            if i.state in _LISTED]


def _common(dossier) -> dict[str, Any]:
    unit = dossier.unit
    parent = Unit.objects.get_parent(unit)
    return {"issuer_parent": parent.name if parent else "", "issuer": unit.name, "number": dossier.number,
            "symbol": dossier.number.split("/", 1)[1] if "/" in dossier.number else "TTr",
            "place": layouts.place_of(unit),
            "date": timezone.localdate(dossier.submitted_at) if dossier.submitted_at else None}


def _addressee(dossier) -> str:
    """Who decides: the head of the receiving authority (the unit's own head for what it
    decides itself; its council advises, the head decides)."""
    if dossier.authority_unit_id:
        return labels.head_of(dossier.authority_unit, within=dossier.unit)
    return dossier.external_authority


def _signer(dossier) -> dict[str, str]:
    """The signature block of the tờ trình: the proposing unit's head ("GIÁM ĐỐC") and the
    name of who submitted it when that is the unit's own head (submitting is theirs); a
    blank to sign by hand when someone else (an administrator) pressed the button."""
    event = (AuditEvent.objects.filter(target_type=dossier._meta.label_lower, target_id=dossier.pk,
                                       action=A.DOSSIER_SUBMIT).select_related("actor").order_by("-at").first()
             if dossier.pk else None)
    actor = event.actor if event is not None else None
    own_head = (actor is not None and not access.is_admin(actor)
                and access.covers(actor, Perm.DOSSIER_SUBMIT, dossier.unit.path))
    authority, title = signer_lines(labels.head_title(dossier.unit.name, dossier.unit.kind))
    return {"signer_authority": authority, "signer_title": title,
            "signer_name": display_name(actor) if own_head else ""}


def to_trinh_context(dossier, items=None) -> dict[str, Any]:
    """Decree 152/2025, Mẫu 01: the bases, what the proposing unit asks and for whom, its
    summary of the achievements, the closing request and its head's signature. ITEMS: the
    items proposed, when DOSSIER is not saved yet (the draft of a forward)."""
    form = dossier_namer(dossier, local=True)
    counts = Counter((i.final_kind, i.subject_kind) for i in (_items(dossier) if items is None else items))
    by_kind: dict[str, list[str]] = {}
    for (kind, subject), n in counts.items():
        label = "tập thể" if subject == "collective" else "hộ gia đình" if subject == "household" else "cá nhân"
        by_kind.setdefault(kind, []).append(f"{n:02d} {label}")
    proposals = [f"{form(kind)} cho {' và '.join(parts)}" for kind, parts in by_kind.items()]
    on = timezone.localdate(dossier.submitted_at) if dossier.submitted_at else timezone.localdate()
    return {**_common(dossier), **_signer(dossier), "summary": dossier.title, "addressee": _addressee(dossier),
            "issuer_short": dossier.unit.name,
            "bases": legal_bases.bases_for(dossier.unit, on, competence=False),
            "body": [p for p in dossier.summary.splitlines() if p.strip()],
            "proposals": proposals, "closing": f"Kính trình {_addressee(dossier)} xem xét, quyết định./.",
            "recipients_to": ["Như trên"], "archive": "VT, TĐKT"}


def danh_sach_context(dossier) -> dict[str, Any]:
    form = dossier_namer(dossier, local=True)
    rows = {"collective": [], "individual": []}
    for item in _items(dossier):
        position = item.person.position if item.person_id and getattr(item.person, "position", "") else ""
        row = {"name": item.subject_name,
               "position_unit": f"{position}, {item.held_unit.name}" if position else item.held_unit.name,
               "form": form(item.final_kind), "achievement": item.achievement}
        rows["collective" if item.subject_kind == "collective" else "individual"].append(row)
    number = f"số {dossier.number} " if dossier.number else ""
    return {**_common(dossier), **_signer(dossier), "summary": dossier.title, "subtitle": dossier.title,
            "attached_to": f"Kèm theo Tờ trình {number}của {dossier.unit.name}",
            "collectives": rows["collective"], "individuals": rows["individual"]}
