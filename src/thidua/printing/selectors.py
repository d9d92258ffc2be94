"""Reads of the printing app, always through the scope.

The authority whose templates, layouts and printers a page manages is a unit: visible
through `org.view` (else 404), managed through `print.manage` (else 403). Printing an
award's certificate takes `print.manage` over the award's subject, the path the award
page itself is opened through.
"""

import datetime as dt
import logging
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from thidua.awards.models import Award
from thidua.catalog.selectors import KindInfo, current_kinds
from thidua.core import access
from thidua.core.errors import PermissionDenied
from thidua.core.hooks import Hook
from thidua.core.roles import Perm
from thidua.org.models import Unit
from thidua.org.paths import ancestor_paths
from thidua.printing import layouts
from thidua.printing.layouts import Layout
from thidua.printing.models import AwardVerification, CertificateBatch, DocKind, DocTemplate, PrinterProfile

log = logging.getLogger("thidua.access")


def authorities_for(user) -> list[Unit]:
    """The units whose printing USER manages: where a role carrying `print.manage` is
    granted (everything for an administrator: the roots)."""
    prefixes = access.prefixes(user, Perm.PRINT_MANAGE)
    if prefixes is None:
        return list(Unit.objects.filter(depth=1).order_by("path"))
    return list(Unit.objects.filter(path__in=prefixes).order_by("path"))


def authority_get_for(user, pk: int | str | None) -> Unit:
    """The authority PK (default: USER's first one). 404 when USER cannot see the unit,
    403 when USER does not manage printing there: every page of an authority's printing
    settings, reading included, is for its managers."""
    if pk in (None, ""):
        units = authorities_for(user)
        if not units:
            access.refuse(user, "printing.manage")
        return units[0]
    return access.get(user, Unit, pk, seen=Perm.ORG_VIEW, perm=Perm.PRINT_MANAGE)


def _no_decisions(user, pk: int):
    raise Http404


# A signed decision whose certificates are printed together (`?quyet-dinh=` on the batch
# page) is the decisions app's to fetch and authorise (404 otherwise): it stands above
# printing and fills this at start-up (`decisions.apps`). decision_for_print(user, pk).
decision_for_print = Hook("decision for print", _no_decisions)


def require_manager(user) -> None:
    """403 for a user who manages printing nowhere."""
    if not access.has_any(user, Perm.PRINT_MANAGE):
        raise PermissionDenied(access.REFUSED)


# --- templates ---------------------------------------------------------------------------


def current_template(kind: str, unit: Unit) -> DocTemplate | None:
    """The newest version of KIND at UNIT or its nearest ancestor that has one."""
    paths = ancestor_paths(unit.path)
    rows = DocTemplate.objects.filter(kind=kind, unit__path__in=paths).select_related("unit")
    return max(rows, key=lambda r: (r.unit.depth, r.version), default=None)


@dataclass
class TemplateState:
    kind: str
    label: str
    current: DocTemplate | None  # None: the shipped template
    own_versions: list[DocTemplate]

    @property
    def inherited(self) -> bool:
        return self.current is not None and not any(v.pk == self.current.pk for v in self.own_versions)


def template_states(unit: Unit) -> list[TemplateState]:
    """Each kind's template in force at UNIT and UNIT's own versions: one query for all kinds."""
    rows = list(DocTemplate.objects.filter(unit__path__in=ancestor_paths(unit.path))
                .select_related("unit", "uploaded_by").order_by("kind", "-version"))
    own: dict[str, list[DocTemplate]] = {}
    current: dict[str, DocTemplate] = {}
    for row in rows:
        if row.unit_id == unit.pk:
            own.setdefault(row.kind, []).append(row)
        best = current.get(row.kind)
        if best is None or (row.unit.depth, row.version) > (best.unit.depth, best.version):
            current[row.kind] = row  # the nearest unit's newest version, as `current_template`
    return [TemplateState(kind=kind, label=str(label), current=current.get(kind), own_versions=own.get(kind, []))
            for kind, label in DocKind.choices]


# --- layouts and printers ----------------------------------------------------------------


def certificate_kinds() -> list[KindInfo]:
    """The catalog kinds that come with a certificate, highest first."""
    return [k for k in current_kinds().values() if k.certificate]


def kind_info(code: str) -> KindInfo:
    kinds = current_kinds()
    if code not in kinds or not kinds[code].certificate:
        raise Http404
    return kinds[code]


def layouts_of(unit: Unit) -> list[tuple[KindInfo, Layout]]:
    kinds = certificate_kinds()
    resolver = layouts.Resolver({k.code for k in kinds})
    return [(k, resolver.layout(k.code, unit, kind_info=k)) for k in kinds]


def printers_for(unit: Unit) -> QuerySet[PrinterProfile]:
    """The printers of UNIT and of the units above it (a province's printer serves its
    departments' prints too)."""
    return PrinterProfile.objects.filter(unit__path__in=ancestor_paths(unit.path)).select_related(
        "unit").order_by("unit__depth", "name")


def printers_for_user(user) -> QuerySet[PrinterProfile]:
    """Every printer USER may print on: those of the units they manage, of the units under
    them, and of the units above them."""
    paths: set[str] = set()
    for unit in authorities_for(user):
        paths.update(ancestor_paths(unit.path))
    own = access.scope(user, Perm.PRINT_MANAGE, PrinterProfile.objects.all()).values("pk")
    return PrinterProfile.objects.filter(Q(unit__path__in=paths) | Q(pk__in=own)).select_related("unit").order_by(
        "unit__depth", "unit__name", "name")


# --- awards ------------------------------------------------------------------------------


def award_for_print(user, pk: int) -> Award:
    """One award to print: 404 when USER cannot see it (as on the award page), 403 when
    they see it but do not manage printing over its subject."""
    award = Award.objects.select_related("person__current_unit", "unit", "held_unit", "document").filter(
        pk=pk).first()
    if award is None or not access.covers(user, Perm.AWARD_VIEW, award.scope_path):
        raise Http404
    if not access.covers(user, Perm.PRINT_MANAGE, award.scope_path):
        raise PermissionDenied(access.REFUSED)
    return award


def awards_for_print(user, ids: Sequence[int]) -> list[Award]:
    """AWARDS by id in the order given, each as `award_for_print` (one refusal refuses all)."""
    rows = Award.objects.select_related("person__current_unit", "unit", "held_unit", "document").filter(pk__in=ids)
    by_id = {a.pk: a for a in rows}
    out = []
    for pk in dict.fromkeys(ids):
        award = by_id.get(pk)
        if award is None or not access.covers(user, Perm.AWARD_VIEW, award.scope_path):
            raise Http404
        if not access.covers(user, Perm.PRINT_MANAGE, award.scope_path):
            raise PermissionDenied(access.REFUSED)
        out.append(award)
    return out


def awards_in_order(ids: Sequence[int]) -> list[Award]:
    """The awards IDS, in that order, with what printing reads; no access check (the
    task worker's read, on behalf of a user checked by the service)."""
    rows = Award.objects.select_related("person__current_unit", "unit", "held_unit", "document").filter(pk__in=ids)
    by_id = {a.pk: a for a in rows}
    return [by_id[pk] for pk in ids if pk in by_id]


def decision_years(user, number: str) -> list[int]:
    """The years in which a decision numbered NUMBER awarded something USER may print,
    newest first: numbers start again every year, so "46/QĐ-SYT" names one decision a year."""
    number = (number or "").strip()
    if not number:
        return []
    rows = access.scope(user, Perm.PRINT_MANAGE, Award.objects.filter(decision_number__iexact=number))
    return sorted({d.year for d in rows.values_list("decided_on", flat=True).distinct() if d}, reverse=True)


def awards_by_decision(user, number: str, year: int) -> list[Award]:
    """The awards of the decision numbered NUMBER and dated in YEAR (one of `decision_years`)
    that USER may print, unit by unit."""
    number = (number or "").strip()
    if not number:
        return []
    rows = access.scope(user, Perm.PRINT_MANAGE,
                        Award.objects.filter(decision_number__iexact=number, decided_on__year=year))
    rows = rows.select_related("person__current_unit", "unit", "held_unit").order_by(
        "subject_kind", "held_unit__path", "person__full_name", "unit__name", "id")
    return [a for a in rows if access.covers(user, Perm.PRINT_MANAGE, a.scope_path)]


def verification_by_token(token: str) -> AwardVerification:
    """The public page's one read: 404 for any token that is not exactly one of ours."""
    row = AwardVerification.objects.select_related(
        "award__person", "award__unit", "award__held_unit", "award__document", "award__revoked_by_document",
    ).filter(token=token).first()
    if row is None:
        raise Http404
    return row


# --- certificate batches -----------------------------------------------------------------


def certificate_batch_get_for(user, pk: int) -> CertificateBatch:
    """One certificate batch, its status or its file: 404 unless USER sees every award in
    it (missing and out of scope alike), 403 when they see them but do not manage printing
    over all of them. Whoever asked for it does not matter: the file holds the awards. More
    than a fetch: the rule is over every award, not one unit."""
    batch = access.get(user, CertificateBatch, pk)
    ids = set(batch.award_ids)
    paths = [person_path or unit_path for person_path, unit_path in Award.objects.filter(pk__in=ids).values_list(
        "person__current_unit__path", "unit__path")]
    if len(paths) != len(ids) or not all(access.covers(user, Perm.AWARD_VIEW, p) for p in paths):
        log.warning("404 out-of-scope certificate batch %s for user=%s", pk, getattr(user, "pk", None))
        raise Http404
    if not all(access.covers(user, Perm.PRINT_MANAGE, p) for p in paths):
        access.refuse(user, "printing.certificate_batch", batch)
    return batch


def certificate_batches_of(user, *, now: dt.datetime | None = None) -> list[CertificateBatch]:
    """The batches USER asked for that can still be downloaded (or are being drawn),
    newest first."""
    rows = CertificateBatch.objects.filter(requested_by=user, expires_at__gt=now or timezone.now())
    return list(rows.select_related("printer")[:10])
