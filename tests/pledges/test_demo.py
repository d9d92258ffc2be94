from decimal import Decimal

from tests.pledges.conftest import YEAR
from thidua.demo.pledges import TABLE, seed_pledges
from thidua.pledges import selectors
from thidua.pledges.models import (
    Criterion,
    Evidence,
    Pledge,
    PledgeSignature,
    Proposal,
    RoundStatus,
    Score,
    ScoreSheet,
    ScoringRound,
)


def test_seed_pledges_for_every_bloc_with_members(bloc, units, django_assert_max_num_queries):
    with django_assert_max_num_queries(20):  # bulk inserts: the count does not grow with blocs
        counts = seed_pledges(YEAR)
    assert counts == {"pledges": 2, "criteria": 32, "signatures": 4, "sheets": 4, "scores": 64, "proposals": 4}
    pledge = Pledge.objects.get(bloc=bloc, year=YEAR)
    assert pledge.state == "open" and PledgeSignature.objects.filter(pledge=pledge).count() == 3
    standard = sum(Decimal(p) for _g, _n, rows in TABLE for _c, _t, p, kind, _e in rows if kind == "standard")
    assert standard == 100
    assert sum(c.max_points for c in Criterion.objects.filter(pledge=pledge, kind="standard")) == standard
    rnd = ScoringRound.objects.get(pledge=pledge)
    assert rnd.state == RoundStatus.LOCKED and rnd.ranked_at is not None
    sent = ScoreSheet.objects.filter(round=rnd, submitted_at__isnull=False)
    assert sent.filter(unit=units["a"]).exists()  # the leader always sends
    assert not Score.objects.filter(sheet__in=sent, accepted_points__isnull=True).exists()
    evidence = Evidence.objects.filter(score__sheet__round=rnd).first()  # one shared sample file
    assert evidence.score.criterion.evidence_required and evidence.file.storage.exists(evidence.file.name)
    for s in Score.objects.filter(sheet__round=rnd, self_points__isnull=False).select_related("criterion"):
        assert 0 <= s.self_points <= s.criterion.max_points
    # the stored proposals are what the ranking gives
    rnd.standing = None
    rows = selectors.round_ranking(rnd).rows
    stored = list(Proposal.objects.filter(round=rnd).order_by("rank").values_list("unit_id", "code"))
    assert stored == [(r.unit_id, r.proposal) for r in rows if r.proposal]
    assert stored[0][1] == "CO_TINH"
    assert seed_pledges(YEAR)["pledges"] == 0  # blocs that have a pledge are left alone
