"""The year-end report (bao-cao/tong-ket/) for the provincial secretariat (`thuky`), for
the province root and for Sở Y tế: the figures (`reports.yearend.report`), the page and
the Word draft, each against the bare count of the awards the report reads.

Standalone, seeding its own database (`tests.perf.bench.prepare`):
    .venv/bin/python -m tests.perf.bench_yearend --db sqlite --preset small
"""

import sys

from tests.perf.bench import standalone
from tests.perf.timing import median_ms


def bench_yearend(repeat: int = 15) -> dict[str, float]:
    from django.contrib.auth import get_user_model
    from django.db.models import Count
    from django.db.models.functions import ExtractYear
    from django.test import Client
    from django.urls import reverse

    from thidua.awards.models import Award
    from thidua.org.models import Unit
    from thidua.reports import figures, yearend

    user = get_user_model().objects.get(username="thuky")
    client = Client()
    client.force_login(user)
    year = (Award.objects.filter(kind="BK_TINH").annotate(y=ExtractYear("decided_on")).values("y")
            .annotate(n=Count("pk")).order_by("-n")[0]["y"])
    root = Unit.objects.get(depth=1)
    health = Unit.objects.filter(code__endswith=".SYT", depth=2).first() or Unit.objects.filter(depth=2).first()
    first, last = figures.period(year)
    print(f"\n== year-end report {year}, secretariat: awards {Award.objects.count():,} ==")
    print(f"{'':44} {'median ms':>10} {'× count':>8}")
    found: dict[str, float] = {}
    for label, unit in (("province", root), ("department", health)):
        def bare(unit=unit):
            Award.objects.filter(revoked=False, decided_on__gte=first, decided_on__lte=last,
                                 held_unit__path__startswith=unit.path).count()

        def page(unit=unit):
            assert client.get(reverse("reports:yearend"), {"don-vi": unit.pk, "nam": year}).status_code == 200

        def draft(unit=unit):
            assert client.get(reverse("reports:yearend_docx", args=[unit.pk, year])).status_code == 200

        base = median_ms(bare, repeat)
        print(f"{label}: {unit.name}")
        print(f"  {'bare count of the scope':42} {base:10.2f} {1:8.2f}")
        for name, fn in (("figures", lambda unit=unit: yearend.report(user, unit, year)), ("page", page),
                         ("Word draft", draft)):
            ms = median_ms(fn, repeat)
            found[f"{label}: {name}"] = ratio = ms / base if base else float("inf")
            print(f"  {name:42} {ms:10.2f} {ratio:8.2f}", flush=True)
    return found


def main(argv: list[str] | None = None) -> int:
    return standalone(__doc__, bench_yearend, argv, repeat=15)


if __name__ == "__main__":
    sys.exit(main())
