"""Demo pledges: `seed_pledges(year)` gives every bloc with members in YEAR a pledge with a
realistic scoring table, every member's signature, and one year-end round that is scored,
reviewed, ranked and locked, with its proposals. Bulk inserts only (20 blocs in well under
a second); blocs that already have a pledge for YEAR are left alone. Evidence rows all point
to one small sample PDF; no audit rows: like the rest of the demo data, this is a starting
state, not a history.
"""

import datetime as dt
import random
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction

from thidua.org.models import Bloc, BlocMembership
from thidua.pledges import ranking
from thidua.pledges.models import (
    Criterion,
    CriterionGroup,
    Evidence,
    Pledge,
    PledgeSignature,
    PledgeStatus,
    Proposal,
    RoundKind,
    RoundMode,
    RoundStatus,
    Score,
    ScoreSheet,
    ScoringRound,
)

# (group code, group name, [(code, criterion, max points, kind, evidence required)])
TABLE = (
    ("I", "Thực hiện nhiệm vụ chính trị được giao", (
        ("1.1", "Hoàn thành các chỉ tiêu, nhiệm vụ kế hoạch năm được giao", 20, "standard", True),
        ("1.2", "Thực hiện các nhiệm vụ trọng tâm, đột xuất do Tỉnh ủy, UBND tỉnh giao", 15, "standard", False),
        ("1.3", "Cải cách hành chính, chuyển đổi số; nâng cao chỉ số PAR INDEX, SIPAS", 15, "standard", True),
        ("1.4", "Thực hành tiết kiệm, chống lãng phí; phòng, chống tham nhũng, tiêu cực", 10, "standard", False),
    )),
    ("II", "Công tác thi đua, khen thưởng", (
        ("2.1", "Ban hành kế hoạch, phát động phong trào thi đua; đăng ký, ký kết giao ước thi đua", 5, "standard",
         True),
        ("2.2", "Sơ kết, tổng kết; phát hiện, bồi dưỡng, nhân rộng điển hình tiên tiến", 5, "standard", False),
        ("2.3", "Thực hiện quy trình, hồ sơ khen thưởng đúng quy định, đúng thời hạn", 5, "standard", False),
        ("2.4", "Tham gia đầy đủ hoạt động của khối; thực hiện chế độ thông tin, báo cáo", 5, "standard", False),
    )),
    ("III", "Xây dựng tổ chức", (
        ("3.1", "Xây dựng tổ chức đảng, chính quyền, đoàn thể trong sạch, vững mạnh", 8, "standard", False),
        ("3.2", "Cán bộ, công chức, viên chức hoàn thành tốt nhiệm vụ; không có vi phạm kỷ luật", 6, "standard",
         False),
        ("3.3", "Chăm lo đời sống người lao động; thực hiện quy chế dân chủ ở cơ sở", 6, "standard", False),
    )),
    ("IV", "Điểm thưởng", (
        ("4.1", "Được Chính phủ, bộ, ngành trung ương hoặc UBND tỉnh khen thưởng đột xuất", 3, "bonus", True),
        ("4.2", "Có mô hình, cách làm hay được cấp có thẩm quyền công nhận, nhân rộng", 2, "bonus", True),
    )),
    ("V", "Điểm trừ", (
        ("5.1", "Chậm hoặc không gửi báo cáo theo quy định (mỗi lần trừ 0,5 điểm)", 3, "deduction", False),
        ("5.2", "Không tham gia hoạt động của khối, không có lý do (mỗi lần trừ 1 điểm)", 2, "deduction", False),
        ("5.3", "Tập thể hoặc người đứng đầu bị xử lý kỷ luật trong năm", 5, "deduction", False),
    )),
)

STANDARD_GROUPS = {code for code, _name, rows in TABLE if any(r[3] == "standard" for r in rows)}

CONTENT = (
    "1. Thực hiện thắng lợi các chỉ tiêu, nhiệm vụ kế hoạch năm {year} được giao.\n"
    "2. Đẩy mạnh cải cách hành chính, chuyển đổi số; nâng cao chất lượng phục vụ người dân, doanh nghiệp.\n"
    "3. Tổ chức tốt các phong trào thi đua; phát hiện, bồi dưỡng, nhân rộng điển hình tiên tiến.\n"
    "4. Xây dựng cơ quan, đơn vị trong sạch, vững mạnh; thực hành tiết kiệm, chống lãng phí.\n"
    "5. Tham gia đầy đủ các hoạt động của khối; thực hiện nghiêm chế độ thông tin, báo cáo."
)
CUTS = (
    "Chưa có minh chứng đầy đủ cho một số chỉ tiêu.",
    "Một số nhiệm vụ hoàn thành chậm so với kế hoạch.",
    "Điểm tự chấm cao hơn kết quả kiểm tra thực tế của khối.",
    "Chỉ số xếp hạng của đơn vị giảm so với năm trước.",
)
NOT_SENT_SHARE = 0.04
SAMPLE_NAME = "Báo cáo tổng kết năm (mẫu).pdf"
SAMPLE_PATH = "pledges/mau/bao-cao-tong-ket-mau.pdf"


def _sample_pdf() -> bytes:
    """A one-page PDF saying it is demo evidence (ASCII text, standard font)."""
    text = b"BT /F1 16 Tf 72 760 Td (Bao cao tong ket nam - minh chung mau cua du lieu demo thidua) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(text) + text + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)
HALF = Decimal("0.5")


def _half(value: float) -> Decimal:
    """VALUE rounded to the nearest half point, as officers score."""
    return (Decimal(str(value)) / HALF).quantize(Decimal(1), rounding=ROUND_HALF_UP) * HALF


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=ZoneInfo(settings.TIME_ZONE))


def seed_pledges(year: int, *, seed: int = 2026) -> dict[str, int]:
    """Pledges, signatures and one locked, ranked year-end round for every bloc with members in YEAR.

    Returns counts: pledges, criteria, signatures, sheets, scores, proposals.
    """
    rng = random.Random(seed * 10_000 + year)
    members: dict[int, list[tuple[int, str, str]]] = {}
    for bloc_id, unit_id, role, name in (BlocMembership.objects.filter(year=year).order_by("bloc_id", "unit__name")
                                         .values_list("bloc_id", "unit_id", "role", "unit__name")):
        members.setdefault(bloc_id, []).append((unit_id, role, name))
    taken = set(Pledge.objects.filter(year=year).values_list("bloc_id", flat=True))
    blocs = [b for b in Bloc.objects.filter(pk__in=members).order_by("pk") if b.pk not in taken]
    counts = dict.fromkeys(("pledges", "criteria", "signatures", "sheets", "scores", "proposals"), 0)
    if not blocs:
        return counts
    flags, _basis = ranking.flags_per_bloc(year)
    signed_on = dt.date(year, 2, 20)
    with transaction.atomic():
        pledges = Pledge.objects.bulk_create(
            Pledge(bloc=b, year=year, title=f"Giao ước thi đua năm {year} — {b.name}",
                   content=CONTENT.format(year=year), signed_on=signed_on, state=PledgeStatus.OPEN)
            for b in blocs
        )
        groups = CriterionGroup.objects.bulk_create(
            CriterionGroup(pledge=p, code=code, name=name, order=i)
            for p in pledges for i, (code, name, _rows) in enumerate(TABLE, start=1)
        )
        group_of = {(g.pledge_id, g.code): g for g in groups}
        criteria = Criterion.objects.bulk_create(
            Criterion(pledge=p, group=group_of[(p.pk, gcode)], code=code, name=name, max_points=Decimal(points),
                      kind=kind, evidence_required=evidence, order=j)
            for p in pledges for gcode, _gname, rows in TABLE
            for j, (code, name, points, kind, evidence) in enumerate(rows, start=1)
        )
        by_pledge: dict[int, list[Criterion]] = {}
        for c in criteria:
            by_pledge.setdefault(c.pledge_id, []).append(c)
        PledgeSignature.objects.bulk_create(
            PledgeSignature(pledge=p, unit_id=unit_id, signed_at=_at(signed_on, 9, rng.randrange(0, 55)))
            for p in pledges for unit_id, _role, _name in members[p.bloc_id]
        )
        locked_at = _at(dt.date(year, 12, 18), 15, 30)
        rounds = ScoringRound.objects.bulk_create(
            ScoringRound(pledge=p, name=f"Chấm điểm, xếp hạng năm {year}", kind=RoundKind.YEAR_END,
                         self_score_deadline=dt.date(year, 12, 5), review_deadline=dt.date(year, 12, 15),
                         mode=RoundMode.LEADER, state=RoundStatus.LOCKED, bk_proposals=2, ranked_at=locked_at,
                         locked_at=locked_at)
            for p in pledges
        )
        sheets, plan = [], []
        for p, rnd in zip(pledges, rounds, strict=True):
            for unit_id, role, name in members[p.bloc_id]:
                sent = role == "leader" or rng.random() > NOT_SENT_SHARE
                sheets.append(ScoreSheet(round=rnd, unit_id=unit_id, submitted_at=_at(
                    dt.date(year, 12, rng.randint(1, 5)), rng.randint(8, 16), rng.randrange(60)) if sent else None))
                plan.append((p, name, sent))
        sheets = ScoreSheet.objects.bulk_create(sheets, batch_size=1000)
        scores = []
        points_of: dict[int, dict[int, Decimal]] = {}
        reviewed_at = _at(dt.date(year, 12, 12), 10)
        for sheet, (p, _name, sent) in zip(sheets, plan, strict=True):
            strength = rng.uniform(0.80, 0.97)
            accepted_points = points_of.setdefault(sheet.pk, {})
            for c in by_pledge[p.pk]:
                if c.kind == "standard":
                    own = min(c.max_points, max(Decimal(0), _half(float(c.max_points) * (strength +
                                                                                         rng.gauss(0, 0.04)))))
                    cut = _half(rng.uniform(0.5, 2)) if rng.random() < 0.2 else Decimal(0)
                elif c.kind == "bonus":
                    own = _half(rng.uniform(0.5, float(c.max_points))) if rng.random() < 0.2 else Decimal(0)
                    cut = own if own and rng.random() < 0.3 else Decimal(0)
                else:
                    own = _half(rng.uniform(0.5, float(c.max_points) / 2)) if rng.random() < 0.12 else Decimal(0)
                    cut = Decimal(0)
                accepted = max(Decimal(0), own - cut) if sent else None
                if sent and c.kind == "deduction" and rng.random() < 0.05:
                    accepted = min(c.max_points, own + 1)  # a late report the unit did not declare
                comment = rng.choice(CUTS) if sent and accepted != own else ""
                scores.append(Score(
                    sheet=sheet, criterion=c, self_points=own, accepted_points=accepted, review_comment=comment,
                    self_note="Theo báo cáo tổng kết năm của đơn vị." if c.evidence_required and own else "",
                    reviewed_at=reviewed_at if sent else None, version=2 if sent else 1,
                    updated_at=reviewed_at if sent else sheet.submitted_at,
                ))
                if sent:
                    accepted_points[c.pk] = accepted
        scores = Score.objects.bulk_create(scores, batch_size=2000)
        if not default_storage.exists(SAMPLE_PATH):
            default_storage.save(SAMPLE_PATH, ContentFile(_sample_pdf()))
        size = default_storage.size(SAMPLE_PATH)
        Evidence.objects.bulk_create(
            (Evidence(score=sc, file=SAMPLE_PATH, name=SAMPLE_NAME, size=size) for sc in scores
             if sc.criterion.evidence_required and sc.self_points), batch_size=2000)
        proposals = []
        for p, rnd in zip(pledges, rounds, strict=True):
            position = {g.pk: i for i, g in enumerate(g for g in groups if g.pledge_id == p.pk and g.code in
                                                      STANDARD_GROUPS)}
            infos = [ranking.CriterionInfo(c.pk, c.kind, position.get(c.group_id) if c.kind == "standard" else None)
                     for c in by_pledge[p.pk]]
            units = [ranking.UnitPoints(s.unit_id, name, sent, points_of.get(s.pk, {}))
                     for s, (pp, name, sent) in zip(sheets, plan, strict=True) if pp.pk == p.pk]
            rows = ranking.rank(infos, units)
            for row in ranking.propose(rows, flags=flags, bk=rnd.bk_proposals):
                proposals.append(Proposal(round=rnd, unit_id=row.unit_id, code=row.proposal, rank=row.rank,
                                          total=row.total, note=row.proposal_note))
        Proposal.objects.bulk_create(proposals)
    counts.update(pledges=len(pledges), criteria=len(criteria), signatures=sum(len(members[b.pk]) for b in blocs),
                  sheets=len(sheets), scores=len(scores), proposals=len(proposals))
    return counts
