"""The transitional rule between two rule sets: the date the competent body received the
dossier decides, and the more favourable rule applies (docs/law.md, "Luật sửa đổi 2026").

A dossier received on or after the new set's `in_force_from` is judged under the new set. One
received earlier keeps the old set (the one the new set extends), except for an award kind
where the new set is **more favourable**: the old set answers ✘ and the new one ✔. Nothing
else counts as more favourable — a ✔ under both stays the old set's, with its reasons and
articles, and a ✘ under both stays the old set's ✘ (what the law in force at reception
says is missing). Each verdict taken from the new set says so in its reasons.
"""

import datetime as dt
from collections.abc import Iterable, Iterator

from thidua.rules.engine import evaluate_many
from thidua.rules.results import Answer, Verdict
from thidua.rules.rulesets import RuleSet, get_ruleset

DRAFT_LABEL = "(Dự thảo – chưa có hiệu lực)"
FAVOURABLE_NOTE = ("Hồ sơ tiếp nhận ngày {received:%d/%m/%Y}, trước ngày {since:%d/%m/%Y}: xét theo "
                   "{old}, nhưng áp dụng {new} vì có lợi hơn cho người được đề nghị.")


def more_favourable(old: Verdict, new: Verdict) -> bool:
    """Whether NEW is more favourable than OLD for the person: ✔ where OLD gives ✘."""
    return new.eligible and not old.eligible


def applies(new: RuleSet, received_on: dt.date | None) -> bool:
    """Whether a dossier received on RECEIVED_ON is judged by NEW's transitional rule rather
    than by NEW alone: NEW has an effective date, extends an older set, and the dossier came
    in before that date."""
    return (received_on is not None and new.in_force_from is not None and new.extends is not None
            and received_on < new.in_force_from)


def judge(case, new: RuleSet, received_on: dt.date) -> Answer:
    """CASE judged under NEW with its transitional rule, for a dossier received on RECEIVED_ON."""
    return next(judge_many([case], new, received_on, explain=True))


def judge_many(cases: Iterable, new: RuleSet, received_on: dt.date | None, *,
               codes: Iterable[str] | None = None, explain: bool = False) -> Iterator[Answer]:
    """`evaluate_many` with NEW's transitional rule for dossiers received on RECEIVED_ON (None:
    no dossier, NEW alone): one answer per case, in order."""
    if not applies(new, received_on):
        yield from evaluate_many(cases, new, codes=codes, explain=explain)
        return
    cases = list(cases)
    codes = None if codes is None else list(codes)
    old = get_ruleset(new.extends)
    befores = evaluate_many(cases, old, codes=codes, explain=explain)
    afters = evaluate_many(cases, new, codes=codes, explain=explain)
    for before, after in zip(befores, afters, strict=True):
        yield _kept_or_favoured(before, after, old, new, received_on)


def _kept_or_favoured(before: Answer, after: Answer, old: RuleSet, new: RuleSet, received_on: dt.date) -> Answer:
    favoured = {v.code: v for v in after.verdicts}
    verdicts = []
    for verdict in before.verdicts:
        candidate = favoured.get(verdict.code)
        if candidate is not None and more_favourable(verdict, candidate):
            note = FAVOURABLE_NOTE.format(received=received_on, since=new.in_force_from, old=old.title,
                                          new=new.title)
            if new.draft:
                note += " " + DRAFT_LABEL
            verdict = Verdict(code=candidate.code, eligible=True, reasons=[*candidate.reasons, note],
                              missing=[], basis=list(candidate.basis))
        verdicts.append(verdict)
    return Answer(year=before.year, ruleset=old.id, verdicts=verdicts)
