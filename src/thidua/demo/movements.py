"""The demo province's movements: each year's movement launched by the chairman's
directive, a few thematic ones, a department's movement following the province's, the
reviews of past years, and the current year's registration sheets in every state an
office sees in March (approved, waiting for the head, still drafted, returned, missing).
"""

import dataclasses
import datetime as dt
import random

from thidua.core.text import fold
from thidua.demo.bulk import insert_rows
from thidua.demo.catalog import PROVINCE, ROOT_NAME
from thidua.documents.models import Document
from thidua.documents.services import document_search_key
from thidua.movements.models import Milestone, Movement, Participant, Review
from thidua.movements.selectors import movement_figures
from thidua.org.models import Bloc, Unit
from thidua.people.models import Person
from thidua.registrations.models import Registration, RegistrationSheet

THEMES = {
    2021: "Đoàn kết, kỷ cương, thích ứng an toàn, phục hồi và phát triển",
    2022: "Đoàn kết, kỷ cương, đổi mới, sáng tạo, phát triển",
    2023: "Đoàn kết, kỷ cương, chủ động, sáng tạo, về đích",
    2024: "Đoàn kết, kỷ cương, tăng tốc, bứt phá, về đích",
    2025: "Đoàn kết, đổi mới, hoàn thành thắng lợi các mục tiêu nhiệm kỳ",
    2026: "Đoàn kết, kỷ cương, sáng tạo, chuyển đổi số, phát triển",
}
THEMATIC = (
    # (name, kind, first year, last year, theme)
    ("Cả nước chung tay vì người nghèo – Không để ai bị bỏ lại phía sau", "chuyen_de", 2021, 2025, ""),
    ("Cả nước thi đua xây dựng xã hội học tập, đẩy mạnh học tập suốt đời", "chuyen_de", 2021, 2030, ""),
    (f"Đợt thi đua cao điểm 100 ngày hoàn thành sắp xếp đơn vị hành chính cấp xã tỉnh {PROVINCE}", "dot", 2025,
     2025, "Tinh gọn, hiệu lực, hiệu quả"),
)
SHEET_STATES = (("approved", 0.72), ("submitted", 0.08), ("draft", 0.06), ("returned", 0.02), (None, 0.12))
TARGETS = "100% cán bộ, công chức hoàn thành nhiệm vụ; không có cá nhân vi phạm kỷ luật; có sáng kiến được công nhận."


def _pick_state(rng: random.Random) -> str | None:
    x, acc = rng.random(), 0.0
    for state, share in SHEET_STATES:
        acc += share
        if x < acc:
            return state
    return None


def seed_movements(rng: random.Random, years: range, root: Unit, home_affairs: Unit,
                   health: Unit | None) -> dict[str, int]:
    """Movements from the directives already seeded (plus this year's), reviews of the
    years that are over, and the current year's registration sheets."""
    current = years.stop  # the year after the last rated one: registration has just closed
    directives = {d.issued_on.year: d for d in Document.objects.filter(unit=root, kind="chi_thi", number="01/CT-UBND")}
    summary = f"Về việc phát động phong trào thi đua yêu nước năm {current}"
    directives[current] = Document.objects.create(
        number="01/CT-UBND", kind="chi_thi", issued_on=dt.date(current, 1, 8), issuer=ROOT_NAME, unit=root,
        summary=summary, search_key=document_search_key(Document(number="01/CT-UBND", summary=summary)))
    blocs = list(Bloc.objects.filter(organiser=root))
    yearly = {}
    for year in [*years, current]:
        directive = directives.get(year)
        movement = Movement.objects.create(
            organiser=root, name=f"Phong trào thi đua yêu nước năm {year}", kind="thuong_xuyen", year=year,
            document=directive, theme=THEMES.get(year, ""), aims="Động viên cán bộ, công chức, viên chức và Nhân dân "
            "thi đua hoàn thành thắng lợi các chỉ tiêu phát triển kinh tế – xã hội của tỉnh.", targets=TARGETS,
            starts_on=directive.issued_on if directive else dt.date(year, 1, 5), ends_on=dt.date(year, 12, 31),
            registration_deadline=dt.date(year, 3, 31), monitoring_unit=home_affairs,
            search_key=fold(f"Phong trào thi đua yêu nước năm {year} {THEMES.get(year, '')}"))
        Participant.objects.create(movement=movement, unit=root, subtree=True)
        movement.blocs.set(blocs)
        Milestone.objects.bulk_create([
            Milestone(movement=movement, kind="so_ket", title="Sơ kết 6 tháng", due_on=dt.date(year, 6, 30)),
            Milestone(movement=movement, kind="tong_ket", title="Tổng kết năm", due_on=dt.date(year, 12, 20)),
        ])
        yearly[year] = movement
    thematic = 0
    for name, kind, first, last, theme in THEMATIC:
        Movement.objects.create(
            organiser=root, name=name, kind=kind, year=first, theme=theme, starts_on=dt.date(first, 3, 1),
            ends_on=dt.date(last, 12, 31), registration_deadline=dt.date(first, 4, 15), search_key=fold(name))
        thematic += 1
    if health is not None:
        child = Movement.objects.create(
            organiser=health, parent=yearly[current], kind="chuyen_de", year=current,
            name="Đổi mới phong cách, thái độ phục vụ của cán bộ y tế hướng tới sự hài lòng của người bệnh",
            starts_on=dt.date(current, 2, 1), ends_on=dt.date(current, 12, 31),
            search_key=fold("Đổi mới phong cách thái độ phục vụ của cán bộ y tế"))
        Participant.objects.create(movement=child, unit=health, subtree=True)
        thematic += 1
    sheets, registrations = _current_sheets(rng, yearly[current], root)
    # Year-end reviews of the years that are over, and this year's mid-year review, each
    # with the figures the system computes (kept as they were on the day).
    reviews = [(m, "tong_ket", dt.date(year + 1, 1, 12)) for year, m in yearly.items() if year < current]
    reviews.append((yearly[current], "so_ket", dt.date(current, 7, 10)))
    for movement, kind, day in reviews:
        figures = dataclasses.asdict(movement_figures(movement))
        figures["computed_on"] = day.isoformat()
        Review.objects.create(movement=movement, kind=kind, held_on=day, figures=figures,
                              notes="Số liệu do hệ thống tổng hợp từ đăng ký thi đua và sổ khen thưởng.")
    return {"movements": len(yearly) + thematic, "reviews": len(reviews), "sheets": sheets,
            "registrations_current": registrations}


def _current_sheets(rng: random.Random, movement: Movement, root: Unit) -> tuple[int, int]:
    year = movement.year
    staff: dict[int, list[int]] = {}
    for pk, unit_pk in Person.objects.filter(current_unit__isnull=False).values_list("pk", "current_unit_id"):
        staff.setdefault(unit_pk, []).append(pk)
    units = Unit.objects.filter(path__startswith=root.path, active_until__isnull=True, pk__in=list(staff))
    sheet_objs, plan = [], []
    for unit_pk, kind in units.order_by("path").values_list("pk", "kind"):
        state = _pick_state(rng)
        if state is None:
            continue
        sheet_objs.append(RegistrationSheet(
            unit_id=unit_pk, year=year, movement=movement, state=state, targets=TARGETS,
            return_reason="Bổ sung chỉ tiêu của đơn vị." if state == "returned" else ""))
        plan.append((unit_pk, kind))
    created = RegistrationSheet.objects.bulk_create(sheet_objs, batch_size=500)
    if any(s.pk is None for s in created):
        pks = dict(RegistrationSheet.objects.filter(movement=movement).values_list("unit_id", "pk"))
        for s in created:
            s.pk = pks[s.unit_id]
    on = dt.date(year, 3, 20)
    rows = []
    for sheet, (unit_pk, kind) in zip(created, plan, strict=True):
        rows.append((None, unit_pk, year, "TDPVH" if kind == "thon_tdp" else "TTLDTT", on, sheet.pk, ""))
        if kind != "thon_tdp" and rng.random() < 0.15:
            rows.append((None, unit_pk, year, "TTLDXS", on, sheet.pk, ""))
        for person in staff.get(unit_pk, ()):
            if rng.random() < 0.85:
                rows.append((person, unit_pk, year, "LDTT", on, sheet.pk, ""))
                if rng.random() < 0.12:
                    rows.append((person, unit_pk, year, "CSTDCS", on, sheet.pk, ""))
    insert_rows(Registration, ("person", "unit", "year", "code", "registered_on", "sheet", "note"), rows)
    return len(created), len(rows)
