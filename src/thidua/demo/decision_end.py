"""The last legal steps in the demo as offices take them (issue 12): a decision issued with
a line typed straight in, justified in writing by the Chairman, and a dossier the council
rejected outright, closed with its reason and no decision to draft."""


from django.utils import timezone

from thidua.decisions import services as decisions
from thidua.decisions.models import Recipient
from thidua.demo.signatories import issue_signed
from thidua.dossiers import services as dossiers
from thidua.org.models import Unit
from thidua.people.models import Person

# The văn thư's number for the supplementary decision: later in the register than the
# decision of the year's round (`signatories.ISSUED_NUMBER`).
SUPPLEMENT_NUMBER = 203
JUSTIFICATION = ("Đồng chí trực tiếp chỉ huy lực lượng ứng cứu sự cố mất điện diện rộng tháng 11, bảo đảm an toàn "
                 "cho hai bệnh viện; Chủ tịch quyết định khen thưởng dù chưa đủ chuỗi danh hiệu theo tiêu chuẩn.")


def _people(root: Unit, taken: set[int], count: int) -> list[Person]:
    """COUNT people of the departments nobody else in the demo proposed, newest first."""
    return list(Person.objects.filter(current_unit__depth=root.depth + 1).exclude(pk__in=taken)
                .order_by("-pk")[:count])


def seed_issued_direct_entry(actor, root: Unit, year: int, taken: set[int]) -> int:
    """A supplementary decision of ROOT with one line typed in for someone the engine does
    not find eligible, justified by who holds the decision right, then issued."""
    people = _people(root, taken, 1)
    if not people:
        return 0
    decision = decisions.decision_draft(
        actor=actor, authority=root, summary=f"Về việc tặng Bằng khen của Chủ tịch UBND tỉnh năm {year} (bổ sung)",
        recipients=[decisions.RecipientSpec(kind="BK_TINH", year=year, person=people[0],
                                            achievement="Có thành tích xuất sắc trong ứng cứu sự cố điện")])
    for line in Recipient.objects.filter(decision=decision):
        if line.awaits_justification:
            decisions.decision_justify_line(actor=actor, recipient=line, justification=JUSTIFICATION)
    # Issued today: after the tờ trình and the meeting it follows, as the register runs.
    issue_signed(actor, decision, timezone.localdate(), registered=SUPPLEMENT_NUMBER)
    taken.add(people[0].pk)
    return 1


def seed_refused(actor, root: Unit, year: int, taken: set[int], make_dossier, to_council) -> int:
    """A dossier of one department that the council rejected on every case: it closes as
    refused with the council's reason, and no decision is drafted from it."""
    people = _people(root, taken, 1)
    if not people:
        return 0
    unit = people[0].current_unit
    dossier = make_dossier(actor, unit, year, people, "BK_TINH",
                           f"Đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh cho {unit.name} năm {year} (bổ sung)")
    for item in dossier.items.all():
        item = dossiers.dossier_item_update(actor=actor, item=item, achievement=(
            f"Tham gia tích cực phong trào thi đua của đơn vị năm {year}."))
        if item.flags:
            dossiers.dossier_item_justify(actor=actor, item=item, text=(
                "Đơn vị đề nghị theo kết quả bình xét của Hội đồng thi đua đơn vị."))
    to_council(actor, dossier)
    dossiers.dossier_record_votes(
        actor=actor, dossier=dossier, reference=f"Phiếu biểu quyết của Hội đồng ngày {timezone.localdate():%d/%m/%Y}",
        results={i.pk: dossiers.VoteResult("disagree", tally={"agree": 2, "disagree": 5}) for i in dossier.items.all()})
    taken.add(people[0].pk)
    return 1
