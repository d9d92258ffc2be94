"""Who a decision's issue tells (`notices.handoffs`, docs/notices.md): the officers of each
unit whose dossier proposed one of its lines, linked to that dossier (a page they may open);
for a dossier the province relayed upward, also the units whose dossiers it relayed (they
proposed the lines; the relaying dossier is the province's own)."""

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from thidua.core.roles import Role
from thidua.decisions.machines import DECISIONS, RECORD, SIGN
from thidua.dossiers.models import Dossier
from thidua.notices.handoffs import Handoff, Notice, nearest


def _issued(decision, reason: str):
    proposed = Dossier.objects.filter(items__decision_lines__decision=decision)
    dossiers = (Dossier.objects.filter(Q(pk__in=proposed.values("pk")) | Q(forwarded_to__in=proposed.values("pk")))
                .select_related("unit").order_by("pk"))
    summary = decision.summary
    if summary.startswith("Về "):  # "… ngày 02/07/2026 về việc tặng …", as a decision is cited
        summary = "v" + summary[1:]
    words = {"number": decision.number_text, "summary": summary,
             "day": f"{decision.issued_on:%d/%m/%Y}" if decision.issued_on else ""}
    text = _("Đã ban hành Quyết định số %(number)s ngày %(day)s %(summary)s, có khen thưởng theo hồ sơ «%(title)s»")
    return [Notice(nearest([Role.UNIT_OFFICER], d.unit.path), text % {**words, "title": d.title},
                   reverse("dossiers:detail", args=[d.pk])) for d in dossiers]


HANDOFFS = [Handoff(f"{DECISIONS.name}.{action}", _issued, task=False) for action in (SIGN, RECORD)]
