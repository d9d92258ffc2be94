from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from thidua.awards import ledger, selectors, services
from thidua.awards.forms import AuthorFormSet, AwardForm, InitiativeForm, RevokeForm
from thidua.awards.models import Award, CommendationType, Initiative
from thidua.catalog import display
from thidua.catalog.models import SubjectKind
from thidua.catalog.selectors import current_kinds, kind_names
from thidua.core import access
from thidua.core.roles import Perm
from thidua.core.views_util import attempt, attempt_once, paginate
from thidua.core.xlsx import xlsx_response
from thidua.documents import selectors as document_selectors
from thidua.org import selectors as org_selectors
from thidua.org.models import Unit
from thidua.org.sectors import effective_sector
from thidua.people import selectors as people_selectors
from thidua.people.models import Person


def _kinds_for(user, target, subject_kinds) -> list:
    """The catalog kinds USER may record for TARGET (a person or a unit), those its unit's sector may receive."""
    sector = effective_sector(target if isinstance(target, Unit) else target.current_unit)
    return [k for k in current_kinds().values()
            if any(k.accepts(s) for s in subject_kinds) and k.suits(sector)
            and _may(user, target, services.award_perm(k))]


def _may(user, obj, perm: str) -> bool:
    """Whether USER holds PERM over OBJ (a person, a unit, an award), as its access policy says."""
    return access.policy(type(obj)).may(user, obj, perm)


def _award_form(request, *, person=None, unit=None):
    user = request.user
    target = person or unit
    subject_kinds = (SubjectKind.INDIVIDUAL, SubjectKind.HOUSEHOLD) if person else (SubjectKind.COLLECTIVE,)
    kinds = _kinds_for(user, target, subject_kinds)
    if not kinds:
        raise access.PermissionDenied(access.REFUSED)
    household = person is not None and any(k.accepts(SubjectKind.HOUSEHOLD) for k in kinds)
    initial = {"year": people_selectors.evaluation_year(), "commendation_type": CommendationType.CONG_TRANG}
    form = AwardForm(request.POST or None, kinds=kinds, documents=document_selectors.documents_for(user),
                     household=household, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        done = attempt_once(
            request, services.award_record, form=form, person=person, unit=unit,
            household=d.get("household", False), kind=d["kind"], year=d["year"], decided_on=d["decided_on"],
            document=d["document"], decision_number=d["decision_number"], issuer=d["issuer"],
            period_from=d["period_from"], period_to=d["period_to"], commendation_type=d["commendation_type"],
            achievement=d["achievement"], money=d["money"], lands_on=lambda _a: _subject_url(person, unit),
            success=lambda _a: _("Đã ghi khen thưởng cho %s.") % target)
        if done:
            return redirect(done.value.url)
    return render(request, "awards/form.html", {
        "form": form, "person": person, "unit": unit, "title": _("Ghi danh hiệu, khen thưởng"), "once": True,
    })


def _subject_url(person, unit) -> str:
    return reverse("people:detail", args=[person.pk]) if person else reverse("org:detail", args=[unit.pk])


@login_required
@require_http_methods(["GET", "POST"])
def award_create_person(request, person_pk: int):
    return _award_form(request, person=access.get(request.user, Person, person_pk))


@login_required
@require_http_methods(["GET", "POST"])
def award_create_unit(request, unit_pk: int):
    return _award_form(request, unit=access.get(request.user, Unit, unit_pk))


@login_required
def award_detail(request, pk: int):
    award = access.get(request.user, Award, pk)
    display.name_awards([award])
    selectors.mark_decision_links(request.user, [award])
    may_revoke = not award.revoked and _may(request.user, award, Perm.AWARD_REVOKE)
    by_decision = may_revoke and selectors.decided_in_thidua(award)
    return render(request, "awards/detail.html", {
        "award": award, "can_revoke": may_revoke and not by_decision, "revoke_by_decision": by_decision,
    })


@login_required
@require_http_methods(["GET", "POST"])
def award_revoke(request, pk: int):
    award = access.get(request.user, Award, pk, perm=Perm.AWARD_REVOKE)
    if selectors.decided_in_thidua(award):
        # Revoked only by a revocation decision, drawn up from the decision's page.
        messages.info(request, services.REVOKE_BY_DECISION_ONLY % award.decision_number)
        return redirect("decisions:by_document", award.document_id)
    form = RevokeForm(request.POST or None, documents=document_selectors.documents_for(request.user))
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        if attempt(request, services.award_revoke, form=form, award=award, reason=d["reason"],
                   document=d["document"], number=d["number"], revoked_on=d["revoked_on"]):
            messages.success(request, _("Đã ghi hủy bỏ, thu hồi khen thưởng."))
            return redirect("awards:detail", award.pk)
    display.name_awards([award])
    return render(request, "awards/form.html", {
        "form": form, "award": award, "person": award.person, "unit": award.unit,
        "title": _("Hủy bỏ, thu hồi khen thưởng"),
    })


def _initiative_form(request, *, unit, person=None):
    user = request.user
    access.require(user, Perm.INITIATIVE_CHANGE, unit)
    people = people_selectors.people_for(user).filter(current_unit=unit).order_by("search_key", "id")
    kinds = list(current_kinds().values())
    form = InitiativeForm(request.POST or None, documents=document_selectors.documents_for(user), kinds=kinds,
                          initial={"year": people_selectors.evaluation_year()})
    initial_authors = [{"person": person.pk, "share": 100}] if person else []
    authors = AuthorFormSet(request.POST or None, prefix="tac-gia", form_kwargs={"people": people},
                            initial=initial_authors)
    if request.method == "POST" and form.is_valid() and authors.is_valid():
        d = form.cleaned_data
        rows = [(f.cleaned_data["person"], f.cleaned_data["share"]) for f in authors.forms
                if f.cleaned_data.get("person")]
        done = attempt_once(
            request, services.initiative_record, form=form, unit=unit, title=d["title"], year=d["year"],
            scope=d["scope"], recognized_on=d["recognized_on"], document=d["document"],
            decision_number=d["decision_number"], issuer=d["issuer"], summary=d["summary"],
            used_for=d["used_for"] or None, authors=rows, lands_on=lambda _i: _subject_url(person, unit),
            success=lambda initiative: _("Đã ghi sáng kiến «%s».") % initiative.title)
        if done:
            return redirect(done.value.url)
    return render(request, "awards/initiative_form.html", {
        "form": form, "authors": authors, "unit": unit, "person": person, "title": _("Ghi sáng kiến"),
        "once": True,
    })


@login_required
@require_http_methods(["GET", "POST"])
def initiative_create_unit(request, unit_pk: int):
    return _initiative_form(request, unit=access.get(request.user, Unit, unit_pk))


@login_required
@require_http_methods(["GET", "POST"])
def initiative_create_person(request, person_pk: int):
    person: Person = access.get(request.user, Person, person_pk)
    return _initiative_form(request, unit=person.current_unit, person=person)


@login_required
def initiative_detail(request, pk: int):
    initiative = access.get(request.user, Initiative, pk)
    kinds = current_kinds()
    used_for_name = kinds[initiative.used_for].name if initiative.used_for in kinds else initiative.used_for
    return render(request, "awards/initiative_detail.html", {"initiative": initiative,
                                                              "used_for_name": used_for_name})


@login_required
def person_panel(request, pk: int):
    """The person page's panel of titles, awards and initiatives (loaded by htmx), with
    the buttons that record one for whoever may."""
    user = request.user
    person = access.get(user, Person, pk)
    timeline = selectors.person_timeline(person)
    selectors.mark_decision_links(user, [a for g in timeline for a in (*g.titles, *g.forms)])
    return render(request, "awards/_person_panel.html", {
        "person": person,
        "timeline": timeline,
        "can_record_award": _may(user, person, Perm.AWARD_CHANGE) or _may(user, person, Perm.AWARD_CHANGE_ALL),
        "can_record_initiative": _may(user, person, Perm.INITIATIVE_CHANGE),
    })


@login_required
def unit_panel(request, pk: int):
    """The unit page's panel of the unit's own titles, awards and initiatives (loaded by
    htmx), with the buttons that record one for whoever may."""
    user = request.user
    unit = access.get(user, Unit, pk)
    timeline = selectors.unit_timeline(unit) if _may(user, unit, Perm.AWARD_VIEW) else []
    selectors.mark_decision_links(user, [a for g in timeline for a in (*g.titles, *g.forms)])
    return render(request, "awards/_unit_panel.html", {
        "unit": unit,
        "timeline": timeline,
        "can_record_award": _may(user, unit, Perm.AWARD_CHANGE) or _may(user, unit, Perm.AWARD_CHANGE_ALL),
        "can_record_initiative": _may(user, unit, Perm.INITIATIVE_CHANGE) and unit.is_active,
    })


# --- The ledger (sổ khen thưởng) ----------------------------------------------------------

@login_required
def ledger_page(request):
    user = request.user
    filters = ledger.Filters.from_query(user, request.GET)
    page = paginate(request, ledger.ledger(user, filters), per_page=50)
    page.object_list = ledger.named(page.object_list)
    return render(request, "awards/ledger.html", {
        "page_obj": page, "f": filters, "kinds": sorted(kind_names().items(), key=lambda kv: kv[1]),
        "units": org_selectors.unit_choices(user, Perm.AWARD_VIEW),
        "query": request.GET.urlencode()})


@login_required
def ledger_export(request):
    rows = ledger.export_rows(ledger.ledger(request.user, ledger.Filters.from_query(request.user, request.GET)))
    return xlsx_response("so-khen-thuong.xlsx", _("Sổ khen thưởng"), [str(h) for h in ledger.HEADERS], rows)
