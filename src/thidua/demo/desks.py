"""The desks below the province (issue 12): Sở Nội vụ's own TĐKT desk (`tdkt_snv`) with its
council, and a commune's TĐKT officer (`canbo_xa`), each with dossiers in its inbox. Driven
through the real services, as `demo.nominations` is:

- a CSTĐCS dossier of Sở Nội vụ built by `canbo_snv`, signed off by `thutruong_snv`: in the
  Sở desk's inbox to receive, not in the province's (`thuky`);
- a LĐTT dossier at the Sở's council, received and reviewed by the Sở desk, a meeting convened;
- a commune title proposed by a school of the commune, in the commune officer's inbox.
"""

import datetime as dt

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone

from thidua.core.workdays import add_working_days
from thidua.councils import selectors as council_selectors
from thidua.councils import services as councils
from thidua.dossiers import services as dossiers
from thidua.dossiers.workflow import workflow
from thidua.eligibility.listing import Query, qualified_all
from thidua.org.models import Unit

PDF = b"%PDF-1.4\n% thidua demo\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
COUNCIL = (  # Sở Nội vụ's council: (full name, position, role)
    ("Hoàng Đức Thắng", "Giám đốc Sở Nội vụ", "chair"),
    ("Trịnh Văn Long", "Phó Giám đốc Sở Nội vụ", "standing_vice"),
    ("Lương Thị Mai", "Chủ tịch Công đoàn Sở Nội vụ", "member"),
    ("Đinh Quang Vinh", "Chánh Văn phòng Sở Nội vụ", "member"),
    ("Lê Thị Thanh Bình", "Phụ trách bộ phận Thi đua – Khen thưởng, Sở Nội vụ", "secretary"),
)


def officer_commune(tree) -> int:
    """The pk of the commune whose officer the demo seeds: the first live commune with a school."""
    communes = [n for n in tree.nodes if n.kind == "ubnd_xa" and n.active_until is None]
    with_school = [n for n in communes if any(c.kind == "truong_hoc" for c in n.children)]
    return (with_school or communes)[0].pk


def _eligible(actor, unit: Unit, year: int, codes) -> tuple[str, list]:
    """The first of CODES anyone under UNIT qualifies for in YEAR, with those people."""
    for code in codes:
        rows, _excess = qualified_all(actor, Query(unit, year, code))
        people = [row.subject for row in rows if row.is_person]
        if people:
            return code, people
    return "", []


def _build(officer, head, unit: Unit, year: int, kind: str, people, title: str, level: str):
    """A complete dossier of UNIT proposing PEOPLE for KIND, submitted by HEAD."""
    d = dossiers.dossier_create(actor=officer, unit=unit, authority_level=level, year=year, title=title,
                                number=f"{len(title) % 90 + 10}/TTr-{unit.code.rsplit('.', 1)[-1]}")
    dossiers.dossier_add_items(actor=officer, dossier=d, entries=[
        dossiers.ItemInput(subject=p, kind=kind, period_from=year, period_to=year,
                           achievement=f"Có nhiều đóng góp trong công tác chuyên môn năm {year}.") for p in people])
    for doc in workflow().documents.values():
        if not doc.per_item and doc.required_for(kind):
            dossiers.dossier_document_add(actor=officer, dossier=d, kind=doc.code,
                                          file=ContentFile(PDF, name=f"{doc.code}.pdf"))
    for item in d.items.all():
        dossiers.dossier_item_update(actor=officer, item=item, report_text=(
            f"BÁO CÁO THÀNH TÍCH\n{title}\nI. Sơ lược lý lịch: {item.subject_name}, {item.held_unit.name}.\n"
            "II. Thành tích: hoàn thành tốt nhiệm vụ được giao, có sáng kiến được áp dụng tại đơn vị."))
        if item.unjustified_flags:
            dossiers.dossier_item_justify(actor=officer, item=item, text="Đơn vị đã xem xét, đề nghị khen thưởng.")
    return dossiers.dossier_submit(actor=head, dossier=d,
                                   quota_justification="Tỷ lệ đề nghị đã được Hội đồng cơ sở thống nhất.")


def _department(users, snv: Unit, year: int) -> int:
    """Sở Nội vụ's council, and its dossiers: a CSTĐCS one to receive, a LĐTT one at its council."""
    desk = users["tdkt_snv"]
    council = councils.council_create(actor=desk, authority_unit=snv, name="Hội đồng Thi đua – Khen thưởng Sở Nội vụ")
    for name, position, role in COUNCIL:
        councils.member_add(actor=desk, council=council, full_name=name, position=position, role=role, home_unit=snv)
    count = 0
    code, people = _eligible(users["admin"], snv, year, ("CSTDCS",))
    if people:  # to receive
        _build(users["canbo_snv"], users["thutruong_snv"], snv, year, code, people[:2],
               f"Đề nghị công nhận danh hiệu Chiến sĩ thi đua cơ sở năm {year}", "co_quan")
        count += 1
    code, others = _eligible(users["admin"], snv, year, ("LDTT",))
    others = [p for p in others if p not in people[:2]][:3]
    if others:  # at the Sở's council, a meeting convened
        at_council = _build(users["canbo_snv"], users["thutruong_snv"], snv, year, code, others,
                            f"Đề nghị công nhận danh hiệu Lao động tiên tiến năm {year}", "co_quan")
        dossiers.dossier_receive(actor=desk, dossier=at_council)
        dossiers.dossier_accept_items(actor=desk, dossier=at_council, accept=list(at_council.items.all()))
        dossiers.dossier_to_council(actor=desk, dossier=at_council)
        day = add_working_days(timezone.localdate(), 2)
        councils.meeting_create(actor=desk, council=council, title=f"Phiên họp xét danh hiệu thi đua năm {year}",
                                starts_at=dt.datetime.combine(day, dt.time(14, 0),
                                                              tzinfo=timezone.get_current_timezone()),
                                place="Phòng họp Sở Nội vụ", items=list(council_selectors.ready_items(council)))
        count += 1
    return count


def _commune(admin, commune: Unit, year: int) -> int:
    """A school of the commune proposes its teachers for a commune title: the officer receives it."""
    school = Unit.objects.filter(path__startswith=commune.path, kind="truong_hoc").order_by("path").first()
    if school is None:
        return 0
    code, people = _eligible(admin, school, year, ("CSTDCS", "LDTT"))
    if not people:
        return 0
    _build(admin, admin, school, year, code, people[:2],
           f"Đề nghị công nhận danh hiệu thi đua năm {year} của {school.name}", "xa")
    return 1


def seed_desks(year: int) -> int:
    """The desks' councils and dossiers (the accounts are `demo.accounts`'): how many dossiers."""
    users = {u.username: u for u in get_user_model().objects.filter(
        username__in=["admin", "tdkt_snv", "canbo_xa", "canbo_snv", "thutruong_snv"])}
    snv = Unit.objects.filter(depth=2, code__endswith=".SNV").first()
    commune = Unit.objects.filter(rolegrant__user=users["canbo_xa"]).first()
    count = _department(users, snv, year) if snv is not None else 0
    return count + (_commune(users["admin"], commune, year) if commune is not None else 0)
