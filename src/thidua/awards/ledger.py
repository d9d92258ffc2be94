"""The award ledger (sổ khen thưởng) as a list: every award USER sees, by the unit the
subject belonged to at the time (as the statistics count it), filtered the way an officer
asks — a year, an award, a unit and its units below, a decision, a person — and exported to
Excel as shown.
"""

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from thidua.awards.models import Award
from thidua.catalog.display import award_full_name, award_title
from thidua.catalog.selectors import kind_names
from thidua.core import access
from thidua.core.roles import Perm
from thidua.core.selectors import matching
from thidua.core.text import clean_name, fold
from thidua.core.views_util import int_param
from thidua.documents.models import Document
from thidua.org.models import Unit
from thidua.org.selectors import within
from thidua.people.models import Person


@dataclass
class Filters:
    """What the ledger page was asked for (its query string, read by `from_query`)."""

    year: int | None = None
    kind: str = ""
    unit: Unit | None = None
    decision: str = ""
    person: str = ""

    @classmethod
    def from_query(cls, user, params) -> "Filters":
        """The filters of PARAMS (`request.GET`); a unit out of USER's sight is a 404."""
        unit_pk = int_param(params.get("don-vi"))
        unit = access.get(user, Unit, unit_pk) if unit_pk else None
        return cls(year=int_param(params.get("nam")), kind=params.get("danh-hieu", "").strip()[:32], unit=unit,
                   decision=clean_name(params.get("quyet-dinh", ""))[:64],
                   person=params.get("ca-nhan", "").strip()[:128])


def ledger(user, f: Filters) -> QuerySet[Award]:
    """The awards USER sees (`award.view` over the unit at the time) matching F, newest first."""
    qs = access.scope(user, Perm.AWARD_VIEW, Award.objects.select_related(
        "person", "unit", "held_unit", "document"))
    if f.year:
        qs = qs.filter(year=f.year)
    if f.kind:
        qs = qs.filter(kind=f.kind)
    if f.unit is not None:
        qs = qs.filter(within(f.unit, "held_unit__path"))
    if f.decision:
        qs = by_decision(qs, f.decision)
    if f.person:
        qs = _by_person(qs, f.person)
    return qs.order_by("-year", "-decided_on", "-pk")


def by_decision(qs: QuerySet[Award], number: str) -> QuerySet[Award]:
    """The awards of the decision numbered NUMBER however its case and accents were typed
    ("12/qd-snv" finds "12/QĐ-SNV"): the few distinct numbers sharing its first characters
    are compared folded, then matched exactly. Through the indexes of the numbers typed on
    the awards and of the documents' ids: a join to the documents made every line be read."""
    head, wanted = number[:3], fold(number)
    # Unordered: the ledger's order would make every line distinct.
    near = set(qs.filter(decision_number__istartswith=head).order_by().values_list("decision_number", flat=True)
               .distinct())
    near |= set(Document.objects.filter(number__istartswith=head).values_list("number", flat=True).distinct())
    written = {n for n in near if fold(n) == wanted}
    papers = Document.objects.filter(number__in=written).values("pk")
    return qs.filter(Q(decision_number__in=written) | Q(document__in=papers))


def _by_person(qs: QuerySet[Award], text: str) -> QuerySet[Award]:
    """The awards of the person whose code is TEXT, or whose name holds every word of it."""
    if text.isdigit() and len(text) <= 9:
        return qs.filter(person_id=int(text))
    ids = matching(Person.objects.all(), text).values("pk")
    return qs.filter(person__in=ids)


def named(awards) -> list[Award]:
    """AWARDS as a list, each with its name in full (`display`, `catalog.display`)."""
    names = kind_names()
    rows = list(awards)
    for award in rows:
        award.display = award_full_name(award, names)
    return rows


HEADERS = (_l("STT"), _l("Năm"), _l("Danh hiệu, hình thức khen thưởng"), _l("Cá nhân, tập thể"), _l("Mã cá nhân"),
           _l("Đơn vị tại thời điểm khen thưởng"), _l("Số quyết định"), _l("Ngày quyết định"), _l("Cấp quyết định"),
           _l("Tiền thưởng (đồng)"), _l("Ghi chú"))


_EXPORTED = ("year", "kind", "issuer", "person_id", "person__full_name", "unit__name", "held_unit__name",
             "document__number", "decision_number", "decided_on", "money", "revoked")


def export_rows(awards):
    """The Excel rows of AWARDS, as the page shows them (user text through `core.xlsx.put`).
    Read as values, each award's name made once per award and issuer: a province's ledger
    runs to hundreds of thousands of lines."""
    names = kind_names()
    titles: dict[tuple[str, str], str] = {}
    rows = awards.values_list(*_EXPORTED).iterator(chunk_size=2000)
    for i, (year, kind, issuer, person_id, person, unit, held_unit, paper, number, decided_on, money,
            revoked) in enumerate(rows, start=1):
        title = titles.get((kind, issuer))
        if title is None:
            title = titles[kind, issuer] = award_title(kind, names.get(kind, kind), issuer=issuer)
        yield (i, year, title, person if person_id else unit, person_id, held_unit, paper or number, decided_on,
               issuer, money, _("Đã hủy bỏ, thu hồi") if revoked else "")
