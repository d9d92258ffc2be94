"""An individual's award keeps the person's position group of the day it was written: the
statistics count them as they stood then (docs/statistics.md)."""

import datetime as dt

from tests.conftest import make_person
from thidua.awards import services
from thidua.awards.models import Award
from thidua.people import services as people_services


def test_the_award_keeps_the_group_the_person_had(tree, secretariat):
    person = make_person(tree["a"], "Nguyễn Văn Một", position_group="truc_tiep")
    award = services.award_record(actor=secretariat, kind="BK_TINH", year=2025, decided_on=dt.date(2025, 6, 1),
                                  person=person, decision_number="12/QĐ-UBND", issuer="UBND tỉnh")
    assert Award.objects.get(pk=award.pk).position_group == "truc_tiep"
    people_services.person_update(actor=secretariat, person=person, version=person.version,
                                  position_group="lanh_dao_khac")
    person.refresh_from_db()
    assert person.position_group == "lanh_dao_khac"
    assert Award.objects.get(pk=award.pk).position_group == "truc_tiep"


def test_a_collective_award_has_no_group(tree, secretariat):
    award = services.award_record(actor=secretariat, kind="BK_TINH", year=2025, decided_on=dt.date(2025, 6, 1),
                                  unit=tree["b"], decision_number="12/QĐ-UBND", issuer="UBND tỉnh")
    assert Award.objects.get(pk=award.pk).position_group == ""
