"""`make bench` addition: the reminders store (`thidua.notices`) on a busy day.

`bench_reminders()` runs inside an already set up Django whose database holds the seeded demo
province. With the clock three days before the registration deadline of the latest movement
(28/03/2026 09:00 in the preset), in one transaction rolled back at the end, it turns the
province into a busy day (`_busy_day`, the same every run): an officer on every open unit down
to level 3 and a head on every department; that movement's registration sheets 30 % back to
draft, 10 % submitted, 10 % deleted (never made), the rest as seeded; every bloc scoring
round open with its deadlines in the coming week and a third of the score sheets unsent; 300
live dossiers at every step, due within the week or up to 20 days late. It is the "busy day"
first measured by hand for the reminders store, with the same random draws: 1,620 reminders.
Then it times, as medians over REPEAT runs,
- the lower bound: the providers alone (`notices.due.due_items(today)`), which any way of
  showing what is due has to run once something changed;
- `services.reminders_refresh()`, a full refresh for everyone: with the store current
  (providers, every open row read and compared, nothing to write), and filling an empty
  store (every row inserted; rolled back after each run) — the store's overhead is the
  ratio to the bound;
- the dashboard and /viec-can-lam/ through Django's test client, for the province
  secretariat (thuky) and a department's officer (canbo_snv): with their store current, and
  as the first view after a registration sheet of their branch was submitted
  (`sheet_submit` by the unit's officer, rolled back after each run); for the officer also
  after a sheet of another department, which must leave their store current; and, per
  reader, what a current page reads from the store (currency check + list);
and prints the refresh in ms and as a ratio to the lower bound, the pages in ms with their
query counts.

Standalone, against a seeded database:
    THIDUA_VAR=/tmp/rm DATABASE_URL=sqlite:////tmp/rm/db.sqlite3 python -m tests.perf.bench_reminders
"""

import contextlib
import datetime as dt
import os
import random
import statistics
import sys
import time
import zoneinfo

from tests.perf.timing import Rollback, median_ms

DOSSIERS = 300
SEED = 5  # the hand measurement's: its draws give the 1,620 reminders it reported
# The demo accounts whose pages are timed: the province secretariat and a department's officer.
SECRETARIAT, OFFICER = "thuky", "canbo_snv"
USER_PREFIX = "bench_rm_"


def _median_ms_rolled_back(prepare, fn, repeat: int) -> float:
    """The median of FN, each run after PREPARE (untimed) in a savepoint rolled back after it."""
    samples = []
    for i in range(repeat + 1):  # the first run warms caches
        try:
            with _savepoint():
                prepare()
                t0 = time.perf_counter()
                fn()
                if i:
                    samples.append((time.perf_counter() - t0) * 1000)
        except Rollback:
            pass
    return statistics.median(samples)


@contextlib.contextmanager
def _savepoint():
    from django.db import transaction

    with transaction.atomic():
        yield
        raise Rollback


@contextlib.contextmanager
def _counting(count: list[int]):
    """Count the database queries run inside the block into COUNT[0]."""
    from django.db import connection

    def counter(execute, sql, params, many, context):
        count[0] += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counter):
        yield


def _page(client, url: str, repeat: int, change=None) -> tuple[float, int]:
    """Median ms and queries of GET URL, each run after CHANGE (untimed), rolled back after it."""
    samples, queries = [], []
    for i in range(repeat + 1):  # the first run warms caches
        count = [0]
        try:
            with _savepoint():
                if change is not None:
                    change()
                with _counting(count):
                    t0 = time.perf_counter()
                    response = client.get(url)
                    ms = (time.perf_counter() - t0) * 1000
                assert response.status_code == 200, (url, response.status_code)
                if i:
                    samples.append(ms)
                    queries.append(count[0])
        except Rollback:
            pass
    return statistics.median(samples), statistics.median_low(queries)


def _busy_day(today: dt.date, movement) -> dict[str, int]:
    """Turn the seeded province into a busy TODAY, deterministically (bulk writes, no audit
    events: the first refresh after it sees everything anyway)."""
    from django.contrib.auth import get_user_model

    from thidua.accounts.models import RoleGrant
    from thidua.core.roles import Role
    from thidua.dossiers.due import STEPS
    from thidua.dossiers.models import Dossier
    from thidua.org.models import Unit
    from thidua.pledges.models import RoundStatus, ScoreSheet, ScoringRound
    from thidua.registrations.models import RegistrationSheet, SheetStatus

    rng = random.Random(SEED)
    User = get_user_model()
    units = list(Unit.objects.filter(depth__in=(2, 3), active_until__isnull=True).order_by("path"))
    departments = [u for u in units if u.depth == 2]
    User.objects.bulk_create([User(username=f"{USER_PREFIX}cb{u.pk}", password="!") for u in units]
                             + [User(username=f"{USER_PREFIX}tt{u.pk}", password="!") for u in departments])
    by_name = dict(User.objects.filter(username__startswith=USER_PREFIX).values_list("username", "pk"))
    RoleGrant.objects.bulk_create(
        [RoleGrant(user_id=by_name[f"{USER_PREFIX}cb{u.pk}"], role=Role.UNIT_OFFICER, unit=u) for u in units]
        + [RoleGrant(user_id=by_name[f"{USER_PREFIX}tt{u.pk}"], role=Role.UNIT_HEAD, unit=u) for u in departments])

    sheets = list(RegistrationSheet.objects.filter(movement=movement).order_by("pk").values_list("pk", flat=True))
    rng.shuffle(sheets)
    n = len(sheets)
    RegistrationSheet.objects.filter(pk__in=sheets[: n * 3 // 10]).update(state=SheetStatus.DRAFT)
    RegistrationSheet.objects.filter(pk__in=sheets[n * 3 // 10: n * 4 // 10]).update(state=SheetStatus.SUBMITTED)
    RegistrationSheet.objects.filter(pk__in=sheets[n * 4 // 10: n // 2]).delete()

    rounds = ScoringRound.objects.update(state=RoundStatus.OPEN, self_score_deadline=today + dt.timedelta(days=2),
                                         review_deadline=today + dt.timedelta(days=5))
    score_sheets = list(ScoreSheet.objects.order_by("pk").values_list("pk", flat=True))
    rng.shuffle(score_sheets)
    ScoreSheet.objects.filter(pk__in=score_sheets[: len(score_sheets) // 3]).update(submitted_at=None)

    root = Unit.objects.get(depth=1)
    states = list(STEPS)
    Dossier.objects.bulk_create(
        Dossier(unit=rng.choice(units), authority_level="tinh", authority_unit=root, year=today.year - 1,
                state=rng.choice(states), title=f"Bench: đề nghị khen thưởng số {i + 1}",
                due_on=today + dt.timedelta(days=rng.randint(-20, 7)))
        for i in range(DOSSIERS))
    unsent = RegistrationSheet.objects.filter(movement=movement, state__in=RegistrationSheet.EDITABLE).count()
    return {"users": len(by_name), "rounds": rounds, "sheets": n, "unsent": unsent + n // 2 - n * 4 // 10,
            "dossiers": DOSSIERS}


def _draft_sheet(movement, inside: str, outside: str = ""):
    """The first draft sheet with registrations of a unit with its own officer (levels 2–3)
    under path INSIDE and not under OUTSIDE; with that officer."""
    from django.contrib.auth import get_user_model

    from thidua.registrations.models import RegistrationSheet, SheetStatus

    sheets = (RegistrationSheet.objects.filter(movement=movement, state=SheetStatus.DRAFT, unit__depth__lte=3,
                                               unit__path__startswith=inside, registrations__isnull=False)
              .select_related("unit").order_by("pk").distinct())
    if outside:
        sheets = sheets.exclude(unit__path__startswith=outside)
    sheet = sheets.first()
    return sheet, get_user_model().objects.get(username=f"{USER_PREFIX}cb{sheet.unit_id}")


def bench_reminders(repeat: int = 7) -> dict[str, float]:
    import time_machine
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.test import Client
    from django.test.utils import setup_test_environment

    from thidua.movements.models import Movement
    from thidua.notices import selectors, services
    from thidua.notices.due import due_items
    from thidua.notices.models import Notification
    from thidua.registrations import services as registration_services

    movement = Movement.objects.filter(registration_deadline__isnull=False).order_by("-registration_deadline").first()
    users = {u.username: u for u in get_user_model().objects.filter(username__in=(SECRETARIAT, OFFICER))}
    if movement is None or len(users) < 2:
        print(f"no movement with a registration deadline, or no {SECRETARIAT}/{OFFICER} account: "
              "seed the demo province first", file=sys.stderr)
        return {}
    today = movement.registration_deadline - dt.timedelta(days=3)
    now = dt.datetime.combine(today, dt.time(9), tzinfo=zoneinfo.ZoneInfo(settings.TIME_ZONE))
    # The test client's host and template hooks; the caller (tests/perf/bench.py) may have set them up already.
    with contextlib.suppress(RuntimeError):
        setup_test_environment()
    results: dict[str, float] = {}
    rows: list[tuple[str, int, float]] = []
    # time-machine moves the wall clock (timezone.now, date.today) only: perf_counter is real.
    try:
        with time_machine.travel(now, tick=True), transaction.atomic():
            t0 = time.perf_counter()
            counts = _busy_day(today, movement)
            setup_s = time.perf_counter() - t0
            services.reminders_refresh(today=today)  # the day's first run: the store catches up with the setup
            reminders = Notification.objects.filter(closed_at__isnull=True).count()
            holders = Notification.objects.filter(closed_at__isnull=True).values("user_id").distinct().count()

            bound = median_ms(lambda: due_items(today), repeat)
            results = {
                "bound_ms": bound,
                "refresh_ms": median_ms(lambda: services.reminders_refresh(today=today), repeat),
                "fill_ms": _median_ms_rolled_back(lambda: Notification.objects.all().delete(),
                                                  lambda: services.reminders_refresh(today=today),
                                                  max(1, repeat // 2)),
            }

            secretariat, officer = users[SECRETARIAT], users[OFFICER]
            branch = officer.role_grants.select_related("unit").first().unit
            ours, ours_by = _draft_sheet(movement, inside=branch.path)
            theirs, theirs_by = _draft_sheet(movement, inside="", outside=branch.path)

            def submitted(sheet, actor, reader, concerns: bool):
                def change():
                    registration_services.sheet_submit(actor=actor, sheet=sheet)
                    # The label of the row is what the store decides: stale for the reader, or not.
                    assert selectors.reminders_current(reader, today) is not concerns, (reader, sheet.unit)
                return change

            # No ratio for the pages: what a page does besides its reminders depends on the
            # reader's scope (the secretariat's dashboard counts every person of the province,
            # an officer's those of a department), and no cheaper page does that same work. A
            # user with no grants renders an almost empty dashboard, so a ratio to it would
            # measure the scoped counts rather than the store. The store's own part is printed
            # instead: in the steady state, the currency check and the list (what the page reads
            # from the store); after a change, the page pays one full refresh (printed above) on
            # top of the steady state; a change in another branch must cost nothing (the rows
            # "after a sheet elsewhere sent").
            for reader, who in ((secretariat, "secretariat"), (officer, "officer")):
                client = Client()
                client.force_login(reader)
                for url, page in (("/", "dashboard"), ("/viec-can-lam/", "/viec-can-lam/")):
                    ms, queries = _page(client, url, repeat)
                    rows.append((f"{page}, {who}, store current", queries, ms))
                    ms, queries = _page(client, url, repeat, submitted(ours, ours_by, reader, concerns=True))
                    rows.append((f"{page}, {who}, after a sheet of {branch.short_name or 'the branch'} sent",
                                 queries, ms))
                    if reader is officer:
                        ms, queries = _page(client, url, repeat, submitted(theirs, theirs_by, reader, concerns=False))
                        rows.append((f"{page}, {who}, after a sheet elsewhere sent", queries, ms))

                def store(reader=reader):
                    services.reminders_refresh(reader=reader, today=today)
                    list(selectors.due_for(reader))

                count = [0]
                with _counting(count):
                    store()
                ms = median_ms(store, repeat)
                rows.append((f"store reads of a current page, {who}", count[0], ms))
                results.update({f"page: {label}": ms for label, _queries, ms in rows})
            raise Rollback
    except Rollback:
        pass

    print(f"\n== reminders: a busy day, {today:%d/%m/%Y} (3 days before «{movement.name}» closes) ==")
    print(f"{counts['users']:,} officers and heads added · {counts['unsent']:,} of {counts['sheets']:,} sheets unsent "
          f"(draft, returned or deleted) · {counts['rounds']} scoring rounds open · {counts['dossiers']} live "
          f"dossiers · {reminders:,} reminders for {holders:,} users · setup {setup_s:.1f} s")
    print(f"lower bound (the providers alone, due_items): {bound:.1f} ms")
    print(f"{'full refresh for everyone':55} {'median ms':>10} {'× bound':>8}")
    for label, key in (("reminders_refresh(), store current (nothing to write)", "refresh_ms"),
                       (f"reminders_refresh(), empty store ({reminders:,} rows written)", "fill_ms")):
        print(f"{label:55} {results[key]:10.1f} {results[key] / bound:8.1f}")
    print(f"{'page (test client)':55} {'median ms':>10} {'queries':>8}")
    for label, queries, ms in rows:
        print(f"{label[:55]:55} {ms:10.1f} {queries:8d}")
    return results


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings")
    import django

    django.setup()
    bench_reminders()
