"""Titles, awards and initiatives of the demo province, consistent with the ratings.

Plausible, not legal advice: people who register (a habit most keep year after year)
and are rated HTTNV or better get Lao động tiên tiến; about one in seven of them
Chiến sĩ thi đua cơ sở (with an HTXSNV rating or an initiative); three CSTĐCS in a row
sometimes lead to CSTĐ cấp tỉnh with a provincial initiative; Bằng khen follow streaks;
units rated well get TTLĐTT / TTLĐXS, bloc leaders the provincial flag; villages
"Tổ dân phố văn hóa". Registering is a habit drawn
per person, and the seeder writes it as registrations (LĐTT; CSTĐCS for those who aim
higher; TTLĐTT and often TTLĐXS for units). Rows are plain tuples for `bulk.insert_rows`; money comes from the catalog
(`MoneyTable`), so it follows the base salary of each decision date.
"""

import datetime as dt
import random
from collections import defaultdict
from dataclasses import dataclass, field

from thidua.catalog.money import MoneyTable, MoneyUnknown
from thidua.demo.presets import Preset
from thidua.demo.tree import Node, Tree

COLUMNS = {
    "award": ("subject_kind", "person", "unit", "held_unit", "kind", "is_title", "year", "period_from", "period_to",
              "commendation_type", "decided_on", "document", "decision_number", "issuer", "achievement", "money",
              "revoked", "revoked_by_document", "revoked_reason", "created_at"),
    "initiative": ("id", "title", "unit", "year", "scope", "recognized_on", "document", "decision_number", "issuer",
                   "summary", "used_for", "created_at"),
    "author": ("initiative", "person", "share"),
    "registration": ("person", "unit", "year", "code", "registered_on", "note"),
}
TITLES = frozenset({"LDTT", "CSTDCS", "CSTD_TINH", "CSTD_TQ", "TTLDTT", "TTLDXS", "CO_TINH", "CO_CP", "TDPVH"})

REGISTERS_HABITUALLY = 0.8  # share of people who register for titles almost every year
REGISTER_IF_HABIT, REGISTER_OTHERWISE = 0.95, 0.3
LDTT_IF_QUALIFIED = 0.95
CSTDCS_IF_QUALIFIED = 0.58
REGISTER_CSTDCS = 0.35  # of registered people, those who also register for CSTĐCS
INNOVATORS, INITIATIVE_YEAR = 0.08, 0.35
TINH_SCOPE, NATIONAL_SCOPE = 0.07, 0.004
CSTD_TINH_AFTER_CHAIN = 0.35
BK_TINH_AFTER_TWO = 0.22
BK_TTG_AFTER_FIVE = 0.35
GK_SHARE = 0.03
TTLDTT_IF_QUALIFIED, TTLDXS_IF_HTXSNV, CO_TINH_FOR_LEADER, TDPVH_SHARE = 0.85, 0.5, 0.8, 0.7
REVOKED = 12
REVOKE_REASON = "Kê khai thành tích không trung thực (phát hiện qua thanh tra)"

GOOD = ("HTXSNV", "HTTNV")
# First word of the posts of unit heads (Giám đốc, Chủ tịch UBND, Hiệu trưởng, Trưởng phòng…).
SENIOR_TITLES = frozenset({"Giám", "Chủ", "Hiệu", "Chánh", "Trưởng", "Tổng", "Bí", "Chi"})
TOPICS = (
    "số hóa hồ sơ lưu trữ", "cải cách thủ tục hành chính một cửa", "ứng dụng phần mềm quản lý văn bản",
    "tiết kiệm điện năng trong cơ quan", "nâng cao chất lượng tiếp công dân", "quản lý tài sản công bằng mã QR",
    "theo dõi tiến độ giải quyết hồ sơ", "đổi mới phương pháp dạy học tích cực", "nâng cao chất lượng khám chữa bệnh",
    "giảm thời gian chờ khám bệnh", "phòng chống dịch bệnh tại cộng đồng", "tuyên truyền pháp luật qua mạng xã hội",
    "quản lý đất đai bằng bản đồ số", "thu ngân sách trên địa bàn", "chăm sóc người cao tuổi tại cộng đồng",
    "an toàn thực phẩm trong bếp ăn tập thể", "xây dựng thư viện điện tử", "bảo vệ môi trường khu dân cư",
    "quản lý hộ tịch điện tử", "chuyển đổi số trong cơ quan",
)
VERBS = ("Giải pháp", "Sáng kiến", "Cải tiến", "Ứng dụng", "Mô hình")


@dataclass
class AwardRows:
    award: list[tuple] = field(default_factory=list)
    initiative: list[tuple] = field(default_factory=list)
    author: list[tuple] = field(default_factory=list)
    registration: list[tuple] = field(default_factory=list)
    revocation_document: tuple | None = None


@dataclass(frozen=True)
class Decision:
    number: str
    decided_on: dt.date
    issuer: str
    document: int | None = None


def _issuer(node: Node) -> tuple[str, str]:
    """(issuer, number suffix) of the head deciding a level-2 unit's own titles."""
    if node.kind == "ubnd_xa":
        return f"Chủ tịch {node.name}", "QĐ-UBND"
    head = "Giám đốc" if node.name.startswith("Sở ") else "Thủ trưởng"
    return f"{head} {node.name}", f"QĐ-{node.short_name or node.code.rsplit('.', 1)[-1]}"


class _Builder:
    def __init__(self, rng: random.Random, tree: Tree, preset: Preset, prices: MoneyTable, created_at: dt.datetime,
                 provincial_documents: dict[int, tuple[int, str, dt.date]], first_initiative_pk: int,
                 today: dt.date):
        self.rng, self.p, self.prices, self.created_at, self.today = rng, preset, prices, created_at, today
        self.out = AwardRows()
        self.next_initiative = first_initiative_pk
        self.provincial_documents = provincial_documents
        self.level2: dict[int, Node] = {}
        self.nodes: dict[int, Node] = {}
        for node in tree.nodes:
            self.nodes[node.pk] = node
            self._mark(node)
        self.decisions: dict[tuple, Decision] = {}
        self.price_cache: dict[tuple, int | None] = {}

    def _mark(self, node: Node) -> None:
        for child in node.children:
            self.level2[child.pk] = self.level2.get(node.pk, child if child.depth == 2 else node)

    def _date(self, year: int, month: int, day: int) -> dt.date:
        return min(dt.date(year, month, day), self.today)

    # --- decisions ---------------------------------------------------------------------

    def base_decision(self, unit_pk: int, year: int) -> Decision:
        """The yearly decision of the department or commune the unit belongs to."""
        head = self.level2.get(unit_pk) or self.nodes[unit_pk]
        key = ("base", head.pk, year)
        decision = self.decisions.get(key)
        if decision is None:
            issuer, suffix = _issuer(head)
            decision = Decision(f"{self.rng.randint(1, 80)}/{suffix}",
                                self._date(year + 1, self.rng.randint(1, 2), self.rng.randint(2, 28)), issuer)
            self.decisions[key] = decision
        return decision

    def provincial_decision(self, year: int) -> Decision:
        key = ("tinh", year)
        decision = self.decisions.get(key)
        if decision is None:
            if year in self.provincial_documents:
                pk, number, issued_on = self.provincial_documents[year]
                decision = Decision(number, issued_on, "Chủ tịch UBND tỉnh", pk)
            else:
                decision = Decision(f"{self.rng.randint(300, 900)}/QĐ-UBND",
                                    self._date(year + 1, 4, self.rng.randint(1, 28)), "Chủ tịch UBND tỉnh")
            self.decisions[key] = decision
        return decision

    def central_decision(self, year: int, who: str) -> Decision:
        key = (who, year)
        decision = self.decisions.get(key)
        if decision is None:
            suffix, issuer, month = {"ttg": ("QĐ-TTg", "Thủ tướng Chính phủ", 9),
                                     "ctn": ("QĐ-CTN", "Chủ tịch nước", 8)}[who]
            decision = Decision(f"{self.rng.randint(1000, 2500)}/{suffix}",
                                self._date(year + 1, month, self.rng.randint(1, 28)), issuer)
            self.decisions[key] = decision
        return decision

    # --- rows --------------------------------------------------------------------------

    def money(self, code: str, subject_kind: str, on: dt.date) -> int | None:
        key = (code, subject_kind, on)
        if key not in self.price_cache:
            try:
                self.price_cache[key] = self.prices.amount(code, subject_kind, on)
            except MoneyUnknown:
                self.price_cache[key] = None
        return self.price_cache[key]

    def register(self, person: int | None, unit: int, year: int, code: str) -> None:
        self.out.registration.append((person, unit, year, code, dt.date(year, 1, 20), ""))

    def award(self, code: str, year: int, decision: Decision, *, person: int | None = None, unit: int | None = None,
              held_unit: int, period: tuple[int, int] | None = None, ctype: str = "cong_trang",
              achievement: str = "") -> None:
        subject_kind = "individual" if person else "collective"
        self.out.award.append((
            subject_kind, person, unit, held_unit, code, code in TITLES, year, period[0] if period else None,
            period[1] if period else None, ctype, decision.decided_on, decision.document, decision.number,
            decision.issuer, achievement, self.money(code, subject_kind, decision.decided_on), False, None, "",
            self.created_at,
        ))

    def initiative(self, person: int, unit: int, year: int, scope: str, co_authors: list[int],
                   used_for: str | None = None) -> None:
        rng = self.rng
        pk = self.next_initiative
        self.next_initiative += 1
        title = f"{rng.choice(VERBS)} {rng.choice(TOPICS)}"
        recognized = self._date(year, rng.randint(10, 12), rng.randint(1, 28))
        number, issuer = {
            "co_so": (f"{rng.randint(1, 60)}/QĐ-HĐSK", "Hội đồng sáng kiến cơ sở"),
            "tinh": (f"{rng.randint(100, 900)}/QĐ-UBND", "Hội đồng sáng kiến tỉnh"),
            "toan_quoc": (f"{rng.randint(100, 900)}/QĐ-BKHCN", "Bộ Khoa học và Công nghệ"),
        }[scope]
        self.out.initiative.append((pk, title, unit, year, scope, recognized, None, number, issuer, "", used_for,
                                    self.created_at))
        if co_authors and rng.random() < 0.15:
            other = rng.choice(co_authors)
            if other != person:
                share = rng.choice((60, 70, 50))
                self.out.author.append((pk, person, share))
                self.out.author.append((pk, other, 100 - share))
                return
        self.out.author.append((pk, person, 100))

    # --- people --------------------------------------------------------------------------

    def person(self, pk: int, years: list[tuple[int, int, str, int]], disciplined: set[int],
               colleagues: dict[tuple[int, int], list[int]], senior: bool, birth_year: int) -> None:
        """YEARS: (year, unit pk, rating, months) of one person, oldest first."""
        rng = self.rng
        habit = rng.random() < REGISTERS_HABITUALLY
        innovator = rng.random() < INNOVATORS
        cstdcs_run: list[int] = []  # consecutive CSTĐCS years since the last CSTĐ cấp tỉnh
        good_run = 0  # consecutive years rated HTTNV or better
        cstdcs_years: set[int] = set()
        last_bk: int | None = None
        last_bk_ttg: int | None = None
        previous_year = None
        for year, unit, rating, months in years:
            if previous_year is not None and year != previous_year + 1:
                cstdcs_run, good_run = [], 0
            previous_year = year
            good = rating in GOOD and year not in disciplined
            good_run = good_run + 1 if good else 0
            registered = rng.random() < (REGISTER_IF_HABIT if habit else REGISTER_OTHERWISE)
            # Registered at the start of the year: LĐTT, and CSTĐCS for those who aim higher.
            aims_higher = registered and (innovator or rng.random() < REGISTER_CSTDCS)
            if registered:
                self.register(pk, unit, year, "LDTT")
            if aims_higher:
                self.register(pk, unit, year, "CSTDCS")
            initiative_scope = None
            if innovator and rng.random() < INITIATIVE_YEAR:
                roll = rng.random()
                initiative_scope = "toan_quoc" if roll < NATIONAL_SCOPE else "tinh" if roll < TINH_SCOPE else "co_so"
            ldtt = good and registered and months >= 6 and rng.random() < LDTT_IF_QUALIFIED
            cstdcs = (ldtt and aims_higher and (rating == "HTXSNV" or initiative_scope)
                      and rng.random() < CSTDCS_IF_QUALIFIED)
            used_for = "CSTDCS" if cstdcs and rating != "HTXSNV" and initiative_scope else None
            if ldtt:
                self.award("LDTT", year, self.base_decision(unit, year), person=pk, held_unit=unit)
            if cstdcs:
                self.award("CSTDCS", year, self.base_decision(unit, year), person=pk, held_unit=unit)
                cstdcs_run.append(year)
                cstdcs_years.add(year)
            else:
                cstdcs_run = []
            cstd_tinh = len(cstdcs_run) >= 3 and rng.random() < CSTD_TINH_AFTER_CHAIN
            if cstd_tinh:
                # Law Art. 22: three CSTĐCS in a row and an initiative recognised province-wide.
                if initiative_scope not in ("tinh", "toan_quoc"):
                    self.initiative(pk, unit, year, "tinh", [], used_for="CSTD_TINH")
                else:
                    used_for = "CSTD_TINH"
                self.award("CSTD_TINH", year, self.provincial_decision(year), person=pk, held_unit=unit,
                           period=(year - 2, year))
                cstdcs_run = []
            if initiative_scope:
                self.initiative(pk, unit, year, initiative_scope, colleagues.get((unit, year), []), used_for=used_for)
            if (cstdcs and year - 1 in cstdcs_years and (last_bk is None or year - last_bk >= 2)
                    and rng.random() < BK_TINH_AFTER_TWO):
                self.award("BK_TINH", year, self.provincial_decision(year), person=pk, held_unit=unit,
                           period=(year - 1, year),
                           achievement=f"Có thành tích xuất sắc trong thực hiện nhiệm vụ năm {year - 1}–{year}")
                last_bk = year
            elif (last_bk is not None and year - last_bk >= 5 and good_run >= 5
                  and len({y for y in cstdcs_years if y > last_bk}) >= 3 and last_bk_ttg is None
                  and rng.random() < BK_TTG_AFTER_FIVE):
                # Law Art. 73(1)(b): five years after a Bằng khen tỉnh, all ≥ HTTNV, three CSTĐCS.
                self.award("BK_TTG", year, self.central_decision(year, "ttg"), person=pk, held_unit=unit,
                           period=(year - 4, year))
                last_bk_ttg = year
            if good and not ldtt and rng.random() < GK_SHARE:
                ctype = rng.choice(("cong_trang", "cong_trang", "phong_trao", "dot_xuat"))
                self.award("GK", year, self.base_decision(unit, year), person=pk, held_unit=unit, ctype=ctype,
                           achievement="Có thành tích trong phong trào thi đua" if ctype == "phong_trao" else "")
        # Long service of senior leaders (Decree 152/2025 Art. 21): a few HCLĐ hạng Ba.
        if senior and years and birth_year <= 1966 and rng.random() < 0.12:
            year, unit = years[-1][0], years[-1][1]
            self.award("HCLD3", year, self.central_decision(year, "ctn"), person=pk, held_unit=unit,
                       ctype="cong_hien", achievement="Có quá trình cống hiến lâu dài")

    # --- units ---------------------------------------------------------------------------

    def units(self, unit_ratings: list[tuple], leaders: dict[tuple[int, int], bool]) -> None:
        rng = self.rng
        by_unit: dict[int, list[tuple[int, str]]] = defaultdict(list)
        for _none, unit, year, rating, _months, _note in unit_ratings:
            by_unit[unit].append((year, rating))
        for unit, rows in by_unit.items():
            xs_years: set[int] = set()
            last_bk = None
            for year, rating in sorted(rows):
                self.register(None, unit, year, "TTLDTT")
                if rng.random() < 0.5:
                    self.register(None, unit, year, "TTLDXS")
                if rating in GOOD and rng.random() < TTLDTT_IF_QUALIFIED:
                    decision = self.base_decision(unit, year)
                    if rating == "HTXSNV" and rng.random() < TTLDXS_IF_HTXSNV:
                        self.award("TTLDXS", year, self.provincial_decision(year), unit=unit, held_unit=unit)
                        xs_years.add(year)
                    else:
                        self.award("TTLDTT", year, decision, unit=unit, held_unit=unit)
                if (unit, year) in leaders and rating in GOOD and rng.random() < CO_TINH_FOR_LEADER:
                    self.award("CO_TINH", year, self.provincial_decision(year), unit=unit, held_unit=unit,
                               achievement="Dẫn đầu khối thi đua")
                if (year in xs_years and year - 1 in xs_years and (last_bk is None or year - last_bk >= 3)
                        and rng.random() < 0.3):
                    self.award("BK_TINH", year, self.provincial_decision(year), unit=unit, held_unit=unit,
                               period=(year - 1, year))
                    last_bk = year

    def villages(self, villages: list[Node]) -> None:
        for node in villages:
            commune = self.level2.get(node.pk)
            for year in self.p.years:
                end = dt.date(year, 12, 31)
                if (node.active_from and node.active_from > end) or (node.active_until and node.active_until <= end):
                    continue
                if self.rng.random() < TDPVH_SHARE:
                    issuer, _suffix = _issuer(commune) if commune else ("Chủ tịch UBND xã", "QĐ-UBND")
                    decision = Decision(f"{self.rng.randint(100, 400)}/QĐ-UBND", self._date(year, 12, 20), issuer)
                    self.award("TDPVH", year, decision, unit=node.pk, held_unit=node.pk)

    def revoke_a_few(self, document_pk: int) -> None:
        """A dozen LĐTT revoked after an inspection: the ledger keeps them, struck through."""
        candidates = [i for i, row in enumerate(self.out.award) if row[4] == "LDTT" and row[1]]
        for index in self.rng.sample(candidates, min(REVOKED, len(candidates))):
            row = list(self.out.award[index])
            row[16], row[17], row[18] = True, document_pk, REVOKE_REASON
            self.out.award[index] = tuple(row)


def make_awards(rng: random.Random, tree: Tree, preset: Preset, people, unit_ratings: list[tuple],
                leaders: set[tuple[int, int]], prices: MoneyTable, *, first_initiative_pk: int,
                provincial_documents: dict[int, tuple[int, str, dt.date]], revocation_document_pk: int | None,
                created_at: dt.datetime, today: dt.date | None = None) -> AwardRows:
    """Awards and initiatives for PEOPLE (`people.PeopleRows`) and units, as insertable rows.

    LEADERS: (unit pk, year) of bloc leaders. PROVINCIAL_DOCUMENTS: achievement year →
    (document pk, number, issued_on) of the province's yearly award decision, when seeded.
    """
    builder = _Builder(rng, tree, preset, prices, created_at, provincial_documents, first_initiative_pk,
                       today or dt.date.today())
    by_person: dict[int, list[tuple[int, int, str, int]]] = defaultdict(list)
    colleagues: dict[tuple[int, int], list[int]] = defaultdict(list)
    for pk, unit, year, rating, months, _note in people.evaluation:
        by_person[pk].append((year, unit, rating, months))
        colleagues[(unit, year)].append(pk)
    disciplined: dict[int, set[int]] = defaultdict(set)
    for pk, _form, decided, _until, _reason in people.discipline:
        disciplined[pk].add(decided.year)
    seniors = {row[0] for row in people.person if row[5] and row[5].split()[0] in SENIOR_TITLES}
    births = {row[0]: row[3].year for row in people.person}
    for pk in sorted(by_person):
        years = sorted((y, u, r, m) for y, u, r, m in by_person[pk])
        builder.person(pk, years, disciplined.get(pk, set()), colleagues, pk in seniors, births.get(pk, 2000))
    builder.units(unit_ratings, dict.fromkeys(leaders, True))
    builder.villages([n for n in tree.nodes if n.kind == "thon_tdp"])
    if revocation_document_pk is not None:
        builder.revoke_a_few(revocation_document_pk)
    return builder.out

