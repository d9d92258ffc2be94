"""`make bench` addition: a 500-item proposal dossier with its live checks.

`bench_dossier()` runs inside an already set up Django whose database holds the seeded demo
province. In one transaction rolled back at the end, it builds a dossier of the largest
department proposing 500 of its people for Lao động tiên tiến in the last rated year
(`services.dossier_add_items`: validation, verdicts, duplicate flags, audit), then times,
as medians over REPEAT runs,
- the lower bound: loading the same 500 people's facts (`eligibility.facts.person_cases`),
  which every verdict needs and nothing can skip;
- the verdicts of the 500 items (`checks.judge`: facts + engine, reasons kept);
- the duplicate check against the ledger and every live dossier (`checks.duplicates`);
- the quota check of the list (`checks.quotas`);
- the live checks of the detail page together (`selectors.dossier_checks`);
- the detail page itself (100 rows shown), through Django's test client;
- re-adding the 500 items (deleting them, then the service; rolled back after each run);
and prints each in ms and as a ratio to the lower bound.

Standalone, against a seeded database:
    THIDUA_VAR=/tmp/ds DATABASE_URL=sqlite:////tmp/ds/db.sqlite3 python -m tests.perf.bench_dossiers
"""

import contextlib
import os
import sys
import time

from tests.perf.timing import Rollback, median_ms

SIZE = 500


def bench_dossier(repeat: int = 7) -> dict[str, float]:
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import setup_test_environment

    from thidua.catalog.selectors import current_kinds
    from thidua.core.collector import no_gc
    from thidua.core.roles import Role
    from thidua.dossiers import checks, selectors, services
    from thidua.dossiers.services import ItemInput
    from thidua.eligibility.facts import person_cases
    from thidua.org.models import Unit
    from thidua.people.models import Evaluation, Person

    actor = (get_user_model().objects.filter(is_superuser=True).first()
             or get_user_model().objects.filter(role_grants__role=Role.ADMIN).first())
    if actor is None or not current_kinds():
        print("no administrator or no catalog in the database: seed the demo province first", file=sys.stderr)
        return {}
    year = Evaluation.objects.order_by("-year").values_list("year", flat=True).first()
    counts = dict(Person.objects.values_list("current_unit__path").annotate(n=Count("pk")).order_by())
    departments = list(Unit.objects.filter(depth=2, active_until__isnull=True))
    unit = max(departments, key=lambda u: sum(n for path, n in counts.items() if path.startswith(u.path)))
    people = list(Person.objects.filter(current_unit__path__startswith=unit.path, evaluations__year=year)
                  .select_related("current_unit").order_by("pk")[:SIZE])
    if len(people) < SIZE:
        print(f"{unit.name} has only {len(people)} people rated in {year}", file=sys.stderr)
    entries = [ItemInput(subject=p, kind="LDTT") for p in people]
    ids = [p.pk for p in people]
    results: dict[str, float] = {}
    try:
        with transaction.atomic():
            dossier = services.dossier_create(actor=actor, unit=unit, authority_level="co_quan", year=year,
                                              title=f"Bench: {SIZE} trường hợp Lao động tiên tiến")
            t0 = time.perf_counter()
            services.dossier_add_items(actor=actor, dossier=dossier, entries=entries)
            first_add = (time.perf_counter() - t0) * 1000
            items = list(dossier.items.all())
            eligible = sum(1 for i in items if i.verdict_eligible)

            def load_facts():
                with no_gc():
                    person_cases(Person.objects.filter(pk__in=ids), year)

            def add_again():
                try:
                    with transaction.atomic():
                        dossier.items.all().delete()
                        services.dossier_add_items(actor=actor, dossier=dossier, entries=entries)
                        raise Rollback
                except Rollback:
                    pass

            # The test client's host and template hooks; the caller (tests/perf/bench.py) may
            # have set them up already.
            with contextlib.suppress(RuntimeError):
                setup_test_environment()
            client = Client()
            client.force_login(actor)
            url = f"/ho-so/{dossier.pk}/"
            assert client.get(url).status_code == 200
            bound = median_ms(load_facts, repeat)
            results = {
                "bound_ms": bound,
                "verdicts_ms": median_ms(lambda: checks.judge(items), repeat),
                "duplicates_ms": median_ms(lambda: checks.duplicates(items, dossier.commendation_type), repeat),
                "quotas_ms": median_ms(lambda: checks.quotas(year, items), repeat),
                "page_checks_ms": median_ms(lambda: selectors.dossier_checks(dossier), repeat),
                "page_ms": median_ms(lambda: client.get(url), repeat),
                "add_ms": median_ms(add_again, max(1, repeat // 2)),
            }
            raise Rollback
    except Rollback:
        pass
    live = results["verdicts_ms"] + results["duplicates_ms"] + results["quotas_ms"]
    print(f"\n== dossiers: a {len(items)}-item dossier of {unit.name}, LĐTT {year} ==")
    print(f"{eligible} of {len(items)} judged eligible · first add {first_add:.0f} ms")
    print(f"lower bound (loading the same {len(ids)} people's facts): {bound:.1f} ms")
    print(f"{'live checks':55} {'median ms':>10} {'× bound':>8}")
    for label, key in (("verdicts (facts + engine, reasons kept)", "verdicts_ms"),
                       ("duplicates (ledger + every live dossier)", "duplicates_ms"),
                       ("quotas of the list", "quotas_ms")):
        print(f"{label:55} {results[key]:10.1f} {results[key] / bound:8.1f}")
    print(f"{'verdicts + duplicates + quotas':55} {live:10.1f} {live / bound:8.1f}")
    print(f"{'detail page checks (stored verdicts, live flags)':55} {results['page_checks_ms']:10.1f} "
          f"{results['page_checks_ms'] / bound:8.1f}")
    print(f"{'detail page (100 rows shown)':55} {results['page_ms']:10.1f} {results['page_ms'] / bound:8.1f}")
    print(f"{'re-adding the 500 items (delete + service; rolled back)':55} {results['add_ms']:10.1f} "
          f"{results['add_ms'] / bound:8.1f}")
    return {**results, "live_ms": live}


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings")
    import django

    django.setup()
    bench_dossier()
