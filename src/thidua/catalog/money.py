"""Reward money (LAW.md §E): coefficient × base salary in force on the decision date,
rounded as the base-salary file says (up to the ten-thousand by default).

`MoneyTable` is pure: built once from the catalog versions and the base-salary rows, it
answers for any number of awards without further queries (the demo seeder and imports
use it in bulk); `catalog.selectors.money_table()` builds it from the database.
"""

import datetime as dt
from bisect import bisect_right
from collections.abc import Iterable
from decimal import ROUND_CEILING, Decimal

from django.utils.translation import gettext_lazy as _

from thidua.core.errors import ApplicationError

UNKNOWN_KIND = _("Mã danh hiệu, hình thức khen thưởng «%(code)s» không có trong danh mục.")
SUBJECT_NOT_ACCEPTED = _("«%(name)s» không tặng cho đối tượng này (%(subject)s).")
NO_BASE_SALARY = _("Chưa có mức lương cơ sở áp dụng cho ngày %(date)s; không tính được tiền thưởng.")


class NoBaseSalary(ApplicationError):
    """The decision date is before the first base salary the catalog knows."""


class MoneyTable:
    """KINDS: (code, valid_from, version, subjects, coefficients {subject: str|None}, name) rows;
    SALARIES: (effective_from, version, amount, rounding, step) rows. Any order."""

    def __init__(self, kinds: Iterable[tuple], salaries: Iterable[tuple]):
        by_code: dict[str, list[tuple]] = {}
        for code, valid_from, version, subjects, coefficients, name in kinds:
            by_code.setdefault(code, []).append((valid_from, version, tuple(subjects), coefficients, name))
        self._kinds = {code: sorted(rows, key=lambda r: (r[0], r[1])) for code, rows in by_code.items()}
        self._kind_dates = {code: [r[0] for r in rows] for code, rows in self._kinds.items()}
        latest: dict[dt.date, tuple] = {}
        for effective, _version, amount, rounding, step in sorted(salaries, key=lambda r: (r[0], r[1])):
            latest[effective] = (amount, rounding, step)
        self._salary_dates = sorted(latest)
        self._salaries = [latest[d] for d in self._salary_dates]

    def _kind(self, code: str, on: dt.date) -> tuple:
        rows = self._kinds.get(code)
        if not rows:
            raise ApplicationError(UNKNOWN_KIND % {"code": code}, {"field": "kind"})
        # The version in force that day; before the first version, the earliest one
        # (the catalog keeps no older coefficients unless an administrator adds them).
        index = bisect_right(self._kind_dates[code], on) - 1
        return rows[max(index, 0)]

    def coefficient(self, code: str, subject_kind: str, on: dt.date) -> Decimal | None:
        _valid_from, _version, subjects, coefficients, name = self._kind(code, on)
        if subject_kind not in subjects:
            raise ApplicationError(SUBJECT_NOT_ACCEPTED % {"name": name, "subject": subject_kind},
                                   {"field": "kind"})
        value = coefficients.get(subject_kind)
        return Decimal(str(value)) if value is not None else None

    def base_salary(self, on: dt.date) -> tuple[int, str, int] | None:
        index = bisect_right(self._salary_dates, on) - 1
        return self._salaries[index] if index >= 0 else None

    def amount(self, code: str, subject_kind: str, on: dt.date) -> int:
        """Money for one award; 0 when the catalog sets no coefficient for that subject.

        Raises ApplicationError for an unknown code, a subject the kind does not accept, or
        a date before the first known base salary.
        """
        coefficient = self.coefficient(code, subject_kind, on)
        if coefficient is None:
            return 0
        base = self.base_salary(on)
        if base is None:
            raise NoBaseSalary(NO_BASE_SALARY % {"date": on.strftime("%d/%m/%Y")}, {"field": "decided_on"})
        amount, rounding, step = base
        value = coefficient * amount
        if rounding == "up":
            value = (value / step).to_integral_value(rounding=ROUND_CEILING) * step
        return int(value.to_integral_value(rounding=ROUND_CEILING))
