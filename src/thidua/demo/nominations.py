"""The demo province's year-end commendation round, driven through the real services so the
data is what the workflow would have produced: the provincial council and its members,
proposal dossiers at several steps (a draft, one returned for correction, one in public
consultation with opinions from the public, one at the council with a meeting convened, one
decided with its signed decision), so every page of the second half of the cycle has
something to show.
"""

import datetime as dt

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone

from thidua.core.workdays import add_working_days
from thidua.councils import services as councils
from thidua.decisions import services as decisions
from thidua.demo import decision_end
from thidua.demo.council_meeting import seed_council_meeting
from thidua.demo.signatories import issue_signed
from thidua.dossiers import services as dossiers
from thidua.dossiers.models import DossierItem
from thidua.eligibility.listing import Query, qualified_all
from thidua.org.models import Unit
from thidua.org.paths import path_at_depth
from thidua.people.models import Evaluation, Person

PDF = b"%PDF-1.4\n% thidua demo\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
MEMBERS = (  # (full name, position, role, home unit code suffix or "" for the province)
    ("Đặng Quốc Hùng", "Chủ tịch UBND tỉnh", "chair", ""),
    ("Hoàng Đức Thắng", "Giám đốc Sở Nội vụ", "standing_vice", "SNV"),
    ("Đặng Văn Hội", "Phó Chủ tịch UBND tỉnh", "vice", ""),  # the demo council-member account
    ("Võ Thanh Sơn", "Giám đốc Sở Y tế", "member", "SYT"),
    ("Nguyễn Văn Khoa", "Giám đốc Sở Giáo dục và Đào tạo", "member", "SGDDT"),
    ("Trần Thị Thu Hương", "Chủ tịch Ủy ban MTTQ Việt Nam tỉnh", "member", ""),
    ("Phạm Minh Tuấn", "Trưởng phòng Thi đua – Khen thưởng, Sở Nội vụ", "secretary", "SNV"),
)


def _pdf(name: str) -> ContentFile:
    return ContentFile(PDF, name=name)


def _dossier(actor, unit: Unit, year: int, people: list[Person], kind: str, title: str, *, level: str = "tinh",
             documents: bool = True):
    d = dossiers.dossier_create(actor=actor, unit=unit, authority_level=level, year=year, title=title,
                                number=f"{len(title) % 90 + 10}/TTr-{unit.code.rsplit('.', 1)[-1]}")
    achieved = _ratings_in_words(people, year)
    dossiers.dossier_add_items(actor=actor, dossier=d, entries=[
        dossiers.ItemInput(subject=p, kind=kind, period_from=year - 1, period_to=year, achievement=achieved[p.pk])
        for p in people])
    if not documents:
        return d
    for doc in ("to_trinh", "bien_ban_binh_xet"):
        dossiers.dossier_document_add(actor=actor, dossier=d, kind=doc, file=_pdf(f"{doc}.pdf"))
    for item in d.items.all():
        dossiers.dossier_item_update(actor=actor, item=item, report_text=(
            f"BÁO CÁO THÀNH TÍCH\n{title}\n"
            f"I. Sơ lược lý lịch: {item.subject_name}, {item.held_unit.name}.\n"
            f"II. Thành tích: {achieved.get(item.person_id, '')}"))
    return d


def _ratings_in_words(people: list[Person], year: int) -> dict[int, str]:
    """Each person's ratings of the dossier's two years as the summary states them: the
    submission checks that a summary names the ratings the person really has."""
    rated = {(e.person_id, e.year): e.get_rating_display()
             for e in Evaluation.objects.filter(person__in=people, year__in=(year - 1, year))}
    return {p.pk: "; ".join(f"Năm {y}: {rated[(p.pk, y)]}" for y in (year - 1, year) if (p.pk, y) in rated) + "."
            for p in people}


def _eligible_by_department(actor, root: Unit, year: int) -> list[tuple[Unit, list[Person]]]:
    """The departments (depth 2) with the people the engine finds eligible for BK_TINH in
    YEAR, most first: the demo proposes people who do qualify."""
    rows, _excess = qualified_all(actor, Query(root, year, "BK_TINH"))
    departments = {u.path: u for u in Unit.objects.filter(depth=root.depth + 1)}
    found: dict[str, list[Person]] = {}
    for row in rows:
        if row.is_person:
            top = path_at_depth(row.subject.current_unit.path, root.depth + 1)
            found.setdefault(top, []).append(row.subject)
    return sorted(((departments[path], people) for path, people in found.items() if path in departments),
                  key=lambda pair: (-len(pair[1]), pair[0].path))


def seed_nominations(year: int, root: Unit) -> dict[str, int]:
    User = get_user_model()
    admin = User.objects.get(username="admin")
    council = councils.council_create(actor=admin, authority_unit=root,
                                      name=f"Hội đồng Thi đua – Khen thưởng {root.name.replace('UBND ', '')}")
    units = {u.code.rsplit(".", 1)[-1]: u for u in Unit.objects.filter(depth=2)}
    voter = User.objects.filter(username="hoidong").first()
    for i, (name, position, role, home) in enumerate(MEMBERS):
        councils.member_add(actor=admin, council=council, full_name=name, position=position, role=role,
                            home_unit=units.get(home, root), user=voter if i == 2 else None)
    counts = {"dossiers": 0, "decisions": 0}
    departments = _eligible_by_department(admin, root, year)
    # A decided dossier: the first department's Bằng khen, voted and signed.
    if departments:
        unit, nominees = departments[0]
        decided = _dossier(admin, unit, year, nominees[:3], "BK_TINH",
                           f"Đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh năm {year}")
        _to_council(admin, decided)
        dossiers.dossier_record_votes(actor=admin, dossier=decided,
                                      reference=f"Phiếu biểu quyết của Hội đồng ngày {timezone.localdate():%d/%m/%Y}",
                                      results={i.pk: dossiers.VoteResult("agree", tally={"agree": 6, "disagree": 0})
                                               for i in decided.items.all()})
        decision = decisions.decision_draft(actor=admin, authority=root,
                                            summary=f"Về việc tặng Bằng khen của Chủ tịch UBND tỉnh năm {year}")
        decisions.decision_add_dossier(actor=admin, decision=decision, dossier=decided)
        issue_signed(admin, decision, timezone.localdate())  # after its tờ trình, submitted today
        counts["dossiers"] += 1
        counts["decisions"] += 1
    # At the council, a meeting convened: the council member account can vote once it opens.
    if len(departments) > 1:
        unit, nominees = departments[1]
        at_council = _dossier(admin, unit, year, nominees[:4], "BK_TINH",
                              f"Đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh cho {unit.name} năm {year}")
        _to_council(admin, at_council)
        councils.meeting_create(actor=admin, council=council, title=f"Phiên họp xét khen thưởng tổng kết năm {year}",
                                starts_at=_meeting_time(), place="Phòng họp tầng 3, UBND tỉnh",
                                items=list(at_council.items.all()))
        counts["dossiers"] += 1
    counts["dossiers"] += seed_council_meeting(admin, council, year, departments, _dossier, _to_council)
    counts["dossiers"] += _seed_open_steps(admin, root, year, departments)
    counts["decisions"] += _draft_with_a_direct_entry(admin, root, departments, year)
    taken = {p.pk for _unit, people in departments for p in people} | set(
        DossierItem.objects.filter(person__isnull=False).values_list("person_id", flat=True))
    counts["decisions"] += decision_end.seed_issued_direct_entry(admin, root, year, taken)
    counts["dossiers"] += decision_end.seed_refused(admin, root, year, taken, _dossier, _to_council)
    return counts


def _draft_with_a_direct_entry(actor, root: Unit, departments: list[tuple[Unit, list[Person]]], year: int) -> int:
    """A province draft with one line typed straight in for someone nobody proposed: the
    engine does not find them eligible, so the line waits for the chairman's justification
    before the decision can be signed."""
    proposed = [p.pk for _unit, people in departments for p in people]
    outsider = (Person.objects.filter(current_unit__depth=root.depth + 1).exclude(pk__in=proposed)
                .order_by("pk").first())
    if outsider is None:
        return 0
    decisions.decision_draft(
        actor=actor, authority=root, summary=f"Về việc tặng Bằng khen của Chủ tịch UBND tỉnh năm {year} (bổ sung)",
        recipients=[decisions.RecipientSpec(kind="BK_TINH", year=year, person=outsider,
                                            achievement="Có nhiều đóng góp trong công tác chuyển đổi số")])
    return 1


# Opinions the public sent on the consultation page: (name, contact, text, published, handling).
OPINIONS = (
    ("Nguyễn Thị Lan", "0912 345 678", "Tôi là đồng nghiệp cùng cơ quan, xác nhận đồng chí có nhiều đóng góp "
     "cho việc số hóa hồ sơ của ngành; đề nghị xem xét khen thưởng.", True,
     "Đã ghi nhận; ý kiến phù hợp với báo cáo thành tích của đơn vị."),
    ("Một người dân", "nguoidan@example.vn", "Đề nghị làm rõ số liệu kết quả năm 2024 trong báo cáo thành tích.",
     False, ""),
)


def _seed_open_steps(actor, root: Unit, year: int, departments: list[tuple[Unit, list[Person]]]) -> int:
    """Dossiers still on their way: a Bằng khen of the Prime Minister in public consultation,
    a dossier returned with one item to correct, and a draft of the demo officer's own
    department; the demo accounts each find something to do."""
    count = 0
    ttg, _excess = qualified_all(actor, Query(root, year, "BK_TTG"))
    nominee = next((row.subject for row in ttg if row.is_person), None)
    if nominee is not None:
        unit = Unit.objects.get(path=path_at_depth(nominee.current_unit.path, root.depth + 1))
        central = _dossier(actor, unit, year, [nominee], "BK_TTG", f"Đề nghị tặng Bằng khen của Thủ tướng Chính phủ "
                           f"năm {year}", level="thu_tuong")
        dossiers.dossier_submit(actor=actor, dossier=central)
        dossiers.dossier_receive(actor=actor, dossier=central)
        dossiers.dossier_accept_items(actor=actor, dossier=central, accept=list(central.items.all()))
        dossiers.dossier_open_consultation(actor=actor, dossier=central)
        for i, (name, contact, text, published, handling) in enumerate(OPINIONS):
            opinion = dossiers.opinion_submit(dossier=central, item=central.items.first(), name=name,
                                              contact=contact, text=text, sender=f"198.51.100.{i + 1}")
            if published:
                dossiers.opinion_moderate(actor=actor, opinion=opinion, publish=True)
            if handling:
                dossiers.opinion_handle(actor=actor, opinion=opinion, handling=handling)
        count += 1
    if len(departments) > 2:
        unit, nominees = departments[2]
        returned = _dossier(actor, unit, year, nominees[:3], "BK_TINH",
                            f"Đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh cho {unit.name} năm {year}")
        dossiers.dossier_submit(actor=actor, dossier=returned)
        dossiers.dossier_receive(actor=actor, dossier=returned)
        first, *rest = list(returned.items.all())
        if rest:
            dossiers.dossier_accept_items(actor=actor, dossier=returned, accept=rest)
        dossiers.dossier_return(actor=actor, dossier=returned, items={first: dossiers.ReturnNote(
            codes=("thanh_tich_chua_ro",), fields=("report",),
            comment="Bổ sung số liệu cụ thể về kết quả công tác năm 2025.")})
        count += 1
    # The draft: people of the demo officer's department not yet proposed above (each of the
    # dossiers above took the first few of its department).
    own = Unit.objects.filter(depth=root.depth + 1, code__endswith=".SNV").first()
    taken = [i for i, (unit, _people) in enumerate(departments[:3]) if unit == own]
    people = next((nominees for unit, nominees in departments if unit == own), [])
    people = people[4:] if taken else people
    if own is not None and not people:  # none qualifies: proposed by hand, the checks will say why
        people = list(Person.objects.filter(current_unit__path__startswith=own.path).order_by("pk")[:2])
    if people:
        _dossier(actor, own, year, people[:2], "BK_TINH",
                 f"Đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh cho {own.name} năm {year}", documents=False)
        count += 1
    return count


def _meeting_time() -> dt.datetime:
    """Eight in the morning, three working days from today: when a council would sit."""
    day = add_working_days(timezone.localdate(), 3)
    return dt.datetime.combine(day, dt.time(8, 0), tzinfo=timezone.get_current_timezone())


def _to_council(actor, dossier) -> None:
    dossiers.dossier_submit(actor=actor, dossier=dossier)
    dossiers.dossier_receive(actor=actor, dossier=dossier)
    dossiers.dossier_accept_items(actor=actor, dossier=dossier, accept=list(dossier.items.all()))
    dossiers.dossier_to_council(actor=actor, dossier=dossier)
