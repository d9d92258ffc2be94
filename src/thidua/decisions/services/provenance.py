"""Where each line of a draft comes from, and the justification a direct entry needs.

A line comes from a dossier item the council passed, from the engine's "eligible", from a
sudden or thematic commendation (its commendation type needs no eligibility chain), or from
a decision issued elsewhere that is being recorded. Anything else is a direct entry: it
keeps the engine's verdict of the moment and is signed only once a holder of the decision
right over the authority has written why it is awarded all the same. A subject, kind and
year that a council voted down is never a line.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from thidua.awards.models import CommendationType
from thidua.core import access, audit
from thidua.core.errors import ApplicationError
from thidua.core.roles import Perm
from thidua.decisions import audit_actions as A
from thidua.decisions.models import Decision, LineSource, Recipient
from thidua.decisions.services.common import (
    JUSTIFICATION_BY_DECIDER,
    JUSTIFICATION_REQUIRED,
    NOT_A_DIRECT_LINE,
    REJECTED_BY_COUNCIL,
    UNJUSTIFIED_LINES,
    RecipientSpec,
    _lock,
    _require_draft,
)
from thidua.dossiers import selectors as dossier_selectors
from thidua.eligibility import selectors as eligibility

# Khen thưởng đột xuất and khen thưởng chuyên đề reward one deed or one campaign: no title
# chain or run of years stands behind them (LAW.md §B).
NO_CHAIN_TYPES = frozenset({CommendationType.DOT_XUAT, CommendationType.PHONG_TRAO})


def may_justify(actor, decision: Decision) -> bool:
    return access.can(actor, Perm.DECISION_SIGN, decision.unit)


def line_origin(actor, decision: Decision, spec: RecipientSpec, *, subject, kind_name: str, now: dt.datetime) -> dict:
    """The provenance fields of the line SPEC adds to DECISION (see the module docstring).
    Raises ApplicationError for a subject, kind and year a council voted down, and for a
    justification given by someone without the decision right."""
    if spec.dossier_item is not None:
        return {"source": LineSource.DOSSIER}
    rejected = dossier_selectors.rejected_by_council(person=spec.person, unit=spec.unit, kind=spec.kind,
                                                     year=spec.year)
    if rejected is not None:
        raise ApplicationError(REJECTED_BY_COUNCIL % {"name": kind_name, "year": spec.year, "subject": subject,
                                                      "dossier": rejected.dossier.title}, {"field": "kind"})
    if decision.is_external:
        return {"source": LineSource.ISSUED_ELSEWHERE}
    if decision.commendation_type in NO_CHAIN_TYPES:
        return {"source": LineSource.NO_CHAIN}
    answer = (eligibility.person_answer(spec.person, spec.year) if spec.person is not None
              else eligibility.unit_answer(spec.unit, spec.year))
    verdict = answer.verdict(spec.kind)
    judged = {"verdict_eligible": verdict.eligible if verdict else None,
              "verdict": verdict.to_dict() if verdict else {}}
    if verdict is not None and verdict.eligible:
        return {"source": LineSource.VERDICT, **judged}
    origin = {"source": LineSource.MANUAL, **judged}
    justification = (spec.justification or "").strip()
    if justification:
        if not may_justify(actor, decision):
            raise ApplicationError(JUSTIFICATION_BY_DECIDER % {"authority": decision.authority_name},
                                   {"field": "justification"})
        origin |= {"justification": justification, "justified_by": actor, "justified_at": now}
    return origin


def unjustified(decision: Decision) -> list[Recipient]:
    """The lines of DECISION still waiting for their justification (`awaits_justification`)."""
    return [line for line in decision.recipients.select_related("person", "unit") if line.awaits_justification]


def require_justified(decision: Decision) -> None:
    """ApplicationError naming the direct entries of DECISION that nobody justified yet."""
    waiting = unjustified(decision)
    if waiting:
        raise ApplicationError(UNJUSTIFIED_LINES % {"names": ", ".join(str(r.subject) for r in waiting[:10])})


@transaction.atomic
def decision_justify_line(*, actor, recipient: Recipient, justification: str) -> Recipient:
    """ACTOR, holding the decision right over the draft's authority, writes why RECIPIENT
    (a direct entry the engine did not find eligible) is awarded all the same. Raises
    PermissionDenied without `decision.sign`; ApplicationError when the decision is not a
    draft, the line is not a direct entry, or the justification is empty."""
    decision = _lock(recipient.decision)
    access.require(actor, Perm.DECISION_SIGN, decision.unit)
    _require_draft(decision)
    line = Recipient.objects.select_related("person", "unit").get(pk=recipient.pk, decision=decision)
    if line.source != LineSource.MANUAL:
        raise ApplicationError(NOT_A_DIRECT_LINE % line.get_source_display())
    text = (justification or "").strip()
    if not text:
        raise ApplicationError(JUSTIFICATION_REQUIRED, {"field": "justification"})
    before = {"giải trình": line.justification}
    line.justification, line.justified_by, line.justified_at = text, actor, timezone.now()
    line.save(update_fields=["justification", "justified_by", "justified_at"])
    audit.record(actor=actor, action=A.DECISION_JUSTIFY, target=decision, unit_path=decision.unit.path,
                 before=before, after={"trường hợp": str(line.subject), "giải trình": text})
    return line

