"""Reminders the movements owe (registered with `thidua.notices.due`): sơ kết / tổng kết
milestones to whoever runs the movement. Their registration deadlines are the
registrations' to remind (`registrations.due`)."""

import datetime as dt

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext as _

from thidua.core.roles import Perm
from thidua.movements.models import Milestone, Review
from thidua.notices.due import AFTER, AHEAD, Due, responsible_users


def milestone_reminders(today: dt.date) -> list[Due]:
    items = []
    # A milestone whose review has been held owes no reminder.
    held = Review.objects.filter(movement=OuterRef("movement"), kind=OuterRef("kind"))
    milestones = (Milestone.objects.filter(due_on__range=(today - AFTER, today + AHEAD))
                  .exclude(Exists(held)).select_related("movement__organiser"))
    managers = responsible_users(Perm.MOVEMENT_CHANGE)
    for milestone in milestones:
        movement = milestone.movement
        for user_id, prefix in managers:
            if movement.organiser.path.startswith(prefix):
                items.append(Due(user_id, f"milestone:{milestone.pk}:{milestone.due_on}",
                                 _("%(what)s phong trào «%(name)s»") % {"what": milestone, "name": movement.name},
                                 reverse("movements:detail", args=[movement.pk]), milestone.due_on))
    return items
