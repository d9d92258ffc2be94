"""Who a council meeting tells (`notices.handoffs`, docs/notices.md): its members with an
account when it is convened (when and where), the members present when the vote opens."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.councils.machines import MEETINGS, OPEN
from thidua.councils.models import Attendance
from thidua.notices.handoffs import Handoff, Notice

CONVENED = f"{MEETINGS.name}.convene"


def _convened(meeting, reason: str):
    users = meeting.council.members.filter(active=True, user__isnull=False, user__is_active=True) \
        .values_list("user_id", flat=True)
    when = timezone.localtime(meeting.starts_at)
    text = _("Triệu tập phiên họp «%(title)s» của %(council)s: %(time)s ngày %(day)s tại %(place)s") % {
        "title": meeting.title, "council": meeting.council.name, "time": f"{when:%H:%M}", "day": f"{when:%d/%m/%Y}",
        "place": meeting.place}
    return [Notice(list(users), text, reverse("councils:meeting", args=[meeting.pk]))]


def _opened(meeting, reason: str):
    users = Attendance.objects.filter(meeting=meeting, present=True, member__user__isnull=False,
                                      member__user__is_active=True).values_list("member__user_id", flat=True)
    text = _("Phiên họp «%(title)s» đã khai mạc: mời bỏ phiếu") % {"title": meeting.title}
    return [Notice(list(users), text, reverse("councils:ballot", args=[meeting.pk]))]


HANDOFFS = [Handoff(CONVENED, _convened), Handoff(f"{MEETINGS.name}.{OPEN}", _opened)]
