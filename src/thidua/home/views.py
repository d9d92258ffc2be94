from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from thidua.core import access
from thidua.core.roles import Perm
from thidua.core.views_util import paginate
from thidua.home import search as finder
from thidua.movements import selectors as movements_selectors
from thidua.notices import selectors as notices_selectors
from thidua.notices import services as notices_services
from thidua.org import selectors as org_selectors
from thidua.people import selectors as people_selectors
from thidua.registrations import progress as registration_progress


@login_required
def dashboard(request):
    # Reminders are read from the store; a run of the providers only when it is stale for this user.
    notices_services.reminders_refresh(reader=request.user)
    year = people_selectors.evaluation_year()
    n_people = people_selectors.people_for(request.user).count() if access.has_any(request.user, Perm.PEOPLE_VIEW) \
        else None
    context = {
        "year": year,
        "n_units": org_selectors.units_for(request.user).filter(active_until__isnull=True).count(),
        "n_people": n_people,
        "n_missing": people_selectors.missing_evaluation_count(request.user, year, people=n_people),
        "roots": org_selectors.tree_roots_for(request.user),
        "roles": request.user.role_grants.select_related("unit", "bloc").order_by("role"),
        "due": notices_selectors.due_for(request.user)[:6],
        # Registration progress only where the movement asks units to register by a date.
        "running": [(m, registration_progress.movement_progress(m, request.user) if m.registration_deadline else None)
                    for m in movements_selectors.running_movements(request.user)[:5]],
    }
    return render(request, "home/dashboard.html", context)


# How many rows of each section the search page shows before "Xem tất cả".
FIRST_ROWS = 5


@login_required
def search(request):
    """Every section's first rows and total; with `loai`, that section alone, page by page."""
    query = request.GET.get("q", "").strip()[:200]
    shown = [s for s in finder.SECTIONS if finder.may_search(request.user, s)]
    only = finder.BY_KEY.get(request.GET.get("loai", ""))
    context = {"q": query, "only": only if only in shown else None, "sections": []}
    if query and context["only"]:
        page = paginate(request, context["only"].find(request.user, query), per_page=50)
        page.object_list = finder.named(context["only"], page.object_list)
        context["page_obj"] = page
    elif query:
        for section in shown:
            rows = section.find(request.user, query)
            context["sections"].append({"section": section, "rows": finder.named(section, rows[:FIRST_ROWS]),
                                        "total": rows.count()})
    template = "home/_search_results.html" if request.htmx else "home/search.html"
    return render(request, template, context)
