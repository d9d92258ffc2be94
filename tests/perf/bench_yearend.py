"""The year-end report (bao-cao/tong-ket/) for the provincial secretariat (`thuky`), for
the province root and for Sở Y tế: the figures (`reports.yearend.report`), the page and
the Word draft, each against the bare count of the awards the report reads.

Standalone, seeding its own database (`tests.perf.bench.prepare`):
    .venv/bin/python -m tests.perf.bench_yearend --db sqlite --preset small
"""

import sys

from tests.perf.bench import standalone
from tests.perf.bench_reports import report_scopes
from tests.perf.timing import median_ms


def bench_yearend(repeat: int = 15) -> dict[str, float]:
    from django.urls import reverse

    from thidua.awards.models import Award
    from thidua.reports import yearend

    user, client, year, scopes = report_scopes()
    print(f"\n== year-end report {year}, secretariat: awards {Award.objects.count():,} ==")
    print(f"{'':44} {'median ms':>10} {'× count':>8}")
    found: dict[str, float] = {}
    for label, unit, bare in scopes:
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
