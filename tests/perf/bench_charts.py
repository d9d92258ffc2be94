"""Bench of the charts (bao-cao/bieu-do/) at province size: the dashboard's panel and the
page, for the provincial secretariat (the demo's `thuky`, the whole province) and a
department's officer (`canbo_snv`), with each chart's own read timed alone.

Each page is the median over REPEAT requests through Django's test client, with its ratio
to a bare count of the same scope measured alike: the awards the secretariat sees
(`access.scope`, then `count()`), the cheapest read of the panel's biggest table.

Standalone, seeding its own database (`tests.perf.bench.prepare`):
    .venv/bin/python -m tests.perf.bench_charts --db sqlite --preset province
"""

import sys

from tests.perf.bench import _median_ms, standalone
from tests.perf.timing import median_ms


def bench_charts(repeat: int = 15) -> None:
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from thidua.awards.models import Award
    from thidua.core import access
    from thidua.core.roles import Perm
    from thidua.reports import charts

    year = timezone.localdate().year
    print(f"\n== charts (bao-cao/bieu-do/), year {year} ==")
    print(f"{'page or chart':55} {'median ms':>10} {'× count':>8} {'queries':>8}")
    for username in ("thuky", "canbo_snv"):
        user = get_user_model().objects.get(username=username)
        client = Client()
        client.force_login(user)
        unit = charts.unit_for(user, None)
        bound = median_ms(lambda u=user: access.scope(u, Perm.AWARD_VIEW, Award.objects.all()).count(), repeat)
        print(f"-- {username}, {unit.name}: bare count of the awards in scope {bound:.1f} ms")
        for label, url in (("panel", "/bao-cao/bieu-do/bang/"), ("page", "/bao-cao/bieu-do/")):
            ms = _median_ms(client, url, repeat)
            with CaptureQueriesContext(connection) as queries:
                client.get(url)
            print(f"{label:55} {ms:10.1f} {ms / bound:8.1f} {len(queries):8}")
        for key, build in charts.BUILDERS.items():
            ms = median_ms(lambda b=build, u=user, n=unit: b(u, n, year), repeat)
            print(f"  {key:53} {ms:10.1f} {ms / bound:8.1f}")


if __name__ == "__main__":
    sys.exit(standalone(__doc__, bench_charts, sys.argv[1:]))
