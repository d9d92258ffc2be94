"""`make bench` addition: ranking every bloc of a province (20 blocs in the preset).

`bench_ranking()` runs inside an already set up Django whose database holds the seeded demo
province: it seeds the blocs' pledges and year-end rounds (`thidua.demo.pledges`) if they
are not there, then times, as medians over REPEAT runs,
- the lower bound: fetching every accepted score row of the 20 rounds with one
  `values_list` query, building nothing;
- `selectors.rankings_for(rounds)`: all blocs ranked at once (a province summary);
- `selectors.round_ranking(rnd)` once per bloc: what the 20 ranking pages compute;
- the `round_rank` service for all blocs (ranking plus rewriting the proposals and the audit
  row, in a transaction rolled back after each run);
and prints each in ms and as a ratio to the lower bound.

Standalone, against a seeded database:
    THIDUA_VAR=/tmp/pl DATABASE_URL=sqlite:////tmp/pl/db.sqlite3 python -m tests.perf.bench_pledges
"""

import os
import sys
import time

from tests.perf.timing import Rollback, median_ms


def bench_ranking(repeat: int = 15) -> dict[str, float]:
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from thidua.core.roles import Role
    from thidua.demo.pledges import seed_pledges
    from thidua.org.models import BlocMembership
    from thidua.pledges import selectors, services
    from thidua.pledges.models import RoundKind, RoundStatus, Score, ScoreSheet, ScoringRound

    year = max(BlocMembership.objects.values_list("year", flat=True))
    t0 = time.perf_counter()
    counts = seed_pledges(year)
    seed_s = time.perf_counter() - t0
    rounds = list(ScoringRound.objects.filter(pledge__year=year, kind=RoundKind.YEAR_END)
                  .select_related("pledge__bloc__organiser").order_by("pk"))
    if not rounds:
        print("no bloc has members in the last year: nothing to rank", file=sys.stderr)
        return {}
    actor = (get_user_model().objects.filter(is_superuser=True).first()
             or get_user_model().objects.filter(role_grants__role=Role.ADMIN).first())
    n_sheets = ScoreSheet.objects.filter(round__in=rounds).count()
    n_scores = Score.objects.filter(sheet__round__in=rounds).count()

    def load_only():
        list(Score.objects.filter(sheet__round__in=rounds, sheet__submitted_at__isnull=False,
                                  accepted_points__isnull=False)
             .values_list("sheet_id", "sheet__unit_id", "criterion_id", "accepted_points"))

    def rank_all():
        selectors.rankings_for(rounds)

    def rank_each():
        for rnd in rounds:
            selectors.round_ranking(rnd)

    def rank_write():
        try:
            with transaction.atomic():
                ScoringRound.objects.filter(pk__in=[r.pk for r in rounds]).update(state=RoundStatus.OPEN)
                for rnd in rounds:
                    services.round_rank(actor=actor, round=rnd)
                raise Rollback
        except Rollback:
            pass

    bound = median_ms(load_only, repeat)
    batch = median_ms(rank_all, repeat)
    read = median_ms(rank_each, repeat)
    write = median_ms(rank_write, repeat) if actor is not None else float("nan")
    print(f"\n== pledges: ranking {len(rounds)} blocs, {year} ==")
    print(f"sheets {n_sheets:,} · scores {n_scores:,} · seeded now: {counts['pledges']} pledges in {seed_s:.2f} s")
    print(f"lower bound (all accepted score rows, one query): {bound:.1f} ms")
    print(f"{'ranking, all blocs':55} {'median ms':>10} {'× bound':>8}")
    print(f"{'rankings_for: all blocs at once (4 queries)':55} {batch:10.1f} {batch / bound:8.1f}")
    print(f"{'round_ranking per bloc (the 20 ranking pages)':55} {read:10.1f} {read / bound:8.1f}")
    print(f"{'round_rank service (+ proposals, audit; rolled back)':55} {write:10.1f} {write / bound:8.1f}")
    return {"bound_ms": bound, "batch_ms": batch, "per_bloc_ms": read, "service_ms": write}


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings")
    import django

    django.setup()
    bench_ranking()
