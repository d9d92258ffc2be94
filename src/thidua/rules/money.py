"""Reward money, the one computation every price in thidua goes through (ADR 0015).

`MoneyTable` prices awards from the legal tables it is given: coefficient versions by
award kind (each in force from its `valid_from`: Decree 98/2023's from 01/01/2024, Decree
152/2025's from 01/07/2025, as the catalog seeds them) and the base salaries by date. It is
pure and answers any number of awards without queries; `catalog.selectors.money_table()`
builds it from the catalog. `counting_period` and `payable` say which titles of one subject
are paid beside each other (Decree 152 Art. 49(5)).
"""

import datetime as dt
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from decimal import ROUND_CEILING, Decimal


class MoneyError(ValueError):
    """No amount can be given; `reason` says why (see the subclasses), `data` the facts."""

    def __init__(self, **data):
        self.data = data
        super().__init__(f"{type(self).__name__}: {data}")


class UnknownKind(MoneyError):
    """The table has no version of that award kind at all."""


class SubjectNotAccepted(MoneyError):
    """The kind is not given to that kind of subject (a household Cờ thi đua)."""


class NoCoefficient(MoneyError):
    """No coefficient is known for that kind, subject and decision date: the date is before
    the first legal table encoded for the kind, or that table has no figure for the subject
    (a figure of the decree that could not be read is left out, never guessed)."""


class NoBaseSalary(MoneyError):
    """The decision date is before the first base salary the table knows."""


def amount(coefficient, base: int, rounding: str = "up", step: int = 10_000) -> int:
    """coefficient × base. With rounding "up", rounded up to a multiple of STEP: "được làm
    tròn số lên hàng chục nghìn đồng" (Decree 152 Art. 49(2)). Decimal arithmetic: 4.5 ×
    2,340,000 must be 10,530,000, not one step more."""
    value = Decimal(str(coefficient)) * Decimal(base)
    if rounding == "up":
        value = (value / Decimal(step)).to_integral_value(rounding=ROUND_CEILING) * Decimal(step)
    return int(value.to_integral_value(rounding=ROUND_CEILING))


class MoneyTable:
    """KINDS: (code, valid_from, version, subjects, coefficients {subject: number|None}, name)
    rows; SALARIES: (effective_from, version, amount, rounding, step) rows. Any order.

    A coefficient of None is "no money" (the law gives none, e.g. Gia đình văn hóa); a
    subject missing from a version's coefficients is "not known" (NoCoefficient).
    """

    def __init__(self, kinds: Iterable[tuple], salaries: Iterable[tuple]):
        by_code: dict[str, list[tuple]] = {}
        for code, valid_from, version, subjects, coefficients, name in kinds:
            by_code.setdefault(code, []).append((valid_from, version, tuple(subjects), coefficients, name))
        self._kinds = {code: sorted(rows, key=lambda r: (r[0], r[1])) for code, rows in by_code.items()}
        self._kind_dates = {code: [r[0] for r in rows] for code, rows in self._kinds.items()}
        latest: dict[dt.date, tuple] = {}
        for effective, _version, base, rounding, step in sorted(salaries, key=lambda r: (r[0], r[1])):
            latest[effective] = (base, rounding, step)
        self._salary_dates = sorted(latest)
        self._salaries = [latest[d] for d in self._salary_dates]

    def version(self, code: str, on: dt.date) -> tuple:
        """(valid_from, version, subjects, coefficients, name) of the legal table in force ON
        — the decision date: the money of the decree in force when the decision is issued."""
        rows = self._kinds.get(code)
        if not rows:
            raise UnknownKind(code=code)
        index = bisect_right(self._kind_dates[code], on) - 1
        if index < 0:
            raise NoCoefficient(code=code, on=on, name=rows[0][4])
        return rows[index]

    def coefficient(self, code: str, subject_kind: str, on: dt.date) -> Decimal | None:
        _valid_from, _version, subjects, coefficients, name = self.version(code, on)
        if subject_kind not in subjects:
            raise SubjectNotAccepted(code=code, subject=subject_kind, name=name)
        if subject_kind not in coefficients:
            raise NoCoefficient(code=code, on=on, name=name)
        value = coefficients[subject_kind]
        return Decimal(str(value)) if value is not None else None

    def base_salary(self, on: dt.date) -> tuple[int, str, int]:
        """(amount, rounding, step) in force ON: "mức lương cơ sở ... đang có hiệu lực vào thời
        điểm ban hành quyết định" (Decree 152 Art. 49(1))."""
        index = bisect_right(self._salary_dates, on) - 1
        if index < 0:
            raise NoBaseSalary(on=on)
        return self._salaries[index]

    def amount(self, code: str, subject_kind: str, on: dt.date) -> int:
        """Money for one award decided ON; 0 when the law gives that subject none."""
        coefficient = self.coefficient(code, subject_kind, on)
        if coefficient is None:
            return 0
        return amount(coefficient, *self.base_salary(on))


# How many years a title's achievements are counted over, ending with its year, when its
# decision line names no period: CSTĐ cấp tỉnh needs "03 lần liên tục" CSTĐCS (Law Art.
# 22(1)(a)); CSTĐ toàn quốc "02 lần liên tục" CSTĐ cấp tỉnh (Law Art. 21(1)(a)), six
# years. Every other title is the year's.
SPAN_YEARS: Mapping[str, int] = {"CSTD_TINH": 3, "CSTD_TQ": 6}


def counting_period(code: str, year: int, period_from: int | None = None,
                    period_to: int | None = None) -> tuple[int, int]:
    """The years a title's achievements are counted over ("thời gian được tính để đạt",
    Decree 152 Art. 49(5)): the line's own period, else the title's span ending with YEAR."""
    if period_from or period_to:
        return (period_from or period_to, period_to or period_from)
    return (year - SPAN_YEARS.get(code, 1) + 1, year)


def payable(codes: Iterable[str], rank: Mapping[str, int], titles: Iterable[str]) -> list[str]:
    """Which of one subject's titles of ONE counting period are paid: only the highest
    ("có cùng thời gian được tính ... thì được nhận tiền thưởng danh hiệu thi đua cao nhất",
    Decree 152 Art. 49(5)), the highest by the catalog's rank (a higher award carries more
    money, Art. 49(3)). Forms of commendation are paid beside titles and each other (Art.
    49(6)–(7)). Titles of different periods are separate calls: each is paid. Order kept."""
    title_codes = set(titles)
    codes = list(dict.fromkeys(codes))
    found = [c for c in codes if c in title_codes]
    best = max(found, key=lambda c: rank.get(c, 0), default=None)
    return [c for c in codes if c not in title_codes or c == best]
