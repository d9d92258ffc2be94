"""Stored verdicts kept fresh (ADR 0016): a person is judged the first time a list needs
them, and forgotten whenever a fact the engine reads about them changes, so the next list
judges them again. A list then pages, counts and checks quotas in the database, and the
engine runs only for people whose facts changed since."""

import functools
import hashlib
from collections.abc import Iterable
from pathlib import Path

from django.db import connection, transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.db.models.signals import post_delete, post_save

from thidua import rules
from thidua.awards.models import Award, Initiative, InitiativeAuthor
from thidua.core import tasks
from thidua.core.collector import no_gc
from thidua.core.hooks import bulk_written
from thidua.eligibility.facts import person_cases
from thidua.eligibility.models import StoredVerdict
from thidua.people.models import Discipline, Evaluation, Person
from thidua.registrations.models import Registration
from thidua.rules.rulesets import default_directory

# People judged per round: the facts of 2,000 people are a few MB, freed before the next.
FILL_CHUNK = 2000
# A bulk write touching at least this many people has the worker judge them ahead, so the
# next list does not judge them in its request (≈ 1 s per 1,000 people).
JUDGE_AHEAD_FROM = 500
# Every record the engine reads about a person (`facts.person_cases`).
PERSON_FACTS = (Evaluation, Registration, Award, Discipline, InitiativeAuthor)


def codes_text(codes: Iterable[str]) -> str:
    codes = list(codes)
    return f",{','.join(codes)}," if codes else ""


def holding(code: str) -> str:
    """The `codes__contains` value of the people who qualify for CODE."""
    return f",{code},"


@functools.cache
def _engine_digest() -> str:
    """A digest of the code and rule sets a verdict comes from: the engine, the rule-set
    folder, the facts loader and the registration rule. A release that changes any of them
    judges everyone afresh instead of reading verdicts the old code gave."""
    here = Path(__file__).resolve().parent
    files = [*Path(rules.__file__).resolve().parent.rglob("*.py"), here / "facts.py",
             here.parent / "registrations" / "selectors.py", *default_directory().rglob("*.y*ml")]
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()[:10]


def key(ruleset: rules.RuleSet) -> str:
    """The `ruleset` value of verdicts given by RULESET with today's code."""
    return f"{ruleset.id}@{_engine_digest()}"[-40:]


def judged(year: int, ruleset: rules.RuleSet) -> QuerySet[StoredVerdict]:
    return StoredVerdict.objects.filter(year=year, ruleset=key(ruleset))


def fill(people: QuerySet[Person], year: int, ruleset: rules.RuleSet) -> int:
    """Judge and store everyone of PEOPLE with no stored verdict for YEAR under RULESET;
    how many were judged. Concurrent fills of the same people keep the first row."""
    # NOT EXISTS, not NOT IN: PostgreSQL probes the verdicts of the scope's people by index
    # instead of hashing the whole year's verdicts (a department's check: 30 ms, not 190 ms).
    missing = people.exclude(Exists(judged(year, ruleset).filter(person_id=OuterRef("pk"))))
    pks = list(missing.order_by().values_list("pk", flat=True))
    if pks:  # verdicts of older code or another rule set for the year are dead weight
        StoredVerdict.objects.filter(year=year).exclude(ruleset=key(ruleset)).delete()
    for start in range(0, len(pks), FILL_CHUNK):
        part = pks[start:start + FILL_CHUNK]
        with no_gc():
            cases, _subjects = person_cases(Person.objects.filter(pk__in=part), year)
            answers = rules.evaluate_many(cases.values(), ruleset)
            rows = [StoredVerdict(person_id=pk, year=year, ruleset=key(ruleset),
                                  codes=codes_text(v.code for v in answer.verdicts if v.eligible))
                    for pk, answer in zip(cases, answers, strict=True)]
        StoredVerdict.objects.bulk_create(rows, batch_size=500, ignore_conflicts=True)
    if len(pks) >= FILL_CHUNK and connection.vendor == "postgresql":
        # Thousands of rows replaced under a new key: until autovacuum analyses the table the
        # planner believes the key has no rows and picks nested loops (a department's first
        # page took 4.6 s instead of 70 ms right after a province-wide fill).
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {StoredVerdict._meta.db_table}")
    return len(pks)


def forget(person_ids: Iterable[int | None] | None) -> None:
    """Drop the stored verdicts of PERSON_IDS (every one when None): their facts changed.
    Every year goes, as a fact of one year counts in the runs of the ten after it."""
    if person_ids is None:
        StoredVerdict.objects.all().delete()
        return
    ids = {pk for pk in person_ids if pk is not None}
    if ids:
        StoredVerdict.objects.filter(person_id__in=ids).delete()


def _saved(sender, instance, **kwargs) -> None:
    forget([instance.person_id])


def _initiative_saved(sender, instance, **kwargs) -> None:
    # Its scope, recognition or use for another award changed the facts of each author.
    forget(InitiativeAuthor.objects.filter(initiative=instance).values_list("person_id", flat=True))


def _bulk(sender, person_ids=None, **kwargs) -> None:
    if sender in PERSON_FACTS or sender is Initiative:
        person_ids = None if person_ids is None else set(person_ids)
        forget(person_ids)
        if person_ids is None or len(person_ids) >= JUDGE_AHEAD_FROM:
            _judge_ahead_on_commit()


def _fill_ahead() -> None:
    tasks.enqueue("thidua.eligibility.tasks.fill_verdicts")


def _judge_ahead_on_commit() -> None:
    """Queue one refill when the transaction commits, however many of its bulk writes ask:
    an import writes ratings, awards and registrations in one transaction, and each refill
    judges every person again. A rollback drops the pending callback with the transaction."""
    pending = transaction.get_connection().run_on_commit
    if not any(entry[1] is _fill_ahead for entry in pending):
        transaction.on_commit(_fill_ahead)


def connect() -> None:
    """Called once at start-up, by `eligibility.seams`."""
    for model in PERSON_FACTS:
        post_save.connect(_saved, sender=model, dispatch_uid=f"verdicts-{model.__name__}-save")
        post_delete.connect(_saved, sender=model, dispatch_uid=f"verdicts-{model.__name__}-delete")
    post_save.connect(_initiative_saved, sender=Initiative, dispatch_uid="verdicts-initiative-save")
    bulk_written.connect(_bulk, dispatch_uid="verdicts-bulk")
