from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from thidua.core.views_util import paginate
from thidua.notices import selectors, services


@login_required
def todo(request):
    services.reminders_refresh(reader=request.user)
    return render(request, "notices/todo.html", {
        "due": selectors.due_for(request.user), "today": timezone.localdate(),
        "page_obj": paginate(request, selectors.notifications_for(request.user))})


@login_required
@require_POST
def mark_read(request, pk: int | None = None):
    services.notification_read(actor=request.user, pk=pk)
    return redirect("notices:todo")
