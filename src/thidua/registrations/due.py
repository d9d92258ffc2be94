"""Reminders the registrations owe (registered with `thidua.notices.due`): a movement's
registration deadline to the officers and heads of participant units that have not
finished."""

import datetime as dt
from collections import Counter

from django.urls import reverse
from django.utils.translation import gettext as _

from thidua.core.roles import Perm
from thidua.movements.models import Movement
from thidua.movements.selectors import participant_units
from thidua.notices.due import AFTER, AHEAD, Due, responsible_users
from thidua.org.paths import ancestor_paths
from thidua.registrations.models import SheetStatus
from thidua.registrations.progress import with_sheet_state


def _by_prefix(paths: list[str]) -> Counter:
    """How many of PATHS lie under each tree prefix ("" is the whole tree)."""
    counts: Counter = Counter()
    for path in paths:
        counts[""] += 1
        counts.update(ancestor_paths(path))
    return counts


def registration_reminders(today: dt.date) -> list[Due]:
    items = []
    movements = (Movement.objects.filter(registration_deadline__range=(today - AFTER, today + AHEAD))
                 .select_related("organiser"))
    officers = responsible_users(Perm.REGISTRATION_CHANGE)
    heads = responsible_users(Perm.REGISTRATION_APPROVE)
    for movement in movements:
        # The units the progress page lists, each in the state it shows there.
        units = list(with_sheet_state(movement, participant_units(movement)).values_list("path", "sheet_status"))
        unsent = _by_prefix([p for p, status in units if status not in (SheetStatus.SUBMITTED, SheetStatus.APPROVED)])
        waiting = _by_prefix([p for p, status in units if status == SheetStatus.SUBMITTED])
        url = reverse("registrations:movement_progress", args=[movement.pk])
        day = movement.registration_deadline
        for user_id, prefix in officers:
            if unsent[prefix]:
                items.append(Due(user_id, f"movement:{movement.pk}:registration:{day}",
                                 _("%(n)d đơn vị chưa gửi đăng ký thi đua «%(name)s»")
                                 % {"n": unsent[prefix], "name": movement.name}, f"{url}?trang-thai=chua-dang-ky",
                                 day))
        for user_id, prefix in heads:
            if waiting[prefix]:
                items.append(Due(user_id, f"movement:{movement.pk}:approval:{day}",
                                 _("%(n)d bản đăng ký thi đua «%(name)s» chờ thủ trưởng duyệt")
                                 % {"n": waiting[prefix], "name": movement.name}, f"{url}?trang-thai=cho-duyet", day))
    return items
