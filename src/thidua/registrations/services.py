"""Registration writes: a subject's set of registered titles for a year."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from thidua import rules
from thidua.accounts.roles import Perm
from thidua.core import access, audit
from thidua.core.errors import ApplicationError
from thidua.registrations import audit_actions as A
from thidua.registrations.models import Registration
from thidua.rules.codes import TITLE_CODES

NEEDS_SUBJECT = _("Cần chọn cá nhân hoặc đơn vị đăng ký.")
NOT_A_TITLE = _("«%(code)s» không phải danh hiệu thi đua đăng ký được cho %(subject)s.")


def registrable_codes(subject_kind: str) -> list[tuple[str, str]]:
    """(code, name) of the emulation titles a subject of SUBJECT_KIND may register for."""
    ruleset = rules.RULESETS[rules.ruleset_for_year(9999).id]
    return [(code, rule.name) for code, rule in ruleset.rules.items()
            if code in TITLE_CODES and subject_kind in rule.subjects]


@transaction.atomic
def registration_set(*, actor, year: int, codes: list[str], person=None, unit=None, registered_on=None,
                     reason: str = "") -> list[Registration]:
    """Make the subject's registrations for YEAR exactly CODES (adding and withdrawing)."""
    if person is None and unit is None:
        raise ApplicationError(NEEDS_SUBJECT)
    target = person if person is not None else unit
    access.require(actor, Perm.PEOPLE_CHANGE if person is not None else Perm.EVALUATION_CHANGE, target)
    where = {"person": person} if person is not None else {"person__isnull": True, "unit": unit}
    existing = {r.code: r for r in Registration.objects.select_for_update().filter(year=year, **where)}
    wanted = list(dict.fromkeys(codes))
    kind = "individual" if person is not None else "collective"
    allowed = dict(registrable_codes(kind))
    for code in wanted:
        if code not in allowed:
            raise ApplicationError(NOT_A_TITLE % {"code": code, "subject": _("cá nhân") if person else _("tập thể")},
                                   {"field": "codes"})
    home = person.current_unit if person is not None else unit
    for code in wanted:
        if code not in existing:
            Registration.objects.create(person=person, unit=home, year=year, code=code, registered_on=registered_on)
    removed = [code for code in existing if code not in wanted]
    Registration.objects.filter(year=year, code__in=removed, **where).delete()
    if removed or set(wanted) != set(existing):
        audit.record(actor=actor, action=A.REGISTRATION_SET, target=target, unit_path=home.path,
                     before={"year": year, "registered": sorted(existing)},
                     after={"year": year, "registered": sorted(wanted)}, reason=reason)
    return list(Registration.objects.filter(year=year, **where))
