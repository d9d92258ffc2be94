"""Where the council meets the dossiers: the lower form put to the vote beside the proposed
one, and the results handed back to the dossier workflow."""

from collections import defaultdict

from thidua.catalog.selectors import current_kinds
from thidua.councils.models import Outcome
from thidua.dossiers import services as dossier_services
from thidua.eligibility.selectors import ruleset_for
from thidua.org.models import UnitKind


def lower_options(item, kinds=None) -> list[str]:
    """The forms below the proposed one in the same group of the catalog that the subject
    may receive and the dossier's authority may decide, highest first (Cờ thi đua tỉnh →
    Tập thể lao động xuất sắc, …). Only kinds the rule set judges for such a subject are
    offered: not the armed forces' variants (CSTT for LĐTT), not a commune's or a village's
    title for an office."""
    kinds = kinds if kinds is not None else current_kinds()
    proposed = kinds.get(item.kind)
    if proposed is None:
        return []
    judged = ruleset_for(item.year).rules
    community = item.unit is not None and item.unit.kind == UnitKind.THON_TDP
    level = item.dossier.authority_level
    lower = [k for k in kinds.values() if k.group == proposed.group and k.rank < proposed.rank
             and k.accepts(item.subject_kind) and level in k.authority_levels and k.code in judged
             and not judged[k.code].armed_forces and judged[k.code].community in (None, community)]
    return [k.code for k in sorted(lower, key=lambda k: -k.rank)]


def lower_kind(item, kinds=None) -> str:
    """The lower form put to the vote unless the secretariat picks another: the next one
    down (`lower_options`), or "" when the authority has none."""
    options = lower_options(item, kinds)
    return options[0] if options else ""


_VOTE = {Outcome.APPROVED: "agree", Outcome.APPROVED_LOWER: "lower", Outcome.REJECTED: "disagree"}


def record_votes(actor, meeting, entries) -> None:
    """Each dossier of the meeting learns all its items' results in one call."""
    by_dossier = defaultdict(dict)
    for entry in entries:
        tally = {"agree": entry.agree, "disagree": entry.disagree, "lower": entry.lower, "invalid": entry.invalid,
                 "voters": entry.voters, "threshold": entry.threshold}
        lower = entry.lower_kind if entry.outcome == Outcome.APPROVED_LOWER else ""
        by_dossier[entry.item.dossier][entry.item_id] = dossier_services.VoteResult(
            outcome=_VOTE[entry.outcome], lower_kind=lower, tally=tally)
    for dossier, results in by_dossier.items():
        dossier_services.dossier_record_votes(actor=actor, dossier=dossier, results=results,
                                              reference=f"{meeting.title} ({meeting.starts_at:%d/%m/%Y})")
