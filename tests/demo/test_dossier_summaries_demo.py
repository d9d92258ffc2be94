"""The demo's dossiers state each person's real ratings: the submission refuses a summary
that names a rating the person does not have (it stopped the province demo's seeding once,
when the stricter run rules made people eligible through CSTĐCS years, not HTXSNV ones)."""

import re

from thidua.dossiers.models import DossierItem
from thidua.people.models import Evaluation


def test_every_demo_summary_names_the_ratings_the_person_has(small):
    items = DossierItem.objects.filter(person__isnull=False, achievement__startswith="Năm ")
    assert items.exists()
    for item in items:
        for year, words in re.findall(r"Năm (\d{4}): ([^;.]+)", item.achievement):
            rating = Evaluation.objects.get(person=item.person_id, year=int(year))
            assert rating.get_rating_display() == words, (item.subject_name, year)
