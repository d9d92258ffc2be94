"""Reward money (LAW.md §E): coefficient × the base salary in force on the decision date,
rounded up to the ten-thousand đồng; and which of one period's titles is paid.

Coefficients live in the rule sets (`money:`), chosen by the decision date: decisions from
01/01/2024 take Decree 98/2023's, from 01/07/2025 Decree 152/2025's.
"""

import datetime as dt
from collections.abc import Iterable
from decimal import ROUND_CEILING, Decimal

from thidua.rules.codes import TITLE_CODES
from thidua.rules.errors import RulesetError
from thidua.rules.rulesets import RuleSet, get_ruleset, ruleset_for_date

# (in force from, VND per month, source). Decree 152 Art. 49(1): the base in force on the
# day the decision is issued applies.
BASE_SALARIES: tuple[tuple[dt.date, int, str], ...] = (
    (dt.date(2023, 7, 1), 1_800_000, "Nghị định 24/2023/NĐ-CP"),
    (dt.date(2024, 7, 1), 2_340_000, "Khoản 2 Điều 3 Nghị định 73/2024/NĐ-CP"),
    (dt.date(2026, 7, 1), 2_530_000, "Khoản 2 Điều 3 Nghị định 161/2026/NĐ-CP"),
)


def base_salary(on: dt.date) -> int:
    """The base salary (mức lương cơ sở) in force on `on`."""
    found = [amount for start, amount, _source in BASE_SALARIES if start <= on]
    if not found:
        raise RulesetError(f"chưa có mức lương cơ sở cho ngày {on:%d/%m/%Y}")
    return found[-1]


def amount(coefficient, base: int, round_up_to: int = 10_000) -> int:
    """coefficient × base, rounded up to a multiple of `round_up_to` (Decree 152 Art. 49(2)).
    Decimal arithmetic: 4.5 × 2,340,000 must be 10,530,000, not one step more."""
    exact = Decimal(str(coefficient)) * Decimal(base)
    step = Decimal(round_up_to)
    return int((exact / step).to_integral_value(rounding=ROUND_CEILING) * step)


def coefficient(code: str, subject_kind: str, ruleset: RuleSet) -> Decimal:
    entry = ruleset.money.get(code)
    if entry is None or subject_kind not in entry:
        raise RulesetError(f"bộ quy tắc {ruleset.id} chưa có hệ số tiền thưởng cho {code} ({subject_kind})")
    return Decimal(str(entry[subject_kind]))


def reward_amount(code: str, subject_kind: str, decided_on: dt.date | str, ruleset: str | RuleSet | None = None) -> int:
    """The reward in VND for `code` given to a subject of `subject_kind` by a decision of
    `decided_on`. Raises RulesetError when no coefficient or base salary is encoded."""
    day = decided_on if isinstance(decided_on, dt.date) else dt.date.fromisoformat(decided_on)
    chosen = ruleset if isinstance(ruleset, RuleSet) else get_ruleset(ruleset) if ruleset else ruleset_for_date(day)
    return amount(coefficient(code, subject_kind, chosen), base_salary(day), chosen.settings["round_up_to"])


def payable(codes: Iterable[str], subject_kind: str = "individual", ruleset: str | RuleSet = "2025") -> list[str]:
    """Which of the awards decided for one subject and one achievement period are paid.

    Titles of the same period: only the highest (Decree 152 Art. 49(5)), "highest" being the
    larger reward (Art. 49(3): a higher award carries more money). Forms of commendation are
    paid beside a title and beside each other (Art. 49(6)–(7)). Order of `codes` is kept.
    """
    chosen = ruleset if isinstance(ruleset, RuleSet) else get_ruleset(ruleset)
    codes = list(dict.fromkeys(codes))
    titles = [c for c in codes if c in TITLE_CODES]
    best = max(titles, key=lambda c: _weight(c, subject_kind, chosen), default=None)
    return [c for c in codes if c not in TITLE_CODES or c == best]


def _weight(code: str, subject_kind: str, ruleset: RuleSet) -> Decimal:
    try:
        return coefficient(code, subject_kind, ruleset)
    except RulesetError:
        return Decimal(0)
