"""sheet_get_or_create / sheet_save / sheet_merge: what a sheet holds after a save."""

import pytest

from tests.conftest import make_person
from tests.registrations.conftest import YEAR
from thidua.core.errors import ApplicationError, PermissionDenied
from thidua.core.models import AuditEvent
from thidua.registrations import services
from thidua.registrations.models import Registration, RegistrationSheet, SheetStatus

pytestmark = pytest.mark.usefixtures("season")


def codes_of(sheet, person=None):
    qs = Registration.objects.filter(sheet=sheet)
    qs = qs.filter(person=person) if person is not None else qs.filter(person__isnull=True)
    return sorted(qs.values_list("code", flat=True))


@pytest.fixture
def sheet_a1(officer_a, tree):
    return services.sheet_get_or_create(actor=officer_a, unit=tree["a1"], year=YEAR)


def test_get_or_create_makes_one_draft_sheet_and_audits_it(officer_a, tree):
    sheet = services.sheet_get_or_create(actor=officer_a, unit=tree["a1"], year=YEAR)
    again = services.sheet_get_or_create(actor=officer_a, unit=tree["a1"], year=YEAR)
    assert sheet.pk == again.pk and sheet.state == SheetStatus.DRAFT
    assert RegistrationSheet.objects.count() == 1
    event = AuditEvent.objects.get(action="registration.sheet_create")
    assert event.target_id == sheet.pk and event.unit_path == tree["a1"].path


def test_only_who_may_register_makes_a_sheet(head_a, officer_b, tree):
    for user in (head_a, officer_b):
        with pytest.raises(PermissionDenied):
            services.sheet_get_or_create(actor=user, unit=tree["a1"], year=YEAR)
    assert not RegistrationSheet.objects.exists()


def test_a_sheet_for_a_movement_needs_a_participant(officer_a, tree, movement):
    from thidua.movements.models import Participant

    Participant.objects.filter(movement=movement).update(unit=tree["b"])
    with pytest.raises(ApplicationError) as exc:
        services.sheet_get_or_create(actor=officer_a, unit=tree["a1"], year=YEAR, movement=movement)
    assert "không thuộc các đơn vị tham gia" in exc.value.message
    with pytest.raises(ApplicationError, match="không diễn ra trong năm 2027"):
        services.sheet_get_or_create(actor=officer_a, unit=tree["a1"], year=YEAR + 1, movement=movement)


def test_a_bloc_member_takes_part(officer_a, tree, movement):
    from thidua.org.models import Bloc, BlocMembership

    movement.participants.all().delete()
    bloc = Bloc.objects.create(code="K1", name="Khối các sở", organiser=tree["root"])
    movement.blocs.add(bloc)
    BlocMembership.objects.create(bloc=bloc, unit=tree["a1"], year=YEAR)
    sheet = services.sheet_get_or_create(actor=officer_a, unit=tree["a1"], year=YEAR, movement=movement)
    assert sheet.movement == movement
    BlocMembership.objects.filter(unit=tree["a1"]).update(year=YEAR - 1)
    with pytest.raises(ApplicationError):
        services.sheet_get_or_create(actor=officer_a, unit=tree["a"], year=YEAR, movement=movement)


def test_save_replaces_exactly_and_audits(officer_a, sheet_a1, person_a, colleague):
    services.sheet_save(actor=officer_a, sheet=sheet_a1, unit_codes=["TTLDTT"],
                        person_codes={person_a.pk: ["LDTT", "CSTDCS"], colleague.pk: ["LDTT"]},
                        person_notes={person_a.pk: "Có 01 sáng kiến cấp cơ sở"}, targets="100% hoàn thành tốt")
    assert codes_of(sheet_a1) == ["TTLDTT"]
    assert codes_of(sheet_a1, person_a) == ["CSTDCS", "LDTT"]
    assert set(Registration.objects.filter(person=person_a).values_list("note", flat=True)) == {
        "Có 01 sáng kiến cấp cơ sở"}
    sheet_a1.refresh_from_db()
    assert sheet_a1.targets == "100% hoàn thành tốt"

    # The colleague is left out: exact means their registration goes.
    services.sheet_save(actor=officer_a, sheet=sheet_a1, unit_codes=[], person_codes={person_a.pk: ["LDTT"]},
                        targets="100% hoàn thành tốt")
    assert codes_of(sheet_a1) == [] and codes_of(sheet_a1, colleague) == []
    assert codes_of(sheet_a1, person_a) == ["LDTT"]
    event = AuditEvent.objects.filter(action="registration.sheet_save").latest("id")
    assert "Nguyễn Văn Phóng: CSTDCS" in event.after["rút đăng ký"]
    assert "Trần Thị Hoa: LDTT" in event.after["rút đăng ký"]
    assert event.actor == officer_a


def test_a_save_that_changes_nothing_writes_no_audit_row(officer_a, sheet_a1, person_a):
    services.sheet_save(actor=officer_a, sheet=sheet_a1, unit_codes=[], person_codes={person_a.pk: ["LDTT"]},
                        targets="")
    n = AuditEvent.objects.count()
    services.sheet_save(actor=officer_a, sheet=sheet_a1, unit_codes=[], person_codes={person_a.pk: ["LDTT"]},
                        targets="")
    assert AuditEvent.objects.count() == n


def test_a_person_of_another_unit_is_refused_by_name(officer_a, sheet_a1, tree):
    other = make_person(tree["a"], "Lê Thị Ngọc", gender="nu")
    with pytest.raises(ApplicationError) as exc:
        services.sheet_save(actor=officer_a, sheet=sheet_a1, unit_codes=[], person_codes={other.pk: ["LDTT"]},
                            targets="")
    assert exc.value.message == services.NOT_CURRENT_PERSON % {"name": "Lê Thị Ngọc",
                                                                "unit": "Phòng Công chức, viên chức"}
    assert not Registration.objects.exists()


@pytest.mark.parametrize(("unit_codes", "person_codes"), [([], ["TTLDTT"]), (["LDTT"], []), ([], ["XYZ"])])
def test_a_title_the_subject_cannot_register_is_refused(officer_a, sheet_a1, person_a, unit_codes, person_codes):
    with pytest.raises(ApplicationError, match="không phải danh hiệu thi đua đăng ký được"):
        services.sheet_save(actor=officer_a, sheet=sheet_a1, unit_codes=unit_codes,
                            person_codes={person_a.pk: person_codes}, targets="")
    assert not Registration.objects.exists()


def test_a_title_registered_on_another_units_sheet_is_refused_naming_the_unit(secretariat, officer_a, tree, person_a):
    # Registered at Sở Y tế before moving to Phòng A1.
    person_a.current_unit = tree["b"]
    person_a.save()
    sheet_b = services.sheet_get_or_create(actor=secretariat, unit=tree["b"], year=YEAR)
    services.sheet_save(actor=secretariat, sheet=sheet_b, unit_codes=[], person_codes={person_a.pk: ["LDTT"]},
                        targets="")
    person_a.current_unit = tree["a1"]
    person_a.save()
    sheet_a1 = services.sheet_get_or_create(actor=officer_a, unit=tree["a1"], year=YEAR)
    with pytest.raises(ApplicationError) as exc:
        services.sheet_save(actor=officer_a, sheet=sheet_a1, unit_codes=[], person_codes={person_a.pk: ["LDTT"]},
                            targets="")
    assert "«Nguyễn Văn Phóng» đã đăng ký «Lao động tiên tiến» năm 2026 tại «Sở Y tế»" in exc.value.message
    # Another title is fine, and the one at Sở Y tế stays there, untouched by the exact save.
    services.sheet_save(actor=officer_a, sheet=sheet_a1, unit_codes=[], person_codes={person_a.pk: ["CSTDCS"]},
                        targets="")
    assert codes_of(sheet_b, person_a) == ["LDTT"] and codes_of(sheet_a1, person_a) == ["CSTDCS"]


def test_people_who_left_keep_their_registrations_on_the_sheet(officer_a, sheet_a1, person_a, colleague, tree):
    services.sheet_save(actor=officer_a, sheet=sheet_a1, unit_codes=[],
                        person_codes={person_a.pk: ["LDTT"], colleague.pk: ["LDTT"]}, targets="")
    colleague.current_unit = tree["a"]
    colleague.save()
    services.sheet_save(actor=officer_a, sheet=sheet_a1, unit_codes=[], person_codes={person_a.pk: ["LDTT"]},
                        targets="")
    assert codes_of(sheet_a1, colleague) == ["LDTT"]


def test_registrations_without_a_sheet_are_taken_into_it(officer_a, person_a, colleague, tree):
    services.registration_set(actor=officer_a, person=person_a, year=YEAR, codes=["LDTT", "CSTDCS"])
    services.registration_set(actor=officer_a, person=colleague, year=YEAR, codes=["LDTT"])
    sheet = services.sheet_get_or_create(actor=officer_a, unit=tree["a1"], year=YEAR)
    assert Registration.objects.filter(sheet__isnull=True).count() == 3  # making the sheet moves nothing
    services.sheet_save(actor=officer_a, sheet=sheet, unit_codes=[],
                        person_codes={person_a.pk: ["LDTT"], colleague.pk: ["LDTT"]}, targets="")
    assert not Registration.objects.filter(sheet__isnull=True).exists()
    assert codes_of(sheet, person_a) == ["LDTT"] and codes_of(sheet, colleague) == ["LDTT"]


def test_merge_touches_only_the_subjects_named(officer_a, sheet_a1, person_a, colleague):
    services.sheet_save(actor=officer_a, sheet=sheet_a1, unit_codes=["TTLDTT"],
                        person_codes={person_a.pk: ["LDTT"], colleague.pk: ["LDTT"]}, targets="Chỉ tiêu cũ")
    services.sheet_merge(actor=officer_a, sheet=sheet_a1, person_codes={colleague.pk: ["LDTT", "CSTDCS"]})
    assert codes_of(sheet_a1) == ["TTLDTT"] and codes_of(sheet_a1, person_a) == ["LDTT"]
    assert codes_of(sheet_a1, colleague) == ["CSTDCS", "LDTT"]
    sheet_a1.refresh_from_db()
    assert sheet_a1.targets == "Chỉ tiêu cũ"


def test_a_submitted_or_approved_sheet_is_not_edited(officer_a, head_a, sheet_a1, person_a):
    services.sheet_save(actor=officer_a, sheet=sheet_a1, unit_codes=[], person_codes={person_a.pk: ["LDTT"]},
                        targets="")
    services.sheet_submit(actor=officer_a, sheet=sheet_a1)
    with pytest.raises(ApplicationError, match="cần thủ trưởng trả lại"):
        services.sheet_save(actor=officer_a, sheet=sheet_a1, unit_codes=[], person_codes={}, targets="")
    services.sheet_approve(actor=head_a, sheet=sheet_a1)
    with pytest.raises(ApplicationError, match="cần mở lại bản đăng ký"):
        services.sheet_merge(actor=officer_a, sheet=sheet_a1, person_codes={person_a.pk: []})
    assert codes_of(sheet_a1, person_a) == ["LDTT"]


def test_the_head_does_not_fill_the_sheet(head_a, sheet_a1, person_a):
    with pytest.raises(PermissionDenied):
        services.sheet_save(actor=head_a, sheet=sheet_a1, unit_codes=[], person_codes={person_a.pk: ["LDTT"]},
                            targets="")


def test_a_title_on_the_units_other_sheet_is_refused_naming_that_sheet(officer_a, tree, person_a, movement):
    general = services.sheet_get_or_create(actor=officer_a, unit=tree["a1"], year=YEAR)
    services.sheet_save(actor=officer_a, sheet=general, unit_codes=[], person_codes={person_a.pk: ["LDTT"]},
                        targets="")
    under_movement = services.sheet_get_or_create(actor=officer_a, unit=tree["a1"], year=YEAR, movement=movement)
    with pytest.raises(ApplicationError) as exc:
        services.sheet_save(actor=officer_a, sheet=under_movement, unit_codes=[],
                            person_codes={person_a.pk: ["LDTT"]}, targets="")
    assert exc.value.message == services.REGISTERED_ELSEWHERE % {
        "name": "Nguyễn Văn Phóng", "title": "Lao động tiên tiến", "year": YEAR,
        "where": "trong bản đăng ký chung năm 2026 của đơn vị"}
