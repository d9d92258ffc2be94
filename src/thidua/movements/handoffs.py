"""Who a movement's launch tells (`notices.handoffs`, docs/notices.md): the officers of
every unit taking part (`selectors.participant_units`), with its registration deadline."""

from django.urls import reverse
from django.utils.translation import gettext as _

from thidua.core.roles import Role
from thidua.movements.selectors import participant_units
from thidua.notices.handoffs import Handoff, Notice, granted_at

NAME = "movement"
LAUNCHED = f"{NAME}.launch"


def _launched(movement, reason: str):
    words = {"name": movement.name, "organiser": movement.organiser.name}
    if movement.registration_deadline:
        words["deadline"] = f"{movement.registration_deadline:%d/%m/%Y}"
        text = _("%(organiser)s phát động «%(name)s»; đơn vị anh/chị tham gia, hạn đăng ký thi đua %(deadline)s")
    else:
        text = _("%(organiser)s phát động «%(name)s»; đơn vị anh/chị tham gia")
    paths = list(participant_units(movement).values_list("path", flat=True))
    return [Notice(granted_at([Role.UNIT_OFFICER], paths), text % words, reverse("movements:detail",
                                                                                 args=[movement.pk]))]


HANDOFFS = [Handoff(LAUNCHED, _launched, task=False)]
