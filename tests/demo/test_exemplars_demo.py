"""The small demo shows the exemplar register in every state and a congress."""

from thidua.exemplars import selectors
from thidua.exemplars.models import Congress, Exemplar, ExemplarState


def test_small_demo_has_exemplars_in_every_state(small):
    assert small["exemplars"] == 4 and small["congresses"] == 1
    states = list(Exemplar.objects.values_list("state", "published_at"))
    assert sum(1 for s, p in states if s == ExemplarState.NOMINATED) == 1
    assert sum(1 for s, p in states if s == ExemplarState.APPROVED and p is None) == 1
    assert len(selectors.published()) == 2
    congress = Congress.objects.get()
    assert congress.honourees.count() == 2
    nominated = Exemplar.objects.get(state=ExemplarState.NOMINATED)
    assert nominated.created_by.username == "canbo_snv"
