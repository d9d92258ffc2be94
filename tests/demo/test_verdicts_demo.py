"""The demo holds a stored verdict for every person in the year its lists open on, each
the one the engine gives afresh, and its qualified list counts them (ADR 0016)."""

from django.contrib.auth import get_user_model
from django.urls import reverse

from thidua import rules
from thidua.eligibility import verdicts
from thidua.eligibility.facts import unit_cases
from thidua.eligibility.models import StoredVerdict
from thidua.eligibility.selectors import person_answer, ruleset_for
from thidua.org.models import Unit
from thidua.people.models import Evaluation, Person


def test_every_demo_person_has_a_fresh_verdict(client, small):
    year = max(Evaluation.objects.values_list("year", flat=True))
    ruleset = ruleset_for(year)
    assert StoredVerdict.objects.filter(year=year, ruleset=verdicts.key(ruleset)).count() == Person.objects.count()
    for stored in StoredVerdict.objects.filter(year=year).select_related("person"):
        fresh = person_answer(stored.person, year)
        assert stored.codes == verdicts.codes_text(v.code for v in fresh.verdicts if v.eligible)
    client.force_login(get_user_model().objects.get(username="thuky"))
    root = Unit.objects.get(depth=1)
    body = client.get(reverse("eligibility:qualified", args=[root.pk]), {"nam": year, "ma": "LDTT"}).content.decode()
    total = StoredVerdict.objects.filter(year=year, codes__contains=",LDTT,").count()
    assert f'data-testid="qualified-count">{total}<' in body


def test_a_collective_list_judges_each_unit_as_its_own_page_does(client, small):
    """The lists read the members of the judged year only (`unit_cases(member_history=False)`):
    every unit of the demo gets, for every collective title and form, the verdict its unit
    page gives with the members' whole history; and the TTLĐXS list shows exactly those."""
    year = max(Evaluation.objects.values_list("year", flat=True))
    ruleset = ruleset_for(year)
    units = Unit.objects.filter(active_until__isnull=True)
    full, _ = unit_cases(units, year)
    lean, _ = unit_cases(units, year, member_history=False)
    codes = [code for code, rule in ruleset.rules.items() if "collective" in rule.subjects]
    qualified = set()
    for pk in full:
        whole = rules.evaluate(full[pk], ruleset)
        judged = rules.evaluate(lean[pk], ruleset)
        assert [v.to_dict() for v in judged.verdicts] == [v.to_dict() for v in whole.verdicts], pk
        qualified |= {pk for v in whole.verdicts if v.code == "TTLDXS" and v.eligible}
    assert codes and len(full) == units.count() and qualified
    client.force_login(get_user_model().objects.get(username="thuky"))
    root = Unit.objects.get(depth=1)
    body = client.get(reverse("eligibility:qualified", args=[root.pk]), {"nam": year, "ma": "TTLDXS"}).content.decode()
    assert f'data-testid="qualified-count">{len(qualified)}<' in body
