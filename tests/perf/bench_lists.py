"""`make bench` addition: the qualified list (ADR 0016) at province size, for the
provincial secretariat (`thuky`, who sees the whole province).

For the province root and for Sở Y tế it prints the p90 of the first page over REPEAT
requests through Django's test client, the goal beside it (1 s and 300 ms, issue 14), and
its ratio to the bare fact load of that scope measured in the same run: the grouped
UNION of ratings, registrations and titles (`facts._person_year_rows`) for every person in
scope, fetched and dropped — the least a list that judged its scope live would pay. Then
the growth of the serving process's resident memory over the province-wide requests, and
the province-wide list of a collective title (Tập thể lao động xuất sắc), judged live.

Standalone, seeding its own database (`tests.perf.bench.prepare`):
    .venv/bin/python -m tests.perf.bench_lists --db sqlite --preset small
"""

import statistics
import sys
import time

from tests.perf.bench import standalone

GOALS_MS = {"province": 1000.0, "department": 300.0}


def _rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def _p90_ms(client, url: str, params: dict, repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        response = client.get(url, params)
        samples.append((time.perf_counter() - t0) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.quantiles(samples, n=10)[-1] if len(samples) > 1 else samples[0]


def _fact_load_ms(unit, year: int, repeat: int = 3) -> float:
    """The median time of the scope's fact query, every row fetched."""
    from thidua.eligibility.facts import HISTORY_YEARS, _person_year_rows
    from thidua.people.models import Person

    ids = Person.objects.filter(current_unit__path__startswith=unit.path).values("pk")
    samples = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        _person_year_rows(ids, year - HISTORY_YEARS + 1, year)
        samples.append((time.perf_counter() - t0) * 1000)
    return statistics.median(samples)


def bench_lists(repeat: int = 20) -> dict[str, float]:
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse

    from thidua.eligibility.models import StoredVerdict
    from thidua.org.models import Unit
    from thidua.people.models import Evaluation, Person

    client = Client()
    client.force_login(get_user_model().objects.get(username="thuky"))
    year = max(Evaluation.objects.values_list("year", flat=True))
    root = Unit.objects.get(depth=1)
    health = Unit.objects.filter(code__endswith=".SYT").first() or Unit.objects.filter(depth=2).first()
    params = {"nam": year, "ma": "LDTT"}
    print(f"\n== qualified list (LĐTT {year}), secretariat: people {Person.objects.count():,} · "
          f"stored verdicts {StoredVerdict.objects.filter(year=year).count():,} ==")
    print(f"{'first page':40} {'p90 ms':>9} {'goal':>7} {'facts ms':>9} {'× facts':>8}")
    found = {}
    before = _rss_mb()
    for label, unit in (("province", root), ("department", health)):
        url = reverse("eligibility:qualified", args=[unit.pk])
        client.get(url, params)  # warm: the scope's stored verdicts are filled if any is missing
        ms = _p90_ms(client, url, params, repeat)
        load = _fact_load_ms(unit, year)
        found[label] = ms
        name = f"{label}: {unit.name}"
        print(f"{name[:40]:40} {ms:9.1f} {GOALS_MS[label]:7.0f} {load:9.1f} {ms / load:8.2f}", flush=True)
        if label == "province":
            grown = _rss_mb() - before
            found["rss_growth_mb"] = grown
            print(f"serving process memory after the province-wide list: +{grown:.0f} MB (goal ≤ 100 MB)")
    # Collectives are judged live (ADR 0016): the province's units with their members' facts.
    url = reverse("eligibility:qualified", args=[root.pk])
    units = {"nam": year, "ma": "TTLDXS"}
    client.get(url, units)
    ms = _p90_ms(client, url, units, repeat)
    found["collective"] = ms
    print(f"{'collectives (TTLĐXS): ' + root.name:40.40} {ms:9.1f} {GOALS_MS['province']:7.0f}", flush=True)
    return found


def main(argv: list[str] | None = None) -> int:
    return standalone(__doc__, bench_lists, argv, repeat=20)


if __name__ == "__main__":
    sys.exit(main())
