"""`make bench` addition: the global search and the award ledger at province size, for
the provincial secretariat (the demo's `thuky`, who sees the whole province).

`bench_search()` runs inside an already set up Django whose database holds the seeded demo
province and prints, for each page, the median over REPEAT requests through Django's test
client and its ratio to the lower bound measured alike in the same run: the empty search
page, as `tests.perf.bench` does for the other pages. The searches are the ones officers
type (a name without accents, a CCCD number, the person code shown beside a name, a
decision's number and symbol); the ledger is read whole, filtered and exported to Excel.

Standalone, seeding its own database (`tests.perf.bench.prepare`):
    .venv/bin/python -m tests.perf.bench_search --db sqlite --preset province
"""

import sys
from urllib.parse import urlencode

from tests.perf.bench import _median_ms, standalone

# An export writes every row of the ledger: fewer samples keep the run short.
EXPORT_REPEAT = 3


def _cases(search: str, ledger: str, export: str) -> list[tuple[str, str, bool]]:
    """(label, URL, is an export) of each page measured."""
    from thidua.awards.models import Award
    from thidua.decisions.models import Decision
    from thidua.people.models import Person

    cases = [
        ("search 'nguyen van' (every section)", f"{search}?q=nguyen+van", False),
        ("search 'nguyen van', people, page 3", f"{search}?q=nguyen+van&loai=ca-nhan&trang=3", False),
        ("search 'phong' (every section)", f"{search}?q=phong", False),
    ]
    holder = Person.objects.filter(cccd__isnull=False).order_by("pk").first()
    if holder is not None:
        cases.append(("search a CCCD number", f"{search}?q={holder.cccd}", False))
    person = Person.objects.order_by("-pk").first()
    cases.append(("search a person code", f"{search}?q={person.pk}", False))
    cases.append(("search '01/QĐ-UBND'", f"{search}?q=01%2FQ%C4%90-UBND", False))
    decision = Decision.objects.filter(number__isnull=False).order_by("-year", "-number").first()
    if decision is not None:
        cited = decision.number_text
        cases.append((f"search a decision '{cited}'", f"{search}?{urlencode({'q': cited})}", False))
    cases += [
        ("ledger, whole province, first page", ledger, False),
        ("ledger, whole province, page 20", f"{ledger}?trang=20", False),
    ]
    award = Award.objects.filter(person__isnull=False).select_related("held_unit").order_by("-year", "pk").first()
    if award is not None:
        year_kind = f"nam={award.year}&danh-hieu={award.kind}"
        cases += [
            (f"ledger, year {award.year}, {award.kind}", f"{ledger}?{year_kind}", False),
            ("ledger, one unit's subtree", f"{ledger}?don-vi={award.held_unit_id}", False),
            ("ledger, by person name 'nguyen van'", f"{ledger}?ca-nhan=nguyen+van", False),
            (f"ledger export, year {award.year}, {award.kind}", f"{export}?{year_kind}", True),
        ]
    # Not the whole province's export: its 390,000 lines take openpyxl about a minute a time.
    return cases


def bench_search(repeat: int = 15) -> dict[str, float]:
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse

    from thidua.awards.models import Award
    from thidua.people.models import Person

    client = Client()
    client.force_login(get_user_model().objects.get(username="thuky"))
    search = reverse("home:search")
    cases = _cases(search, reverse("awards:ledger"), reverse("awards:ledger_export"))
    bound = _median_ms(client, search, repeat)
    print(f"\n== global search and award ledger, secretariat: people {Person.objects.count():,} · "
          f"awards {Award.objects.count():,} ==")
    print(f"lower bound (empty search page): {bound:.1f} ms")
    print(f"{'page':55} {'median ms':>10} {'× bound':>8}")
    found = {}
    for label, url, export in cases:
        ms = _median_ms(client, url, min(repeat, EXPORT_REPEAT) if export else repeat)
        found[label] = ms / bound
        print(f"{label[:55]:55} {ms:10.1f} {ms / bound:8.1f}", flush=True)
    return found


def main(argv: list[str] | None = None) -> int:
    return standalone(__doc__, bench_search, argv, repeat=15)


if __name__ == "__main__":
    sys.exit(main())
