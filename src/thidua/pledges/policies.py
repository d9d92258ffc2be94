"""Who reaches a bloc's pledge (`core.access`): a row is seen by those with a standing in
its bloc that year (`policy.standing`); what they may do there is the standing's and the
machines'. The paths lists are scoped by (`access.scope`): a pledge and a round belong to
the bloc's organiser, a sheet, a proposal and an evidence file to the member unit."""

from thidua.core import access
from thidua.pledges import policy
from thidua.pledges.models import Evidence, Pledge, Proposal, ScoreSheet, ScoringRound


def _seen(model, to_pledge: str):
    return lambda user: model.objects.filter(policy.seen(user, to_pledge))


access.register(access.Policy(Pledge, "bloc__organiser__path", visible=_seen(Pledge, ""),
                              related=("bloc__organiser", "document", "created_by")))
access.register(access.Policy(ScoringRound, "pledge__bloc__organiser__path", visible=_seen(ScoringRound, "pledge__"),
                              related=("pledge__bloc__organiser", "ranked_by", "locked_by")))
access.register(access.Policy(ScoreSheet, "unit__path", visible=_seen(ScoreSheet, "round__pledge__"),
                              related=("unit", "submitted_by")))
access.register(access.Policy(Proposal, "unit__path", visible=_seen(Proposal, "round__pledge__"), related=("unit",)))
access.register(access.Policy(Evidence, "score__sheet__unit__path",
                              visible=_seen(Evidence, "score__sheet__round__pledge__"), related=("score__sheet",)))
