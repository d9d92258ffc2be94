"""The people import answers for a CCCD as the person form does (ADR 0012): a number held
by someone the uploader cannot see is refused naming no one and recorded on the holder's
history; past the day's refusals every number nobody in sight holds is refused alike, so a
file of 10,000 numbers cannot sort the province's citizens into held and free."""

from tests.conftest import make_person
from tests.imports.conftest import xlsx_upload
from thidua.core.models import AuditEvent
from thidua.imports import services
from thidua.imports.models import ImportBatch
from thidua.people import audit_actions as people_actions
from thidua.people import cccd

YEAR = 2025


def row(name: str, number: str, unit: str = "T.A") -> list:
    return [unit, name, "Nữ", "02/01/1991", number, "", YEAR, "HTTNV", 12, ""]


def errors_by_row(batch) -> dict[int, str]:
    return {e["row"]: e["text"] for e in batch.errors}


def test_a_number_held_out_of_sight_is_refused_naming_no_one_and_recorded_on_the_holder(officer_a, tree):
    holder = make_person(tree["b"], "Trần Thị Bí Mật", gender="nu", cccd="079190000001")

    batch = services.import_preview(kind=ImportBatch.Kind.PEOPLE, actor=officer_a, upload=xlsx_upload([
        row("Bùi Thị Lan", "079190000001"), row("Lê Thị Mới", "079190000002")]))

    errors = errors_by_row(batch)
    assert list(errors) == [2]
    assert "không dùng được số CCCD «079190000001»" in errors[2] and "Ban Thi đua – Khen thưởng" in errors[2]
    assert "Trần Thị Bí Mật" not in errors[2] and "Sở Y tế" not in errors[2]
    event = AuditEvent.objects.get(action=people_actions.CCCD_REFUSED)
    assert (event.target_id, event.actor_id, event.after["held"]) == (holder.pk, officer_a.pk, True)
    assert cccd.refusals_today(officer_a) == 1


def test_past_the_days_refusals_a_free_number_is_refused_like_a_held_one(officer_a, tree):
    held = [f"07919000010{i}" for i in range(cccd.REFUSALS_PER_DAY + 1)]
    for i, number in enumerate(held):
        make_person(tree["b"], f"Người Ngoài Số {i}", gender="nu", cccd=number)
    free = "079190000999"

    batch = services.import_preview(kind=ImportBatch.Kind.PEOPLE, actor=officer_a, upload=xlsx_upload(
        [row(f"Người Nhập Số {i}", number) for i, number in enumerate(held)] + [row("Lê Thị Mới", free)]))

    errors = errors_by_row(batch)
    assert len(errors) == len(held) + 1  # the free number too: the answers no longer tell them apart
    shapes = {text.replace(number, "…") for text, number in zip(errors.values(), [*held, free], strict=True)}
    assert len({s.split(":", 1)[1] for s in shapes}) == 1
    recorded = AuditEvent.objects.filter(action=people_actions.CCCD_REFUSED)
    assert recorded.count() == len(held) + 1 and recorded.filter(after__held=False).count() == 1


def test_a_number_held_by_someone_in_sight_names_them(secretariat, officer_a, tree):
    make_person(tree["a1"], "Phạm Văn Thấy", gender="nam", cccd="079190000003")

    batch = services.import_preview(kind=ImportBatch.Kind.PEOPLE, actor=officer_a,
                                    upload=xlsx_upload([row("Bùi Thị Lan", "079190000003")]))

    assert "đã thuộc về «Phạm Văn Thấy»" in batch.errors[0]["text"]
    assert not AuditEvent.objects.filter(action=people_actions.CCCD_REFUSED).exists()
