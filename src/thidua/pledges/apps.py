from django.apps import AppConfig


class PledgesConfig(AppConfig):
    name = "thidua.pledges"
    label = "pledges"
    verbose_name = "Giao ước và chấm điểm khối thi đua"

    def ready(self) -> None:
        from thidua.core import access
        from thidua.pledges import (
            audit_actions,  # noqa: F401 — registers the action codes
            machines,  # noqa: F401 — registers the pledge's and the round's machines
            policy,
        )
        from thidua.pledges.models import Evidence, Pledge, Proposal, ScoreSheet, ScoringRound

        def seen(model, to_pledge: str):
            return lambda user: model.objects.filter(policy.seen(user, to_pledge))

        # A row is seen by those with a standing in its bloc that year (`policy.standing`);
        # what they may do there is the standing's and the machines'. The paths scope lists
        # (`access.scope`): a pledge and a round belong to the bloc's organiser, a sheet, a
        # proposal and an evidence file to the member unit.
        access.register(access.Policy(Pledge, "bloc__organiser__path", visible=seen(Pledge, ""),
                                      related=("bloc__organiser", "document", "created_by")))
        access.register(access.Policy(ScoringRound, "pledge__bloc__organiser__path",
                                      visible=seen(ScoringRound, "pledge__"),
                                      related=("pledge__bloc__organiser", "ranked_by", "locked_by")))
        access.register(access.Policy(ScoreSheet, "unit__path", visible=seen(ScoreSheet, "round__pledge__"),
                                      related=("unit", "submitted_by")))
        access.register(access.Policy(Proposal, "unit__path", visible=seen(Proposal, "round__pledge__"),
                                      related=("unit",)))
        access.register(access.Policy(Evidence, "score__sheet__unit__path",
                                      visible=seen(Evidence, "score__sheet__round__pledge__"),
                                      related=("score__sheet",)))

        from thidua.notices.due import register
        from thidua.pledges.due import scoring_reminders

        register(scoring_reminders)
