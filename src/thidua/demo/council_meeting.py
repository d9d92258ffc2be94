"""A council meeting held as councils hold them, in the demo province: the council's
regulation recorded, a dossier voted at a closed meeting where the one member with an
account voted online, the others present on paper (entered as totals by the secretariat),
an absent member's written opinion counted, and a vote-counting committee of two.
"""

import datetime as dt

from django.utils import timezone

from thidua.councils import counting
from thidua.councils import services as councils
from thidua.councils.models import AgendaItem, MemberRole, TellerRole
from thidua.dossiers import services as dossiers
from thidua.org.models import Unit
from thidua.people.models import Person

REGULATION = "15/QĐ-HĐTĐKT"
# People of each department the other demo dossiers already took (nominations.py): the
# decided one (3), the one at the planned meeting (4), the returned one (3).
TAKEN = (3, 4, 3)


def _nominees(root: Unit, departments: list[tuple[Unit, list[Person]]]
              ) -> tuple[Unit, list[Person], bool] | None:
    """Two people the engine finds eligible and no other demo dossier proposes; when the
    other demo dossiers took them all (a small province), two people of a department,
    proposed by hand. The flag says which."""
    for i, (unit, people) in enumerate(departments):
        rest = people[TAKEN[i]:] if i < len(TAKEN) else people
        if unit.code.endswith(".SNV"):
            continue  # the demo officer's own draft takes these
        if rest:
            return unit, rest[:2], False
    taken = {p.pk for _unit, people in departments for p in people}
    unit = Unit.objects.filter(depth=root.depth + 1).exclude(code__endswith=".SNV").order_by("path").first()
    people = list(Person.objects.filter(current_unit=unit).exclude(pk__in=taken).order_by("pk")[:2]) if unit else []
    return (unit, people, True) if people else None


def seed_council_meeting(actor, council, year: int, departments, make_dossier, to_council) -> int:
    """The closed meeting; MAKE_DOSSIER and TO_COUNCIL are the demo's own steps
    (`nominations._dossier`, `_to_council`). Returns the number of dossiers it made."""
    councils.council_regulation_set(actor=actor, council=council, regulation_number=REGULATION,
                                    regulation_date=dt.date(year, 3, 1), count_written=True)
    found = _nominees(council.authority_unit, departments)
    if found is None:
        return 0
    unit, people, by_hand = found
    dossier = make_dossier(actor, unit, year, people, "BK_TINH",
                           f"Đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh cho {unit.name} năm {year} (đợt 2)")
    if by_hand:  # proposed by hand: the unit says why, as the submission asks
        for item in dossier.items.all():
            item = dossiers.dossier_item_update(actor=actor, item=item, achievement=(
                f"Có thành tích xuất sắc trong chuyển đổi số của đơn vị năm {year}."))
            dossiers.dossier_item_justify(actor=actor, item=item, text=(
                "Đơn vị đề nghị theo thành tích xuất sắc trong chuyển đổi số năm "
                f"{year}, được Hội đồng thi đua của đơn vị thống nhất."))
    to_council(actor, dossier)
    # The sitting held this morning, after the dossier's tờ trình (submitted at seeding).
    now = timezone.localtime() - dt.timedelta(hours=2)
    starts = now.replace(minute=now.minute - now.minute % 15, second=0, microsecond=0)
    meeting = councils.meeting_create(actor=actor, council=council, starts_at=starts,
                                      title=f"Phiên họp xét khen thưởng tổng kết năm {year} (đợt 2)",
                                      place="Phòng họp tầng 3, UBND tỉnh", items=list(dossier.items.all()))
    members = list(council.members.filter(active=True).order_by("role", "full_name"))
    # Absent with a written opinion: a member for the whole province, who votes on every case.
    absent = next(m for m in members if m.user_id is None and m.role == MemberRole.MEMBER
                  and m.home_unit_id == council.authority_unit_id)
    # The counting committee: the council's secretary heads it, with one more member.
    tellers = sorted((m for m in members if m.user_id is None and m != absent
                      and m.role in (MemberRole.SECRETARY, MemberRole.MEMBER)),
                     key=lambda m: m.role != MemberRole.SECRETARY)[:2]
    councils.attendance_set(actor=actor, meeting=meeting, present={m.pk for m in members if m != absent},
                            opinions={absent.pk: "Đồng ý với đề nghị khen thưởng của Sở."},
                            tellers={tellers[0].pk: TellerRole.HEAD, tellers[1].pk: TellerRole.MEMBER})
    councils.meeting_open(actor=actor, meeting=meeting)
    entries = list(AgendaItem.objects.filter(meeting=meeting).order_by("order"))
    voter = next((m for m in members if m.user_id is not None), None)
    if voter is not None:
        recused = set(meeting.agenda.filter(recusals__member=voter).values_list("pk", flat=True))
        councils.ballot_cast(actor=voter.user, meeting=meeting,
                             choices={e.pk: "agree" for e in entries if e.pk not in recused})
    seats = counting.seats(meeting)
    counts = {}
    for entry in entries:
        room = seats[entry.pk].room()
        counts[entry.pk] = {"paper_agree": max(room - 1, 0), "paper_disagree": min(room, 1),
                            "written_agree": seats[entry.pk].written}
    councils.paper_count_set(actor=actor, meeting=meeting, counts=counts)
    councils.meeting_close(actor=actor, meeting=meeting,
                           conclusion="Hội đồng thống nhất đề nghị Chủ tịch UBND tỉnh tặng Bằng khen.")
    return 1
