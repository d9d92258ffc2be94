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

from thidua.rules.engine import evaluate
from thidua.rules.results import Answer, Verdict
from thidua.rules.rulesets import RuleSet, get_ruleset

DRAFT_LABEL = "(Dự thảo – chưa có hiệu lực)"
FAVOURABLE_NOTE = ("Hồ sơ tiếp nhận ngày {received:%d/%m/%Y}, trước ngày {since:%d/%m/%Y}: xét theo bộ quy tắc "
                   "{old}, nhưng áp dụng bộ quy tắc {new} vì có lợi hơn cho người được đề nghị.")


def more_favourable(old: Verdict, new: Verdict) -> bool:
    """Whether NEW is more favourable than OLD for the person: ✔ where OLD gives ✘."""
    return new.eligible and not old.eligible


def judge(case, new: RuleSet, received_on: dt.date) -> Answer:
    """CASE judged under NEW with its transitional rule, for a dossier received on RECEIVED_ON."""
    if new.in_force_from is None or new.extends is None or received_on >= new.in_force_from:
        return evaluate(case, new)
    old = get_ruleset(new.extends)
    before = evaluate(case, old)
    after = {v.code: v for v in evaluate(case, new).verdicts}
    verdicts = []
    for verdict in before.verdicts:
        candidate = after.get(verdict.code)
        if candidate is not None and more_favourable(verdict, candidate):
            note = FAVOURABLE_NOTE.format(received=received_on, since=new.in_force_from, old=old.id, new=new.id)
            if new.draft:
                note += " " + DRAFT_LABEL
            verdict = Verdict(code=candidate.code, eligible=True, reasons=[*candidate.reasons, note],
                              missing=[], basis=list(candidate.basis))
        verdicts.append(verdict)
    return Answer(year=before.year, ruleset=old.id, verdicts=verdicts)
