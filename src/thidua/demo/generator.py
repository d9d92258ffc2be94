"""Seed an empty database with a fictional province (DESIGN.md §8): `seed("province")`.

A bulk loader, not a user: no services, no audit events, one transaction, every row
drawn from `random.Random(seed)` so the same seed gives the same province.
"""

import random
import time

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from thidua.awards.models import Award, Initiative, InitiativeAuthor
from thidua.catalog import services as catalog_services
from thidua.catalog.selectors import current_kinds, money_table
from thidua.core.text import fold
from thidua.demo import awards as demo_awards
from thidua.demo import bulk, desks
from thidua.demo.accounts import USERNAMES, create_accounts, demo_accounts
from thidua.demo.blocs import memberships, plan_blocs
from thidua.demo.catalog import PROVINCE_CODE
from thidua.demo.documents import REVOCATION, make_documents
from thidua.demo.exemplars import seed_exemplars
from thidua.demo.fund import seed_fund_income
from thidua.demo.legal_bases import seed_legal_bases
from thidua.demo.movements import seed_movements
from thidua.demo.nominations import seed_nominations
from thidua.demo.payments import pay_one_title_per_period
from thidua.demo.people import COLUMNS, make_people, unit_evaluations
from thidua.demo.pledges import seed_pledges
from thidua.demo.portal import seed_published
from thidua.demo.presets import MERGE_DATE, PRESETS
from thidua.demo.sectors import seed_sectors
from thidua.demo.signatories import seed_signatories
from thidua.demo.tree import build_tree
from thidua.demo.verdicts import seed_verdicts
from thidua.documents.models import Document
from thidua.org.models import Bloc, BlocMembership, Unit, UnitSuccession
from thidua.people.models import Discipline, Employment, Evaluation, Person
from thidua.registrations.models import Registration


def _n(n: int) -> str:
    return f"{n:,}".replace(",", ".")  # Vietnamese thousands separator


class SeedRefused(Exception):
    """The database is not empty (or the preset is unknown): nothing was written."""


def _next_pk(model) -> int:
    return (model.objects.aggregate(m=Max("pk"))["m"] or 0) + 1


def seed(preset: str, seed: int = 2026, stdout=None) -> dict:
    """Fill an empty database with PRESET ("province" or "small"); return counts and accounts."""
    if preset not in PRESETS:
        raise SeedRefused(f"Không có bộ dữ liệu mẫu “{preset}”; chọn một trong: {', '.join(PRESETS)}.")
    if Unit.objects.exists():
        raise SeedRefused("Cơ sở dữ liệu đã có đơn vị; dữ liệu mẫu chỉ nạp vào cơ sở dữ liệu trống.")
    taken = list(get_user_model().objects.filter(username__in=USERNAMES).values_list("username", flat=True))
    if taken:
        raise SeedRefused(f"Tên đăng nhập mẫu đã có người dùng: {', '.join(sorted(taken))}.")

    p = PRESETS[preset]
    rng = random.Random(seed)
    started = time.perf_counter()

    def log(message: str) -> None:
        if stdout is not None:
            stdout.write(f"  {time.perf_counter() - started:6.1f} s  {message}\n")

    counts: dict[str, int] = {}
    with transaction.atomic():
        catalog_services.catalog_load()  # idempotent: award money below is priced from it
        tree = build_tree(p, rng)
        offset = _next_pk(Unit) - 1
        for node in tree.nodes:
            node.pk += offset
        Unit.objects.bulk_create(
            [
                Unit(
                    pk=n.pk, path=n.path, depth=n.depth, numchild=len(n.children), code=n.code, name=n.name,
                    short_name=n.short_name, kind=n.kind, level=n.level, active_from=n.active_from,
                    active_until=n.active_until, search_key=fold(f"{n.name} {n.short_name} {n.code}")[:400],
                )
                for n in tree.nodes
            ],
            batch_size=500,
        )
        counts["units"] = len(tree.nodes)
        counts["unit_sectors"] = seed_sectors(tree.root.pk)
        log(f"đơn vị: {_n(counts['units'])}")

        by_code = {n.code: n for n in tree.nodes}
        home_affairs = by_code[f"{PROVINCE_CODE}.SNV"]
        documents = Document.objects.bulk_create(make_documents(rng, p, tree.root.pk, home_affairs.pk))
        counts["documents"] = len(documents)
        if any(d.pk is None for d in documents):
            pks = {(d.number, d.issued_on): d.pk for d in Document.objects.all()}
            for d in documents:
                d.pk = pks[(d.number, d.issued_on)]
        resolution = documents[-1]
        UnitSuccession.objects.bulk_create(
            UnitSuccession(predecessor_id=closed.pk, successor_id=successor.pk, kind="merge",
                           effective_on=MERGE_DATE, document=resolution)
            for closed, successor in tree.merges
        )
        counts["successions"] = len(tree.merges)

        plans = plan_blocs(tree, p.blocs)
        blocs = Bloc.objects.bulk_create(
            Bloc(code=plan.code, name=plan.name, organiser_id=tree.root.pk, description=plan.description)
            for plan in plans
        )
        if any(b.pk is None for b in blocs):
            pks = dict(Bloc.objects.values_list("code", "pk"))
            for b in blocs:
                b.pk = pks[b.code]
        member_rows = []
        lead = None
        for index, (plan, bloc) in enumerate(zip(plans, blocs, strict=True)):
            for unit_pk, year, role in memberships(plan, index, p.last_year):
                member_rows.append(BlocMembership(bloc_id=bloc.pk, unit_id=unit_pk, year=year, role=role))
                if lead is None and role == "leader" and year == p.last_year:
                    lead = (bloc.pk, unit_pk, year)
        BlocMembership.objects.bulk_create(member_rows, batch_size=500)
        counts["blocs"], counts["bloc_memberships"] = len(blocs), len(member_rows)
        log(f"khối thi đua: {counts['blocs']}, văn bản: {counts['documents']}")

        people = make_people(rng, tree, p, _next_pk(Person), timezone.now())
        log(f"sinh {_n(len(people.person))} cá nhân, {_n(len(people.evaluation))} xếp loại cá nhân")
        bulk.insert_rows(Person, COLUMNS["person"], people.person)
        bulk.insert_rows(Employment, COLUMNS["employment"], people.employment)
        bulk.insert_rows(Evaluation, COLUMNS["evaluation"], people.evaluation)
        bulk.insert_rows(Discipline, COLUMNS["discipline"], people.discipline)
        unit_rows = unit_evaluations(rng, tree, p)
        bulk.insert_rows(Evaluation, COLUMNS["evaluation"], unit_rows)
        log(f"đã ghi cá nhân, quá trình công tác, {_n(len(people.evaluation) + len(unit_rows))} xếp loại")

        # Titles, awards and initiatives, consistent with the ratings just drawn.
        leaders = {(m.unit_id, m.year) for m in member_rows if m.role == "leader"}
        provincial = {
            d.issued_on.year - 1: (d.pk, d.number, d.issued_on) for d in documents
            if d.kind == "quyet_dinh" and d.summary.startswith("Về việc tặng danh hiệu")
        }
        revocation = next(d for d in documents if d.number == REVOCATION[0])
        award_rows = demo_awards.make_awards(
            rng, tree, p, people, unit_rows, leaders, money_table(), first_initiative_pk=_next_pk(Initiative),
            provincial_documents=provincial, revocation_document_pk=revocation.pk, created_at=timezone.now(),
        )
        bulk.insert_rows(Initiative, demo_awards.COLUMNS["initiative"], award_rows.initiative)
        bulk.insert_rows(InitiativeAuthor, demo_awards.COLUMNS["author"], award_rows.author)
        ranks = {code: info.rank for code, info in current_kinds().items()}
        # Each award carries the person's position group when it was decided (the statistics
        # count that one): the demo's people keep theirs over the years seeded.
        group_at = COLUMNS["person"].index("position_group")
        groups = {row[0]: row[group_at] for row in people.person}
        award_rows.award = [(*row, groups.get(row[1], "") if row[1] else "")
                            for row in pay_one_title_per_period(award_rows.award, ranks)]
        bulk.insert_rows(Award, (*demo_awards.COLUMNS["award"], "position_group"), award_rows.award)
        bulk.insert_rows(Registration, demo_awards.COLUMNS["registration"], award_rows.registration)
        bulk.reset_sequences(Unit, Person, Initiative)
        counts.update(
            people=len(people.person), employments=len(people.employment),
            person_evaluations=len(people.evaluation), unit_evaluations=len(unit_rows),
            disciplines=len(people.discipline), transfers=people.transfers, merged_people=people.merged,
        )
        counts["evaluations"] = counts["person_evaluations"] + counts["unit_evaluations"]
        counts.update(awards=len(award_rows.award), initiatives=len(award_rows.initiative),
                      registrations=len(award_rows.registration),
                      initiative_authors=len(award_rows.author))
        log(f"danh hiệu, khen thưởng: {_n(counts['awards'])}, sáng kiến: {_n(counts['initiatives'])}")

        units_by_key = {"root": tree.root.pk, "SNV": home_affairs.pk, "SYT": by_code[f"{PROVINCE_CODE}.SYT"].pk,
                        "XA": desks.officer_commune(tree)}
        assert lead is not None
        counts["users"] = create_accounts(units_by_key, lead)
        log(f"tài khoản mẫu: {counts['users']}")

        bulk.analyze()
        health = by_code.get(f"{PROVINCE_CODE}.SYT")
        counts.update(seed_movements(rng, p.years, Unit.objects.get(pk=tree.root.pk),
                                     Unit.objects.get(pk=home_affairs.pk),
                                     Unit.objects.get(pk=health.pk) if health else None))
        log(f"phong trào: {counts['movements']}, bản đăng ký năm {p.last_year + 1}: {_n(counts['sheets'])}")
        counts["documents"] = Document.objects.count()  # this year's directive came with the movements
        counts["pledges"] = seed_pledges(p.last_year)["pledges"]
        log(f"giao ước thi đua năm {p.last_year}: {counts['pledges']}")
        counts["legal_bases"] = seed_legal_bases(Unit.objects.get(pk=tree.root.pk),
                                                 Unit.objects.get(pk=home_affairs.pk))
        counts.update(seed_signatories(Unit.objects.get(pk=tree.root.pk)))
        counts.update(seed_nominations(p.last_year, Unit.objects.get(pk=tree.root.pk)))
        counts["published_decisions"] = seed_published(Unit.objects.get(pk=tree.root.pk))
        log(f"hồ sơ đề nghị khen thưởng: {counts['dossiers']}, quyết định: {counts['decisions']}")
        # Issued decisions wrote their document and their awards.
        counts["documents"], counts["awards"] = Document.objects.count(), Award.objects.count()
        counts["dossiers"] += desks.seed_desks(p.last_year)
        counts["stored_verdicts"] = seed_verdicts(p.last_year)
        counts.update(seed_exemplars(p.last_year, Unit.objects.get(pk=tree.root.pk)))
        log(f"điển hình tiên tiến: {counts['exemplars']}, hội nghị: {counts['congresses']}")
        counts.update(seed_fund_income(p.last_year))
        log(f"khoản thu vào quỹ thi đua, khen thưởng: {counts['fund_receipts']}")

    counts["seconds"] = round(time.perf_counter() - started, 1)
    return {"preset": preset, "seed": seed, **counts, "accounts": demo_accounts()}
