from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from thidua.core import access
from thidua.core.roles import Perm
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


@login_required
def search(request):
    query = request.GET.get("q", "").strip()
    context = {
        "q": query,
        "people": people_selectors.person_search(request.user, query) if query else [],
        "units": org_selectors.unit_search(request.user, query) if query else [],
    }
    template = "home/_search_results.html" if request.htmx else "home/search.html"
    return render(request, template, context)
