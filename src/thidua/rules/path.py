"""`plan_path`: a subject's path to its next awards ("Lộ trình khen thưởng", issue 14).

For each rung of the rule set's ladder — the titles and forms that apply to the subject,
ordered by the prerequisites their rules name (`previous_award`, `consecutive_titles`…) —
the planner judges the year under review with the subject's real facts, then the following
years on facts projected as "the run holds": each future year rated "hoàn thành xuất sắc
nhiệm vụ", a full year worked, registered for the ladder's titles, holding every title of
the ladder it then qualifies for, and granted every form it reaches (a collective keeps its
members' latest results). Every condition is the engine's own (conditions are never
re-implemented here), so a change to a condition flows into the path.

Conditions the run cannot bring are set apart: an initiative is something a person can
plan, so a rung that lacks only initiatives is reachable "if the initiatives come"
(`also`); a fact the case does not carry (bloc ranking, other points of an article) is
never assumed, and a rung that needs one is "not reachable by the run alone".
"""

import datetime as dt
from dataclasses import dataclass, replace

from thidua.rules.codes import AWARD_NAMES, RATING_NAMES, TITLE_CODES
from thidua.rules.context import Context
from thidua.rules.declarations import Cond, Group, iter_nodes
from thidua.rules.facts import Case, PriorAward, YearFacts
from thidua.rules.labels import condition_label
from thidua.rules.plans import compile_full
from thidua.rules.results import Status
from thidua.rules.rulesets import RuleSet, get_ruleset, ruleset_for_year

HORIZON = 8
# A condition met by a plan of the subject's own, not by the years: a new initiative.
_PLANNED = frozenset({"initiatives_of_scope"})
# A fact the case cannot carry: never assumed.
_DATA = frozenset({"needs_data"})
# Conditions whose codes are the rungs below: what orders the ladder.
_CHAIN = frozenset({"previous_award", "consecutive_titles", "count_titles_in_window", "title_or_qualifies",
                    "consecutive_chain_awards"})
_TITLE_COUNTS = frozenset({"count_titles_in_window", "consecutive_titles", "consecutive_chain_awards"})
_WAITS = frozenset({"years_since_previous_award_period", "title_not_within", "no_overlapping_award"})
_SCOPE_WORDS = {"co_so": "cơ sở", "tinh": "cấp bộ, ban, ngành, tỉnh", "toan_quoc": "cấp toàn quốc"}

_COMPILED: dict[tuple[int, int], tuple] = {}

MET, REACHABLE, LATER, BLOCKED = "met", "reachable", "later", "blocked"


@dataclass(frozen=True)
class Step:
    """One rung: `state` is MET (eligible in the year under review), REACHABLE (in `year`, if
    the run holds), LATER (only by the run, after the horizon) or BLOCKED (needs what the run
    cannot bring). `missing` says in words what the run still has to bring, `also` what is
    needed besides (initiatives), `blocked_by` what the run alone cannot bring."""

    code: str
    name: str
    state: str
    year: int | None = None
    missing: tuple[str, ...] = ()
    also: tuple[str, ...] = ()
    blocked_by: tuple[str, ...] = ()

    @property
    def is_title(self) -> bool:
        return self.code in TITLE_CODES


@dataclass(frozen=True)
class Path:
    year: int
    ruleset: str
    ruleset_title: str
    horizon: int
    steps: tuple[Step, ...]

    def step(self, code: str) -> Step | None:
        return next((s for s in self.steps if s.code == code), None)

    def next_step(self) -> Step | None:
        """The nearest award not met yet: the earliest year, the higher rung on a tie."""
        ahead = [(s.year, -i, s) for i, s in enumerate(self.steps) if s.state == REACHABLE]
        return min(ahead, key=lambda t: (t[0], t[1]))[2] if ahead else None


def ladder(ruleset: RuleSet, case: Case) -> list[str]:
    """The rule set's rungs for the subject: the rules that apply and that the years can move
    (not only facts the case cannot carry), lower rungs (those a rule names) first."""
    kind = case.subject_kind
    rules = {code: rule for code, rule in ruleset.rules.items() if rule.applies_to(case)}
    below: dict[str, set[str]] = {}
    for code, rule in rules.items():
        named = set()
        for node in iter_nodes(rule.root_for(kind)):
            if isinstance(node, Cond) and node.name in _CHAIN:
                params = dict(node.params)
                named.update(params.get("codes") or [params.get("code")])
        below[code] = {c for c in named if c in rules and c != code}
    depth: dict[str, int] = {}

    def depth_of(code, seen=()):
        if code not in depth:
            depth[code] = 1 + max((depth_of(c, (*seen, code)) for c in below[code] if c not in seen), default=-1)
        return depth[code]

    order = list(rules)
    movable = [c for c in order if below[c] or any(c in b for b in below.values()) or _moves(rules[c], kind)]
    return sorted(movable, key=lambda c: (depth_of(c), order.index(c)))


def _moves(rule, kind) -> bool:
    return any(isinstance(n, Cond) and n.name not in _DATA and not n.name.startswith(("council_", "note"))
               and n.name != "rating_at_least" for n in iter_nodes(rule.root_for(kind)))


def _named(node: Cond) -> list[str]:
    """The award codes a condition names (the rungs it counts)."""
    params = dict(node.params)
    return list(params.get("codes") or []) + [params[k] for k in ("code", "chain_code") if params.get(k)]


def _lower(text: str) -> str:
    return text[:1].lower() + text[1:]


def _by_years(node: Cond) -> bool:
    """Whether only more years (of titles, ratings or waiting) can meet the condition."""
    params = dict(node.params)
    return (node.name in _WAITS | _TITLE_COUNTS | {"previous_award", "years_at_least_rating"}
            or ("code" in params and isinstance(params.get("count"), int)) or ("level" in params and "years" in params))


def plan_path(case: Case, ruleset: str | RuleSet | None = None, *, horizon: int = HORIZON) -> Path:
    """The path of CASE (judged for `case.year`) under RULESET (else the one in force)."""
    if not isinstance(ruleset, RuleSet):
        ruleset = get_ruleset(ruleset) if ruleset else ruleset_for_year(case.year)
    return _Planner(case, ruleset, horizon).run()


class _Planner:
    def __init__(self, case: Case, ruleset: RuleSet, horizon: int):
        self.case, self.ruleset, self.horizon, self.now = case, ruleset, horizon, case.year
        self.kind = case.subject_kind
        self.codes = ladder(ruleset, case)
        self.granted: dict[str, int] = {}  # form → the year the path reaches it
        self.held: dict[int, set[str]] = {}  # projected year → titles the path gives it

    def run(self) -> Path:
        found: dict[str, Step] = {}
        first_blockers: dict[str, list] = {}
        last_blockers: dict[str, list] = {}
        case = self.case
        for year in range(self.now, self.now + self.horizon + 1):
            if year > self.now:
                case = self._project(case, year)
            grants = []
            for code in self.codes:
                if code in found and code not in TITLE_CODES:
                    continue
                ctx = Context(replace(case, year=year), self.ruleset)
                ok, blockers, planned = self._walk(ctx, self.ruleset.rules[code].root_for(self.kind), year)
                if ok and planned and year == self.now:
                    # The year under review is over: what it lacks is planned for the years ahead.
                    ok = False
                if not ok:
                    first_blockers.setdefault(code, blockers)
                    last_blockers[code] = blockers
                    continue
                if year > self.now and code in TITLE_CODES:
                    self.held.setdefault(year, set()).add(code)
                    case = self._with_title(case, year, code)
                elif code not in TITLE_CODES and not any(a.code == code for a in self.case.awards):
                    # A form the subject holds already stays the basis of the next rung: granting
                    # it again would only restart the waiting time of the rungs above.
                    self.granted.setdefault(code, year)
                    grants.append(code)
                if code not in found:
                    found[code] = self._reached(ctx, code, year, first_blockers.get(code, []), planned)
            # A form reached this year is decided next year: the basis of the rungs from then on.
            for code in grants:
                case = self._with_award(case, year, code)
        for code in self.codes:  # lower rungs first: a rung above a blocked one is blocked too
            if code not in found:
                found[code] = self._unreached(code, last_blockers.get(code, []), found)
        steps = [found[code] for code in self.codes]
        return Path(self.now, self.ruleset.id, self.ruleset.title, self.horizon, tuple(steps))

    # -- the run ------------------------------------------------------------------------------
    def _project(self, case: Case, year: int) -> Case:
        members = next((e.members for e in reversed(case.history) if e.members is not None), None)
        entry = YearFacts(year=year, rating="HTXSNV", months_worked=12, registered=frozenset(self.codes),
                          members=members if self.kind != "individual" else None)
        return replace(case, history=(*case.history, entry))

    @staticmethod
    def _with_title(case: Case, year: int, code: str) -> Case:
        history = tuple(replace(e, titles=e.titles | {code}) if e.year == year else e for e in case.history)
        return replace(case, history=history)

    @staticmethod
    def _with_award(case: Case, year: int, code: str) -> Case:
        # Decided early the next year for the achievement of the year reached.
        award = PriorAward(code=code, decided_on=dt.date(year + 1, 3, 1), period=(year, year))
        return replace(case, awards=(*case.awards, award))

    # -- the engine's conditions, with initiatives set apart ---------------------------------
    def _judge(self, ctx: Context, node: Cond, year: int):
        key = (id(self.ruleset), id(node))
        found = _COMPILED.get(key)
        if found is None:
            # The rule set and node are kept with their function so that their ids stay theirs.
            found = _COMPILED[key] = (self.ruleset, node, compile_full(node, self.ruleset))
        return found[2](ctx, year)

    def _walk(self, ctx: Context, node, year: int):
        """(passes, blockers, planned): blockers and planned as (node, outcome) pairs."""
        if isinstance(node, Cond):
            result = self._judge(ctx, node, year)
            if result.status is Status.PASS:
                return True, [], []
            outcome = result.outcomes[0] if result.outcomes else None
            if node.name in _PLANNED:
                return True, [], [(node, outcome)]
            return False, [(node, outcome)], []
        assert isinstance(node, Group)
        parts = [self._walk(ctx, item, year) for item in node.items] if node.mode == "all" else None
        if parts is not None:
            blockers = [b for _ok, bs, _p in parts for b in bs]
            planned = [p for _ok, _b, ps in parts for p in ps]
            return all(ok for ok, _b, _p in parts), blockers, planned
        relaxed, alternatives = None, []
        for item in node.items:
            ok, item_blockers, planned = self._walk(ctx, item, year)
            if ok and not planned:
                return True, [], []
            if ok and relaxed is None:
                relaxed = planned
            alternatives.append(item_blockers)
        if relaxed is not None:
            return True, [], relaxed
        # What is missing is said for the first alternative the years can bring (the law's
        # point that counts titles), not for every alternative at once.
        by_run = [bs for bs in alternatives if not any(n.name in _DATA for n, _o in bs)]
        return False, by_run[0] if by_run else [b for bs in alternatives for b in bs], []

    # -- words --------------------------------------------------------------------------------
    def _reached(self, ctx: Context, code: str, year: int, blockers, planned) -> Step:
        name = AWARD_NAMES.get(code, code)
        also = tuple(dict.fromkeys(self._initiative_words(ctx, node, year) for node, _o in planned))
        if year == self.now:
            return Step(code, name, MET, year)
        missing = [self._words(node, outcome, year) for node, outcome in blockers if node.name not in _DATA]
        return Step(code, name, REACHABLE, year, tuple(dict.fromkeys(w for w in missing if w)), also)

    def _unreached(self, code: str, blockers, found: dict[str, Step]) -> Step:
        name = AWARD_NAMES.get(code, code)
        data = [(n, o) for n, o in blockers if n.name in _DATA]
        run = [n for n, _o in blockers if n.name not in _DATA]
        below = [c for n in run for c in _named(n) if c in found and found[c].state == BLOCKED]
        if below:
            names = " hoặc ".join(dict.fromkeys(AWARD_NAMES.get(c, c) for c in below))
            return Step(code, name, BLOCKED, blocked_by=(f"cần đạt {names} trước",))
        if run and all(_by_years(n) for n in run):
            return Step(code, name, LATER)
        if data:
            words = [_lower(o.missing if o and o.missing else condition_label(n.name)) for n, o in data]
            return Step(code, name, BLOCKED, blocked_by=tuple(dict.fromkeys(f"cần bổ sung: {w}" for w in words)))
        words = [_lower(condition_label(n.name)) for n, _o in blockers]
        return Step(code, name, BLOCKED, blocked_by=tuple(dict.fromkeys(words)))

    def _still_needed(self, params: dict, name: str, year: int) -> int:
        """How many more times the title is needed: those the path gives it in the condition's
        window ending `year`, no more than the window still lacks after the real years."""
        code, count = params["code"], params["count"]
        if name == "consecutive_titles":
            first = year - count + 1
        elif isinstance(params.get("years"), int):
            first = year - params["years"] + 1
        else:  # a run counted since an earlier award: whatever the path gives it from now on
            first = self.now + 1
        projected = sum(1 for y in range(max(first, self.now + 1), year + 1) if code in self.held.get(y, ()))
        real = sum(1 for y in range(first, self.now + 1) if code in self.case.entry(y).titles)
        return max(1, min(projected, count - real))

    def _words(self, node: Cond, outcome, year: int) -> str:
        params, name = dict(node.params), node.name
        # By the parameters as much as by the name, so that a condition reworded or added for
        # a run rule (issue 14's unbroken runs) still reads in words.
        if name in _TITLE_COUNTS or ("code" in params and isinstance(params.get("count"), int)):
            code = params["code"]
            return f"còn thiếu {self._still_needed(params, name, year)} lần {AWARD_NAMES.get(code, code)}"
        if name == "title_or_qualifies":
            # The alternative this subject can hold (CSTT for the armed forces, LĐTT otherwise).
            code = next((c for c in params["codes"] if c in self.codes), params["codes"][0])
            return f"đạt danh hiệu {AWARD_NAMES.get(code, code)} năm {year}"
        if name == "years_at_least_rating" or ("level" in params and "years" in params):
            level = params["level"]
            words = RATING_NAMES[level] + ("" if level == "HTXSNV" else " trở lên")
            window = params.get("at_least") or params.get("years")
            years = year - self.now if not isinstance(window, int) else min(year - self.now, window)
            return f"còn thiếu {years} năm xếp loại {words}"
        if name == "previous_award":
            names = " hoặc ".join(AWARD_NAMES.get(c, c) for c in params["codes"])
            when = [self.granted[c] for c in params["codes"] if c in self.granted]
            return f"cần được tặng {names} trước" + (f" (theo lộ trình: năm {min(when)})" if when else "")
        if name in _WAITS:
            return f"chờ đủ thời gian kể từ lần khen thưởng trước (sớm nhất năm {year})"
        if name == "registered_for":
            code = params["code"]
            return f"đăng ký thi đua {AWARD_NAMES.get(code, code)} từ đầu năm"
        if name == "rating_at_least":
            level = params["level"]
            return f"xếp loại {RATING_NAMES[level]}" + ("" if level == "HTXSNV" else " trở lên")
        return _lower(condition_label(name))

    def _initiative_words(self, ctx: Context, node: Cond, year: int) -> str:
        """"cần thêm 1 sáng kiến được cơ sở công nhận": how many more, by the engine's own count."""
        params = dict(node.params)
        count = params["count"]
        free = 0
        for fewer in range(count - 1, 0, -1):
            probe = replace(node, params=tuple((k, fewer if k == "count" else v) for k, v in node.params))
            if compile_full(probe, self.ruleset)(ctx, year).status is Status.PASS:
                free = fewer
                break
        scope = _SCOPE_WORDS.get(params["scope"], params["scope"])
        return f"cần thêm {count - free} sáng kiến được {scope} công nhận"
