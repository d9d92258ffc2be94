"""Reward money priced from the catalog: the catalog's coefficient versions and base
salaries are the legal tables, `thidua.rules.money.MoneyTable` does the arithmetic (ADR
0015). This module only turns its refusals into messages for the user.

`catalog.selectors.money_table()` builds the table from the database (two queries); the
demo seeder, imports, decisions and payment lists use it in bulk.
"""

import datetime as dt

from django.utils.translation import gettext_lazy as _

from thidua.core.errors import ApplicationError
from thidua.rules import money as rules_money

UNKNOWN_KIND = _("Mã danh hiệu, hình thức khen thưởng «%(code)s» không có trong danh mục.")
SUBJECT_NOT_ACCEPTED = _("«%(name)s» không tặng cho đối tượng này (%(subject)s).")
NO_BASE_SALARY = _("Chưa có mức lương cơ sở áp dụng cho ngày %(date)s; không tính được tiền thưởng.")
NO_COEFFICIENT = _("Chưa có mức tiền thưởng của «%(name)s» áp dụng cho quyết định ngày %(date)s; "
                   "không tính được tiền thưởng.")


class MoneyUnknown(ApplicationError):
    """The amount cannot be known for that decision date: the money is left blank."""


class NoBaseSalary(MoneyUnknown):
    """The decision date is before the first base salary the catalog knows."""


class NoCoefficient(MoneyUnknown):
    """No legal table of the catalog gives that kind's money on the decision date."""


class MoneyTable(rules_money.MoneyTable):
    """`rules.money.MoneyTable` whose refusals are ApplicationErrors naming the field."""

    def amount(self, code: str, subject_kind: str, on: dt.date) -> int:
        """Money for one award; 0 when the catalog sets no money for that subject.

        Raises MoneyUnknown (NoBaseSalary, NoCoefficient) when the date has no base salary
        or no coefficient, ApplicationError for an unknown code or a subject the kind does
        not accept.
        """
        try:
            return super().amount(code, subject_kind, on)
        except rules_money.UnknownKind:
            raise ApplicationError(UNKNOWN_KIND % {"code": code}, {"field": "kind"}) from None
        except rules_money.SubjectNotAccepted as error:
            raise ApplicationError(SUBJECT_NOT_ACCEPTED % {"name": error.data["name"], "subject": subject_kind},
                                   {"field": "kind"}) from None
        except rules_money.NoCoefficient as error:
            raise NoCoefficient(NO_COEFFICIENT % {"name": error.data["name"], "date": on.strftime("%d/%m/%Y")},
                                {"field": "decided_on"}) from None
        except rules_money.NoBaseSalary:
            raise NoBaseSalary(NO_BASE_SALARY % {"date": on.strftime("%d/%m/%Y")}, {"field": "decided_on"}) from None
