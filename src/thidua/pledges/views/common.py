"""What the pledge pages share: calling a service from a view, the member units to choose
from, a round's page context."""

from django.contrib import messages
from django.utils import timezone

from thidua.core import once
from thidua.core.errors import ApplicationError, PermissionDenied
from thidua.core.views_util import form_error
from thidua.org.models import Unit
from thidua.pledges.models import RoundMode


def _attempt(request, fn, form=None, **kwargs):
    """Call a service; a business refusal becomes a form error or a flash message, a
    permission refusal stays a 403."""
    try:
        return fn(actor=request.user, **kwargs), None
    except PermissionDenied:
        raise
    except ApplicationError as exc:
        if form is not None:
            form_error(form, exc)
        else:
            messages.error(request, exc.message)
        return None, exc


def _create_once(request, service, form, *, lands_on, success, **kwargs):
    """`_attempt` of a service that creates, once per form (`core.once`): the outcome, whose
    `url` is where the created record (the first press's, on a second one) is shown."""
    done, _error = _attempt(request, lambda actor, **kw: once.submit(
        request, lambda: service(actor=actor, **kw), lands_on=lands_on, success=success), form, **kwargs)
    return done


def _flash(request, service, success, form=None, **kwargs):
    """`_attempt` that flashes SUCCESS (or SUCCESS(result)) when the service went through;
    the result, or None when refused."""
    done, _error = _attempt(request, service, form, **kwargs)
    if done is not None:
        messages.success(request, success(done) if callable(success) else success)
    return done


def _member_units(standing):
    return Unit.objects.filter(pk__in=list(standing.members)).order_by("name")


def _round_context(rnd):
    today = timezone.localdate()
    st = rnd.standing
    return {"rnd": rnd, "pledge": rnd.pledge, "st": st, "today": today, "phase": rnd.phase(today),
            "is_panel": rnd.mode == RoundMode.PANEL}
