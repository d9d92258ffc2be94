"""What the pledge pages share: calling a service from a view, the member units to choose
from, a round's page context."""

from django.contrib import messages
from django.utils import timezone

from thidua.core import once
from thidua.core.views_util import Outcome, attempt
from thidua.org.models import Unit
from thidua.pledges.models import RoundMode


def _create_once(request, service, form, *, lands_on, success, **kwargs):
    """`attempt` of a service that creates, once per form (`core.once`): the outcome, whose
    `url` is where the created record (the first press's, on a second one) is shown; None
    when refused."""
    return attempt(request, lambda actor: once.submit(
        request, lambda: service(actor=actor, **kwargs), lands_on=lands_on, success=success), form=form).value


def _flash(request, service, success, form=None, **kwargs) -> Outcome:
    """`attempt` that flashes SUCCESS (or SUCCESS(result)) when the service went through."""
    done = attempt(request, service, form=form, **kwargs)
    if done:
        messages.success(request, success(done.value) if callable(success) else success)
    return done


def _member_units(standing):
    return Unit.objects.filter(pk__in=list(standing.members)).order_by("name")


def _round_context(rnd):
    today = timezone.localdate()
    st = rnd.standing
    return {"rnd": rnd, "pledge": rnd.pledge, "st": st, "today": today, "phase": rnd.phase(today),
            "is_panel": rnd.mode == RoundMode.PANEL}
