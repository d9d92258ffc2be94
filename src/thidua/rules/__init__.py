"""thidua.rules — the eligibility engine: a subject's facts in, verdicts with articles out.

Pure Python: nothing here imports Django (a test checks it), so the same engine serves the
web pages, the API, bulk scans and `thidua rules check`. Rule sets are data
(data/rulesets/*.yaml, PyYAML), composed from the named conditions of
`thidua.rules.conditions`; docs/law.md lists every encoded rule with its article.

Public API
----------
evaluate(case, ruleset=None) -> Answer
    `case` is a CASE.json mapping (DESIGN.md §6) or a `Case`. The rule set is `ruleset`
    (an id or a RuleSet), else the case's "ruleset", else the one in force for the year
    judged ("2024" up to 2024, "2025" from 2025). `Answer.to_dict()` is the JSON of §6:
    {"year", "ruleset", "verdicts": [{"code", "eligible", "reasons", "missing"?, "basis"}]};
    "missing" is omitted when empty. Only award kinds that apply to the subject's kind (and
    armed-forces / village flags) are listed. Raises CaseError for an invalid case or an
    unknown rule-set id.
evaluate_many(cases, ruleset=None, *, codes=None, explain=False) -> Iterator[Answer]
    For scans: the answers of many cases (Cases or mappings), lazily, in order. `ruleset` as
    for `evaluate` (else each case chooses its own). `codes` keeps only the verdicts of those
    award kinds; what they depend on (LĐTT for CSTĐCS, titles judged earlier that may take a
    form's initiatives) is still judged, so every verdict is the one `evaluate` gives. With
    `explain=False` (the default) it only works out which kinds are eligible, stopping at the
    first condition that fails and building no text, several times faster than `evaluate`:
    `verdict.eligible` is exactly `evaluate`'s, and `reasons`, `missing` and `basis` are
    worked out on first access (the case judged in full, once), so `to_dict()` and
    `render_human` still give `evaluate`'s output. With `explain=True` each answer is
    `evaluate(case, ruleset)`'s (verdicts restricted to `codes`). Raises ValueError for an
    unknown code, CaseError for an unknown rule-set id, and CaseError for an invalid case when
    the iteration reaches it. Build Cases with `case_from_dict` once if they are judged
    several times.
case_from_dict(data) -> Case
    Strict validation of CASE.json; raises CaseError(field, message) naming the field
    ("history[2].rating: mã xếp loại «XS» không hợp lệ (...)").
CaseError
    `.field`, `.message` (Vietnamese); `str()` is "field: message". Map it to exit code 2.
render_human(answer) -> str
    The answer as Vietnamese sentences (✔/✘, reasons, missing items, articles).
check_quotas(ruleset, proposals) -> list[QuotaExcess]
    Limits a proposed list exceeds (CSTĐCS share of LĐTT per unit, TTLĐXS share, flags per
    bloc), by how many and who falls out. `proposals` are `Proposal`s or mappings.
MoneyTable(kinds, salaries).amount(code, subject_kind, decided_on) -> int
    Reward money in VND: the coefficient version in force on the decision date × the base
    salary in force that day, rounded up to 10,000 (`thidua.rules.money`); the catalog feeds
    it its legal tables. `counting_period(...)` and `payable(codes, rank, titles)` apply
    Decree 152 Art. 49(5): titles of one counting period pay only the highest.
RULESETS, get_ruleset(id), ruleset_for_year(year, drafts=frozenset())
    The concrete rule sets by id (loaded from data/rulesets, or THIDUA_RULESETS_DIR); a
    draft set (`draft: true`) is chosen for a year only when its id is in `drafts`, and
    `thidua.rules.transition.judge` applies a set's transitional rule (received date,
    more favourable rule);
    `ruleset_from_mapping(data)` resolves a province layer (`extends: "2025"`) given as data
    and `RULESETS.register(ruleset)` makes it selectable by id.
"""

from thidua.rules.engine import evaluate, evaluate_many
from thidua.rules.errors import CaseError, RulesetError
from thidua.rules.facts import Case, Initiative, Members, PriorAward, YearFacts
from thidua.rules.human import render_human
from thidua.rules.money import MoneyTable, counting_period, payable
from thidua.rules.parse import case_from_dict
from thidua.rules.quotas import Proposal, QuotaExcess, check_quotas
from thidua.rules.results import Answer, Outcome, Status, Verdict
from thidua.rules.rulesets import RULESETS, RuleSet, get_ruleset, ruleset_for_year, ruleset_from_mapping
from thidua.rules.votes import VoteRule, count_written, quorum, vote_rule

__all__ = [
    "RULESETS", "Answer", "Case", "CaseError", "Initiative", "Members", "MoneyTable", "Outcome", "PriorAward",
    "Proposal", "QuotaExcess", "RuleSet", "RulesetError", "Status", "Verdict", "VoteRule", "YearFacts",
    "case_from_dict", "check_quotas", "count_written", "counting_period", "evaluate", "evaluate_many", "get_ruleset",
    "payable", "quorum", "render_human", "ruleset_for_year", "ruleset_from_mapping", "vote_rule",
]
