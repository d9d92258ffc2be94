"""The version every write bumps, whichever way it writes, and the refusal of a stale save."""

import datetime as dt

import pytest

from tests.conftest import make_person
from thidua.core import concurrency
from thidua.core.concurrency import StaleError
from thidua.people import services
from thidua.people.models import Person


def _version(person) -> int:
    return Person.objects.values_list("version", flat=True).get(pk=person.pk)


def test_a_new_record_starts_at_version_one(person_a):
    assert _version(person_a) == 1


def test_save_bumps_even_from_a_copy_loaded_before_another_write(person_a):
    stale = Person.objects.get(pk=person_a.pk)
    person_a.position = "Trưởng phòng"
    person_a.save()
    stale.position = "Phó trưởng phòng"
    stale.save(update_fields=["position"])
    assert _version(person_a) == 3
    assert stale.version == 3  # read back from the row, not guessed


def test_queryset_update_and_bulk_update_bump(person_a, person_b):
    Person.objects.filter(pk=person_a.pk).update(position="Chuyên viên chính")
    assert _version(person_a) == 2
    person_a.position, person_b.position = "Trưởng phòng", "Phó giám đốc"
    Person.objects.bulk_update([person_a, person_b], ["position"])
    assert (_version(person_a), _version(person_b)) == (3, 2)
    assert Person.objects.get(pk=person_b.pk).position == "Phó giám đốc"


def test_the_bump_helper_for_writes_around_the_queryset(person_a):
    before = Person.objects.get(pk=person_a.pk).updated_at
    Person._base_manager.filter(pk=person_a.pk).update(position="Chuyên viên", **concurrency.bump())
    after = Person.objects.get(pk=person_a.pk)
    assert after.version == 2 and after.updated_at >= before


def test_bookkeeping_fields_alone_do_not_make_forms_stale(person_a, tree):
    Person.objects.filter(pk=person_a.pk).update(search_key="nguyen van phong")
    person_a.save(update_fields=["search_key"])
    assert _version(person_a) == 1
    unit = tree["a"]
    version = unit.version
    type(unit).objects.filter(pk=unit.pk).update(numchild=unit.numchild)
    unit.refresh_from_db()
    assert unit.version == version


def test_a_stale_save_is_refused_naming_the_writer_and_the_values(officer_a, secretariat, person_a):
    services.person_update(actor=secretariat, person=person_a, version=1, position="Trưởng phòng")
    with pytest.raises(StaleError) as refused:
        services.person_update(actor=officer_a, person=person_a, version=1, position="Chuyên viên",
                               full_name="Nguyễn Văn Phóng")
    extra = refused.value.extra
    assert extra["stale"] and extra["version"] == 2 and extra["who"] == "Trần Thị Thu"
    assert extra["current"] == [["Chức vụ", "Trưởng phòng"]]
    assert "Trần Thị Thu" in refused.value.message and "Cá nhân «Nguyễn Văn Phóng»" in refused.value.message
    assert Person.objects.get(pk=person_a.pk).position == "Trưởng phòng"


def test_the_writer_is_the_one_of_the_current_version(officer_a, secretariat, person_a):
    services.person_update(actor=secretariat, person=person_a, position="Trưởng phòng")
    services.evaluation_set(actor=officer_a, person=person_a, year=2024, rating="HTTNV")  # on the person's trail
    change = concurrency.last_change(Person.objects.get(pk=person_a.pk))
    assert change.who == "Trần Thị Thu"


def test_no_version_sent_is_not_compared(officer_a, person_a):
    Person.objects.filter(pk=person_a.pk).update(position="Trưởng phòng")
    services.person_update(actor=officer_a, person=person_a, position="Chuyên viên")
    assert Person.objects.get(pk=person_a.pk).position == "Chuyên viên"


def test_display_values_read_as_the_page_shows_them(tree):
    person = make_person(tree["a"], "Trần Thị Lan", gender="nu", birth_date=dt.date(1990, 7, 2))
    assert concurrency.display_value(person, "gender") == "Nữ"
    assert concurrency.display_value(person, "birth_date") == "02/07/1990"
    assert concurrency.display_value(person, "cccd") == "(để trống)"
    assert concurrency.display_value(person, "current_unit") == "Sở Nội vụ"
