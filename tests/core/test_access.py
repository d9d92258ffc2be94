import pytest
from django.http import Http404

from thidua.core import access
from thidua.core.errors import PermissionDenied
from thidua.core.roles import Perm
from thidua.org.models import Unit
from thidua.people.models import Person


def test_scope_covers_the_subtree_of_the_grant(tree, officer_a, person_a, person_b):
    units = set(access.scope(officer_a, Perm.ORG_VIEW, Unit.objects.all()).values_list("code", flat=True))
    assert units == {"T.A", "T.A.1"}
    people = list(access.scope(officer_a, Perm.PEOPLE_VIEW, Person.objects.all()))
    assert people == [person_a]


def test_secretariat_on_root_sees_everyone(secretariat, person_a, person_b):
    assert access.scope(secretariat, Perm.PEOPLE_VIEW, Person.objects.all()).count() == 2


def test_get_answers_404_out_of_scope(officer_b, person_a):
    with pytest.raises(Http404):
        access.get(officer_b, Person, person_a.pk)


def test_get_answers_404_for_a_missing_row_alike(officer_b):
    with pytest.raises(Http404):
        access.get(officer_b, Person, 999_999)
    with pytest.raises(Http404):
        access.get(officer_b, Person, "abc")


def test_get_answers_403_when_read_only(head_a, person_a):
    assert access.get(head_a, Person, person_a.pk) == person_a
    with pytest.raises(PermissionDenied):
        access.get(head_a, Person, person_a.pk, perm=Perm.PEOPLE_CHANGE)


def test_a_user_without_grants_sees_nothing(django_user_model, person_a):
    nobody = django_user_model.objects.create_user("nobody", password="x")
    assert access.scope(nobody, Perm.PEOPLE_VIEW, Person.objects.all()).count() == 0


def test_refusals_are_logged(officer_b, person_a, caplog):
    with caplog.at_level("WARNING", logger="thidua.access"), pytest.raises(Http404):
        access.get(officer_b, Person, person_a.pk)
    assert "out-of-scope" in caplog.text


def _second_province():
    from tests.conftest import make_person, make_unit

    other = make_unit(None, "K", "UBND tỉnh Khác", kind="ubnd_tinh", level="tinh")
    return other, make_person(make_unit(other, "K.A", "Sở Nội vụ tỉnh Khác"), "Trần Văn Khác")


def test_a_grant_on_the_only_root_reads_without_matching_paths(secretariat, person_a, person_b):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert access.scope(secretariat, Perm.PEOPLE_VIEW, Person.objects.all()).count() == 2
    assert "LIKE" not in queries.captured_queries[-1]["sql"]
    assert access.sees_everything(secretariat, Perm.PEOPLE_VIEW)


def test_a_grant_on_one_root_of_two_still_sees_only_its_own_tree(secretariat, tree, person_a, person_b):
    other, stranger = _second_province()
    secretariat = type(secretariat).objects.get(pk=secretariat.pk)  # grants and roots read afresh
    people = set(access.scope(secretariat, Perm.PEOPLE_VIEW, Person.objects.all()))
    assert people == {person_a, person_b}
    assert not access.sees_everything(secretariat, Perm.PEOPLE_VIEW)
    units = access.scope(secretariat, Perm.ORG_VIEW, Unit.objects.all())
    assert other not in units and tree["root"] in units
    assert stranger not in set(access.scope(secretariat, Perm.PEOPLE_VIEW, Person.objects.all()))
