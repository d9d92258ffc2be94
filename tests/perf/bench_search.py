"""`make bench` addition: the global search and the award ledger at province size, for
the provincial secretariat (the demo's `thuky`, who sees the whole province).

`bench_search()` runs inside an already set up Django whose database holds the seeded demo
province and prints, for each page, the median over REPEAT requests through Django's test
client and its ratio to the lower bound measured alike: the empty search page, as
`tests.perf.bench` does for the other pages.

Standalone, against a seeded database:
    THIDUA_VAR=/tmp/s DATABASE_URL=sqlite:////tmp/s/db.sqlite3 python -m tests.perf.bench_search
"""

import os
import sys

from tests.perf.bench import _median_ms


def bench_search(repeat: int = 15) -> dict[str, float]:
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse

    from thidua.awards.models import Award
    from thidua.people.models import Person

    client = Client()
    client.force_login(get_user_model().objects.get(username="thuky"))
    search, ledger = reverse("home:search"), reverse("awards:ledger")
    award = Award.objects.filter(person__isnull=False).select_related("held_unit").order_by("-year", "pk").first()
    person = Person.objects.order_by("pk").first()
    cases = [
        ("search 'nguyen van' (every section)", f"{search}?q=nguyen+van"),
        ("search 'nguyen van', people, page 3", f"{search}?q=nguyen+van&loai=ca-nhan&trang=3"),
        ("search 'phong' (every section)", f"{search}?q=phong"),
        ("search a person code", f"{search}?q={person.pk}"),
        ("search a decision number '01/QĐ-UBND'", f"{search}?q=01%2FQ%C4%90-UBND"),
        ("ledger, whole province", ledger),
        ("ledger, whole province, page 20", f"{ledger}?trang=20"),
    ]
    if award is not None:
        cases += [
            (f"ledger, year {award.year}, {award.kind}", f"{ledger}?nam={award.year}&danh-hieu={award.kind}"),
            ("ledger, one unit's subtree", f"{ledger}?don-vi={award.held_unit_id}"),
            ("ledger, by person name", f"{ledger}?ca-nhan=nguyen+van"),
        ]
    bound = _median_ms(client, search, repeat)
    print(f"\n== global search and award ledger, secretariat: people {Person.objects.count():,} · "
          f"awards {Award.objects.count():,} ==")
    print(f"lower bound (empty search page): {bound:.1f} ms")
    print(f"{'page':55} {'median ms':>10} {'× bound':>8}")
    found = {}
    for label, url in cases:
        ms = _median_ms(client, url, repeat)
        found[label] = ms / bound
        print(f"{label[:55]:55} {ms:10.1f} {ms / bound:8.1f}")
    return found


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings")
    import django

    django.setup()
    from django.test.utils import setup_test_environment

    setup_test_environment()
    sys.exit(0 if bench_search() else 1)
