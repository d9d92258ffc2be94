"""The public portal in the demo (issue 15): the province secretariat publishes the year's
round decision of the province, as it would after issuing it; the supplementary decision
(`decision_end.SUPPLEMENT_NUMBER`) stays unpublished, so the portal shows the difference."""

from django.contrib.auth import get_user_model

from thidua.decisions import services as decisions
from thidua.decisions.models import Decision, DecisionKind, DecisionState
from thidua.demo.decision_end import SUPPLEMENT_NUMBER
from thidua.org.models import Unit


def seed_published(root: Unit) -> int:
    """Publish ROOT's issued award decisions but the supplementary one, as its secretariat
    (the demo account "thuky"); returns how many."""
    secretariat = get_user_model().objects.get(username="thuky")
    issued = (Decision.objects.filter(authority=root, state=DecisionState.SIGNED, kind=DecisionKind.AWARD,
                                      published_at__isnull=True)
              .exclude(number=SUPPLEMENT_NUMBER).order_by("pk"))
    for decision in issued:
        decisions.decision_publish(actor=secretariat, decision=decision)
    return len(issued)
