"""The public portal (no sign-in): read-only pages, cacheable by anyone.

Pages are rendered without the request's context (`_page`): no context processor runs, so
nothing of a visitor — their account, session, CSRF token, messages — is read or drawn,
no cookie is set, and the answer is the same for everyone and may be kept by shared caches
(`core.public.public_page`). What a page shows comes from public selectors only: plain
records of what was published.
"""

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from thidua.core.net import absolute_url
from thidua.core.public import public_page
from thidua.core.text import clean_name
from thidua.decisions import selectors as decision_selectors
from thidua.dossiers import selectors as dossier_selectors
from thidua.exemplars import selectors as exemplar_selectors
from thidua.exemplars.models import ExemplarField
from thidua.exemplars.photos import photo_response
from thidua.portal import selectors

PER_PAGE = 20
# How many of each section the home page shows before "Xem tất cả".
ON_HOME = 5
# A query longer than a name or a decision number is not one.
QUERY_MAX = 100


def _page(request, template: str, context: dict, *, section: str = "") -> HttpResponse:
    """TEMPLATE rendered with CONTEXT and what the navigation needs (the section, the path),
    without the request (see the module docstring)."""
    return HttpResponse(render_to_string(template, {"section": section, "path": request.path, **context}))


def _paged(request, rows):
    return Paginator(rows, PER_PAGE).get_page(request.GET.get("trang"))


@dataclass(frozen=True)
class Section:
    """One section of the portal's home page: its template (under portal/home/) and what it
    reads, given today's date."""

    template: str
    data: Callable[[dt.date], dict]


def _movements(today: dt.date) -> dict:
    rows = selectors.running_movements(today)
    return {"movements": selectors.public_movements(rows[:ON_HOME], today), "movement_count": rows.count()}


def _decisions(_today: dt.date) -> dict:
    decisions = decision_selectors.published()
    return {"decisions": decision_selectors.public_decisions(decisions[:ON_HOME]),
            "decision_count": decisions.count()}


def _exemplars(_today: dt.date) -> dict:
    rows = exemplar_selectors.published_rows()
    return {"exemplars": exemplar_selectors.public_exemplars(rows[:ON_HOME]), "exemplar_count": rows.count()}


# The home page, in order: each section a template and its read (a new one also adds its
# entry to the navigation in base.html).
HOME_SECTIONS = [
    Section("portal/home/movements.html", _movements),
    Section("portal/home/decisions.html", _decisions),
    Section("portal/home/exemplars.html", _exemplars),
    Section("portal/home/consultations.html",
            lambda today: {"consultation_count": dossier_selectors.public_consultations(today).count()}),
    Section("portal/home/lookup.html", lambda _today: {}),
    Section("portal/home/verify.html", lambda _today: {}),
]


@require_safe
@public_page
def home(request):
    today = timezone.localdate()
    return _page(request, "portal/home.html", {
        "sections": [(section.template, section.data(today)) for section in HOME_SECTIONS]})


@require_safe
@public_page
def movements(request):
    page = _paged(request, selectors.running_movements())
    page.object_list = selectors.public_movements(page.object_list)
    return _page(request, "portal/movements.html", {"page_obj": page}, section="movements")


@require_safe
@public_page
def movement(request, pk: int):
    return _page(request, "portal/movement.html", {"movement": selectors.public_movement_get(pk)},
                 section="movements")


@require_safe
@public_page
def decisions(request):
    page = _paged(request, decision_selectors.published())
    page.object_list = decision_selectors.public_decisions(page.object_list)
    return _page(request, "portal/decisions.html", {"page_obj": page}, section="decisions")


@require_safe
@public_page
def decision(request, pk: int):
    found = decision_selectors.published_get(pk)
    return _page(request, "portal/decision.html", {
        "decision": found, "lines": decision_selectors.published_lines(found)}, section="decisions")


@require_safe
@public_page
def lookup(request):
    query = clean_name(request.GET.get("q", ""))[:QUERY_MAX]
    page = None
    if query:
        page = _paged(request, decision_selectors.published_awards(query))
        page.object_list = decision_selectors.public_lines(page.object_list)
    return _page(request, "portal/lookup.html", {"query": query, "page_obj": page}, section="lookup")


def _year(text: str | None) -> int | None:
    """A year typed in the query string, or None for anything else (the filter is left off)."""
    return int(text) if text and text.isdigit() and 1945 <= int(text) <= 2100 else None


@require_safe
@public_page
def exemplars(request):
    """The published exemplars, newest first, filtered by year (`nam`) and field (`linh-vuc`);
    a value that is not one is left off rather than refused."""
    year = _year(request.GET.get("nam"))
    field = request.GET.get("linh-vuc", "")
    field = field if field in ExemplarField.values else ""
    page = _paged(request, exemplar_selectors.published_rows(year=year, field=field))
    page.object_list = exemplar_selectors.public_exemplars(page.object_list)
    keep = urlencode({k: v for k, v in (("nam", year or ""), ("linh-vuc", field)) if v})
    return _page(request, "portal/exemplars.html", {
        "page_obj": page, "year": year, "field": field, "keep": keep,
        "years": exemplar_selectors.published_years(), "fields": ExemplarField.choices}, section="exemplars")


@require_safe
@public_page
def exemplar(request, pk: int):
    found = exemplar_selectors.published(pk=pk)
    if not found:
        raise Http404
    return _page(request, "portal/exemplar.html", {"exemplar": found[0]}, section="exemplars")


# What a stored photo's name says it is; the upload check let in only these (by their bytes).
@require_safe
@public_page
def exemplar_photo(request, pk: int):
    """A photo of a published exemplar (`exemplars.selectors.published_photo`), else 404:
    media are never served by URL, and a photo leaves the portal with its exemplar."""
    photo = exemplar_selectors.published_photo(pk)
    if photo is None:
        raise Http404
    return photo_response(photo)


# A verification code as printed under a certificate's QR code (`printing.models.new_token`).
_TOKEN = re.compile(r"[A-Za-z0-9_-]{8,64}")


@require_safe
@public_page
def verify(request):
    """Where the code printed under a certificate's QR code is typed: a well-formed code goes
    to its verification page (`/xac-minh/<code>/`, which answers 404 for an unknown one)."""
    code = (request.GET.get("ma") or "").strip()
    if code and _TOKEN.fullmatch(code):
        return redirect("verify:detail", code)
    return _page(request, "portal/verify.html", {"code": code[:QUERY_MAX], "invalid": bool(code)}, section="verify")


@require_safe
@public_page
def sitemap(request):
    """The public pages for search engines (sitemaps.org 0.9): the sections, each published
    decision and exemplar, each movement under way and each consultation open. Verification pages are
    left out: they answer a certificate's QR code and ask not to be indexed."""
    today = timezone.localdate()
    urls = [(reverse(name), None) for name in (
        "portal:home", "portal:movements", "portal:decisions", "portal:exemplars", "portal:lookup",
        "dossiers:public_list")]
    urls += [(reverse("portal:movement", args=[pk]), None)
             for pk in selectors.running_movements(today).values_list("pk", flat=True)]
    urls += [(reverse("portal:decision", args=[pk]), _day(at))
             for pk, at in decision_selectors.published().values_list("pk", "published_at")]
    urls += [(reverse("portal:exemplar", args=[pk]), _day(at))
             for pk, at in exemplar_selectors.published_rows().values_list("pk", "published_at")]
    urls += [(reverse("dossiers:public_detail", args=[pk]), None)
             for pk in dossier_selectors.public_consultations(today).values_list("pk", flat=True)]
    body = render_to_string("portal/sitemap.xml", {"urls": [(absolute_url(request, url), lastmod)
                                                             for url, lastmod in urls]})
    return HttpResponse(body, content_type="application/xml; charset=utf-8")


def _day(at: dt.datetime | None) -> str | None:
    return timezone.localtime(at).date().isoformat() if at else None

