"""What the pledge pages share: calling a service from a view, the member units to choose
from, a round's page context."""

from django.utils import timezone

from thidua.org.models import Unit
from thidua.pledges.models import RoundMode


def _member_units(standing):
    return Unit.objects.filter(pk__in=list(standing.members)).order_by("name")


def _round_context(rnd):
    today = timezone.localdate()
    st = rnd.standing
    return {"rnd": rnd, "pledge": rnd.pledge, "st": st, "today": today, "phase": rnd.phase(today),
            "is_panel": rnd.mode == RoundMode.PANEL}
