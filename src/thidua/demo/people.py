"""People of the demo province with their posts, ratings and the odd discipline, as rows.

Rows are plain tuples in the column order of `COLUMNS`, ready for an executemany/COPY:
building 600,000 model instances would cost more than inserting them.
"""

import datetime as dt
import random
from bisect import bisect
from dataclasses import dataclass, field

from thidua.core.text import fold
from thidua.demo import ratings
from thidua.demo.catalog import PROVINCE_CODE
from thidua.demo.names import NameMaker
from thidua.demo.presets import MERGE_DATE, Preset
from thidua.demo.staffing import Profile, profile_for
from thidua.demo.tree import Node, Tree

COLUMNS = {
    "person": ("id", "full_name", "gender", "birth_date", "cccd", "position", "current_unit", "search_key",
               "created_at", "position_group"),
    "employment": ("person", "unit", "position", "started_on", "ended_on", "note"),
    "evaluation": ("person", "unit", "year", "rating", "months_worked", "note"),
    "discipline": ("person", "form", "decided_on", "effective_until", "reason"),
}

# Tests and the manual search for "nguyen van phong" count on these people existing.
PINNED_UNIT = f"{PROVINCE_CODE}.SNV.CCVC"
PINNED_NAMES = ("Nguyễn Văn Phóng", "Nguyễn Văn Phong")
PINNED_AT = 3  # after the head and deputies

HOME_PROVINCE = "038"  # CCCD place-of-registration code most people carry
OTHER_PROVINCES = ("001", "025", "027", "031", "034", "035", "036", "040", "042", "044", "045", "046", "049",
                   "051", "052", "054", "056", "079", "083", "092")
MERGE_NOTE = "Sắp xếp đơn vị hành chính cấp xã năm 2025"
TRANSFER_NOTE = "Điều động, luân chuyển"


def position_group(node: Node, title: str) -> str:
    """The group the award statistics count a person in (`people.PositionGroup`), from the
    post TITLE they hold in NODE: heads and deputies lead — a company's (state or private) are
    business people, the Fatherland Front's chairs of the province lead at its level, a department's
    at the department's, any other unit's are "other leaders" —; everyone else works directly."""
    profile = profile_for(node.name, node.staff_kind, node.depth)
    if title not in (profile.head, profile.deputy):
        return "truc_tiep"
    if node.kind in ("dnnn", "dn_ngoai_nn"):
        return "doanh_nhan"
    if node.depth == 2 and node.name.startswith("Ủy ban Mặt trận"):
        return "lanh_dao_tinh"
    if node.depth == 2 and node.level == "so_nganh":
        return "lanh_dao_so"
    return "lanh_dao_khac"


@dataclass
class PeopleRows:
    person: list[tuple] = field(default_factory=list)
    employment: list[tuple] = field(default_factory=list)
    evaluation: list[tuple] = field(default_factory=list)
    discipline: list[tuple] = field(default_factory=list)
    transfers: int = 0
    merged: int = 0


class _Builder:
    def __init__(self, rng: random.Random, tree: Tree, preset: Preset, first_pk: int, created_at: dt.datetime):
        self.rng, self.tree, self.p = rng, tree, preset
        self.names = NameMaker(rng)
        self.out = PeopleRows()
        self.next_pk = first_pk
        self.created_at = created_at
        self.cccds: set[str] = set()
        self.fold_cache: dict[str, str] = {}
        self.stable: dict[str, list[Node]] = {}
        for node in tree.nodes:
            if node.depth >= 2 and node.staff[1] and node.is_stable:
                self.stable.setdefault(node.staff_kind, []).append(node)
        # Where the people of each closed commune go, filled in as they move (see _merged_post).
        self.moved_into: dict[int, int] = {}

    # --- one person's identity ---------------------------------------------------------

    def _birth(self) -> dt.date:
        # The civil service is older than the population: most staff were born in the 1970s–80s.
        year = int(self.rng.triangular(1965, 2002.999, 1978))
        return dt.date(year, self.rng.randint(1, 12), self.rng.randint(1, 28))

    def _cccd(self, gender: str, birth: dt.date) -> str | None:
        if self.rng.random() >= 0.7:
            return None
        rng = self.rng
        place = HOME_PROVINCE if rng.random() < 0.8 else rng.choice(OTHER_PROVINCES)
        century_sex = (0 if gender == "nam" else 1) + (2 if birth.year >= 2000 else 0)
        while True:
            cccd = f"{place}{century_sex}{birth.year % 100:02d}{rng.randrange(1_000_000):06d}"
            if cccd not in self.cccds:
                self.cccds.add(cccd)
                return cccd

    def _staff_title(self, profile: Profile) -> str:
        return profile.staff_titles[bisect(profile.staff_cum, self.rng.random() * profile.staff_cum[-1])]

    @staticmethod
    def _title(profile: Profile, rank: int, staff_title: str) -> str:
        if rank == 0:
            return profile.head
        return profile.deputy if rank <= profile.deputies else staff_title

    # --- a unit's people -------------------------------------------------------------------

    def unit(self, node: Node, count: int) -> None:
        rng = self.rng
        profile = profile_for(node.name, node.staff_kind, node.depth)
        # Oldest first: heads and deputies tend to be the senior staff.
        births = sorted(self._birth() for _ in range(count))
        for rank, birth in enumerate(births):
            leader = rank <= profile.deputies
            female = profile.female * (0.6 if leader else 1.0)
            gender = "nu" if rng.random() < female else "nam"
            name = self.names.full_name(gender)
            if node.code == PINNED_UNIT and PINNED_AT <= rank < PINNED_AT + len(PINNED_NAMES):
                name, gender = PINNED_NAMES[rank - PINNED_AT], "nam"
            title = self._title(profile, rank, self._staff_title(profile))
            hire_year = min(birth.year + rng.randint(22, 28), self.p.last_year)
            hire = dt.date(hire_year, rng.randint(1, 12), 1)
            if node.successor is not None and hire >= MERGE_DATE:
                hire = dt.date(MERGE_DATE.year, rng.randint(1, MERGE_DATE.month - 1), 1)
            self._person(node, rank, name, gender, birth, title, hire)

    def _person(self, node: Node, rank: int, name: str, gender: str, birth: dt.date, title: str,
                hire: dt.date) -> None:
        rng, out = self.rng, self.out
        pk = self.next_pk
        self.next_pk += 1
        # (from_year, unit pk) spans; the last one is where the person works now.
        spans: list[tuple[int, int]]
        if node.successor is not None:
            post, new_title = self._merged_post(node, rank)
            out.employment.append((pk, node.pk, title, hire, MERGE_DATE - dt.timedelta(days=1), ""))
            out.employment.append((pk, post.pk, new_title, MERGE_DATE, None, MERGE_NOTE))
            spans, current, title = [(0, node.pk), (MERGE_DATE.year, post.pk)], post, new_title
            out.merged += 1
        elif hire.year < self.p.last_year and rng.random() < self.p.transfer_rate:
            moved_on = dt.date(rng.randint(max(hire.year + 1, self.p.first_year + 1), self.p.last_year),
                               rng.randint(1, 12), 1)
            before = rng.choice(self.stable.get(node.staff_kind) or [node])
            if before is node:
                out.employment.append((pk, node.pk, title, hire, None, ""))
                spans = [(0, node.pk)]
            else:
                before_profile = profile_for(before.name, before.staff_kind, before.depth)
                out.employment.append((pk, before.pk, self._staff_title(before_profile), hire,
                                       moved_on - dt.timedelta(days=1), ""))
                out.employment.append((pk, node.pk, title, moved_on, None, TRANSFER_NOTE))
                spans = [(0, before.pk), (moved_on.year, node.pk)]
                out.transfers += 1
            current = node
        else:
            out.employment.append((pk, node.pk, title, hire, None, ""))
            spans, current = [(0, node.pk)], node

        search_key = self.fold_cache.get(name)
        if search_key is None:
            search_key = self.fold_cache[name] = fold(name)[:200]
        out.person.append((pk, name, gender, birth, self._cccd(gender, birth), title, current.pk, search_key,
                           self.created_at, position_group(current, title)))
        self._ratings(pk, hire, spans)

    def _merged_post(self, closed: Node, rank: int) -> tuple[Node, str]:
        """Where a person of a closed commune works from MERGE_DATE, and as what.

        The heads of the closed communes lead the successor; everyone else fills its new
        offices in turn, the first to arrive in an office heading it.
        """
        successor = closed.successor
        assert successor is not None
        if rank == 0:
            first = self.moved_into.get(successor.pk, 0) == 0
            self.moved_into[successor.pk] = self.moved_into.get(successor.pk, 0) + 1
            return successor, "Chủ tịch UBND" if first else "Phó Chủ tịch UBND"
        offices = [c for c in successor.children if c.active_from == MERGE_DATE]
        turn = self.moved_into.get(-successor.pk, 0)
        self.moved_into[-successor.pk] = turn + 1
        office = offices[turn % len(offices)]
        office_profile = profile_for(office.name, office.staff_kind, office.depth)
        return office, self._title(office_profile, turn // len(offices), self._staff_title(office_profile))

    def _ratings(self, pk: int, hire: dt.date, spans: list[tuple[int, int]]) -> None:
        rng, p = self.rng, self.p
        tier = ratings.passing(rng)
        skip_last = rng.random() < p.unrated_last_year
        rows = []
        for year in range(max(p.first_year, hire.year), p.last_year + 1):
            months = 12
            if year == hire.year:
                months = 13 - hire.month
                if months < 6:  # too short a year to be rated (Nghị định 90/2020/NĐ-CP)
                    continue
            if year == p.last_year and skip_last:
                continue
            unit_pk = next(u for since, u in reversed(spans) if year >= since)
            rows.append([pk, unit_pk, year, ratings.person_rating(rng, tier), months, ""])
        if rows and rng.random() < p.discipline_rate:
            row = rng.choice(rows)
            form, decided, until, reason, worst = ratings.discipline(rng, row[2])
            row[3] = ratings.worse(row[3], worst)
            self.out.discipline.append((pk, form, decided, until, reason))
        self.out.evaluation.extend(map(tuple, rows))


def make_people(rng: random.Random, tree: Tree, preset: Preset, first_pk: int,
                created_at: dt.datetime) -> PeopleRows:
    """People for every staffed unit, PRESET.people in all (give or take rounding)."""
    staffed = [n for n in tree.nodes if n.depth >= 2 and n.staff[1]]
    bases = [rng.uniform(*n.staff) for n in staffed]
    scale = preset.people / sum(bases)
    builder = _Builder(rng, tree, preset, first_pk, created_at)
    for node, base in zip(staffed, bases, strict=True):
        count = int(base * scale + rng.random())
        if node.code == PINNED_UNIT:
            count = max(count, PINNED_AT + len(PINNED_NAMES))
        builder.unit(node, count)
    return builder.out


def unit_evaluations(rng: random.Random, tree: Tree, preset: Preset) -> list[tuple]:
    """A collective rating for each unit in each year it was open at year end (not villages)."""
    rows = []
    for node in tree.nodes:
        if node.depth == 1 or node.kind == "thon_tdp":
            continue
        for year in preset.years:
            year_end = dt.date(year, 12, 31)
            if node.active_from and node.active_from > year_end:
                continue
            if node.active_until and node.active_until <= year_end:
                continue
            rows.append((None, node.pk, year, ratings.unit_rating(rng), 12, ""))
    return rows
