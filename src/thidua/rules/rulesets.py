"""Rule sets: versions of the rules by legal text in force, loaded from YAML.

A rule-set file (data/rulesets/*.yaml) holds its id, title, the years it is chosen for,
its settings, an article table, the reward coefficients and the rules. A file may
`extends:` another and then only states what differs: settings, articles, coefficients,
rules added, patched (add / replace / remove conditions) or redefined. That is how a
province layers a stricter rule set on the national one, as data, without code.

`RULESETS` maps id → RuleSet for every concrete (non-abstract) set of the rule-set folder:
`THIDUA_RULESETS_DIR` when set, else <repository>/data/rulesets. It loads on first use.
"""

import datetime as dt
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from thidua.rules.declarations import PATCH_KEYS, Cond, Rule, build_rule, iter_nodes, patch_rule
from thidua.rules.errors import RulesetError

# Every setting a rule set may carry, with its check. Figures the law leaves to provinces or
# that are unconfirmed live here, never as constants in code (LAW.md preamble).
SETTINGS: dict[str, tuple[str, Any]] = {
    "registration_required": ("bool", None),
    "min_months_worked": ("int", (0, 12)),
    "members_ldtt_share": ("number", (0, 1)),
    "cstdcs_cap_pct_of_ldtt": ("number?", (0, 100)),
    "ttldxs_cap_pct_of_ttldtt": ("number?", (0, 100)),
    "flags_per_bloc": ("int?", (0, 1000)),
    "vote_threshold_cstdcs": ("number", (0, 1)),
    "vote_threshold_flag": ("number", (0, 1)),
    "vote_threshold_cstd": ("number", (0, 1)),
    "council_quorum": ("number", (0, 1)),
    "council_award_attendance": ("number", (0, 1)),
    "council_majority": ("number", (0, 1)),
    "council_count_written": ("bool", None),
}
_FILE_KEYS = {"id", "title", "extends", "abstract", "years", "earlier_years_note", "sources",
              "settings", "articles", "rules", "unconfirmed", "draft", "in_force_from", "stands_for"}


@dataclass(frozen=True)
class RuleSet:
    """A resolved rule set. `rules` keeps declaration order, which is the verdict order."""

    id: str
    title: str
    settings: Mapping[str, Any]
    articles: Mapping[str, str]
    rules: Mapping[str, Rule]
    years: tuple[int | None, int | None] | None = None
    # {"before": year, "text": "... {year} ..."}: said in every verdict for a year before `before`.
    earlier_years_note: Mapping[str, Any] | None = None
    extends: str | None = None
    abstract: bool = False
    sources: tuple[str, ...] = ()
    # Keys of `articles` whose citation docs/law.md has not confirmed for this set (a
    # predecessor's article standing in): cited in reasons, never as the law's own figure.
    unconfirmed: frozenset[str] = frozenset()
    # A draft (a bill not yet law): never chosen for a year unless an administrator switched
    # it on, and every page judging with it says so. `stands_for` is the id the law will
    # take once its text is read ("2026-10"); asking for that id names the draft instead.
    draft: bool = False
    stands_for: str | None = None
    # The day the text takes effect: a dossier received earlier keeps the parent set unless
    # this one is more favourable (thidua.rules.transition).
    in_force_from: dt.date | None = None
    # Compiled plans (thidua.rules.plans), built on first use; a RuleSet is frozen, so they
    # never go stale, and `dataclasses.replace` starts with none.
    _compiled: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    def article(self, ref: str) -> str:
        """Resolve "@key" through the article table; anything else is the citation itself."""
        if isinstance(ref, str) and ref.startswith("@"):
            return self.articles[ref[1:]]
        return ref

    def confirmed(self, citation: str) -> bool:
        """Whether CITATION is not one of the articles this set marks unconfirmed."""
        return all(self.articles.get(key) != citation for key in self.unconfirmed)

    def chosen_for(self, year: int) -> bool:
        if self.years is None:
            return False
        first, last = self.years
        return (first is None or year >= first) and (last is None or year <= last)


def load_documents(directory: Path) -> dict[str, tuple[dict, str]]:
    """Every rule-set document of `directory`, by id, with the file it came from."""
    import yaml  # PyYAML; imported here so the engine's pure parts load without it

    docs: dict[str, tuple[dict, str]] = {}
    for path in sorted(Path(directory).glob("*.yaml")):
        with path.open(encoding="utf-8") as handle:
            data = yaml.safe_load(handle)
        if not isinstance(data, dict) or not isinstance(data.get("id"), str):
            raise RulesetError(f"{path.name}: tệp bộ quy tắc cần khóa id")
        if data["id"] in docs:
            raise RulesetError(f"{path.name}: id «{data['id']}» trùng với {docs[data['id']][1]}")
        docs[data["id"]] = (data, path.name)
    return docs


def resolve_all(docs: Mapping[str, tuple[dict, str]], base: Mapping[str, RuleSet] | None = None) -> dict[str, RuleSet]:
    """Resolve every document (following `extends`, in `docs` or already-resolved `base`)."""
    resolved: dict[str, RuleSet] = dict(base or {})
    done: set[str] = set()
    active: list[str] = []

    def resolve(ruleset_id: str, where: str) -> RuleSet:
        if ruleset_id in done or (ruleset_id not in docs and ruleset_id in resolved):
            return resolved[ruleset_id]
        if ruleset_id in active:
            raise RulesetError(f"{where}: vòng lặp extends {' → '.join([*active, ruleset_id])}")
        if ruleset_id not in docs:
            raise RulesetError(f"{where}: không có bộ quy tắc «{ruleset_id}» để kế thừa")
        active.append(ruleset_id)
        data, filename = docs[ruleset_id]
        parent = resolve(data["extends"], filename) if data.get("extends") else None
        resolved[ruleset_id] = _build(data, filename, parent)
        done.add(ruleset_id)
        active.pop()
        return resolved[ruleset_id]

    for ruleset_id in docs:
        resolve(ruleset_id, docs[ruleset_id][1])
    return resolved


def ruleset_from_mapping(data: dict, base: Mapping[str, RuleSet] | None = None, filename: str = "<dict>") -> RuleSet:
    """One rule set from a mapping, extending a set of `base` (RULESETS by default)."""
    parents = dict(base if base is not None else RULESETS.all())
    return resolve_all({data["id"]: (data, filename)}, parents)[data["id"]]


def _build(data: dict, filename: str, parent: RuleSet | None) -> RuleSet:
    unknown = set(data) - _FILE_KEYS
    if unknown:
        raise RulesetError(f"{filename}: khóa không hợp lệ {sorted(unknown)}")
    settings = dict(parent.settings) if parent else {}
    for key, value in (data.get("settings") or {}).items():
        settings[key] = _check_setting(key, value, filename)
    articles = dict(parent.articles) if parent else {}
    for key, value in (data.get("articles") or {}).items():
        if not isinstance(value, str) or not value.strip():
            raise RulesetError(f"{filename}: articles.{key}: trích dẫn rỗng")
        articles[key] = value
    rules: dict[str, Rule] = dict(parent.rules) if parent else {}
    for code, rule_data in (data.get("rules") or {}).items():
        where = f"{filename}: rules.{code}"
        is_patch = isinstance(rule_data, Mapping) and set(rule_data) <= PATCH_KEYS
        if is_patch:
            if code not in rules:
                raise RulesetError(f"{where}: không có quy tắc «{code}» để sửa")
            rules[code] = patch_rule(rules[code], rule_data, where)
        else:
            rules[code] = build_rule(code, rule_data, where)
    abstract = bool(data.get("abstract", False))
    note = data.get("earlier_years_note", parent.earlier_years_note if parent else None)
    if note is not None and not (isinstance(note, Mapping) and isinstance(note.get("before"), int)
                                 and isinstance(note.get("text"), str)):
        raise RulesetError(f"{filename}: earlier_years_note cần before (năm) và text")
    ruleset = RuleSet(
        id=data["id"],
        title=str(data.get("title", parent.title if parent else data["id"])),
        settings=MappingProxyType(settings),
        articles=MappingProxyType(articles),
        rules=MappingProxyType(rules),
        years=_pair(data.get("years"), f"{filename}: years", int),
        earlier_years_note=note,
        extends=data.get("extends"),
        abstract=abstract,
        sources=tuple(data.get("sources", ())),
        unconfirmed=frozenset(data.get("unconfirmed", parent.unconfirmed if parent else ())),
        # Never inherited: a set extending a draft is a draft only if it says so.
        draft=_flag(data.get("draft", False), f"{filename}: draft"),
        stands_for=data.get("stands_for"),
        in_force_from=None if data.get("in_force_from") is None else _to_date(data["in_force_from"]),
    )
    if not abstract:
        _check_complete(ruleset, filename)
    return ruleset


def _check_setting(key: str, value: Any, filename: str):
    if key not in SETTINGS:
        raise RulesetError(f"{filename}: settings.{key}: thiết lập không tồn tại ({', '.join(SETTINGS)})")
    kind, bounds = SETTINGS[key]
    if kind.endswith("?") and value is None:
        return None
    base = kind.rstrip("?")
    if base == "bool":
        ok = isinstance(value, bool)
    elif base == "int":
        ok = isinstance(value, int) and not isinstance(value, bool)
    else:
        ok = isinstance(value, int | float) and not isinstance(value, bool)
    if not ok or (bounds and not bounds[0] <= value <= bounds[1]):
        raise RulesetError(f"{filename}: settings.{key}: giá trị «{value}» không hợp lệ")
    return value


def _check_complete(ruleset: RuleSet, filename: str) -> None:
    absent = set(SETTINGS) - set(ruleset.settings)
    if absent:
        raise RulesetError(f"{filename}: thiếu thiết lập {sorted(absent)}")
    for code, rule in ruleset.rules.items():
        for node in (n for _kind, root in rule.roots for n in iter_nodes(root)):
            if not isinstance(node, Cond):
                continue
            refs = [node.article, *(v for _k, v in node.params if isinstance(v, str))]
            for ref in refs:
                if ref.startswith("@") and ref[1:] not in ruleset.articles:
                    raise RulesetError(f"{filename}: rules.{code}: trích dẫn «{ref}» không có trong articles")
                if ref.startswith("$") and ref[1:] not in ruleset.settings:
                    raise RulesetError(f"{filename}: rules.{code}: thiết lập «{ref}» không tồn tại")


def _pair(value, where: str, convert):
    if value is None:
        return None
    if not isinstance(value, list | tuple) or len(value) != 2:
        raise RulesetError(f"{where}: cần [đầu, cuối]")
    try:
        return tuple(None if v is None else convert(v) for v in value)
    except (TypeError, ValueError) as error:
        raise RulesetError(f"{where}: {error}") from error


def _flag(value, where: str) -> bool:
    if not isinstance(value, bool):
        raise RulesetError(f"{where}: cần true hoặc false")
    return value


def _to_date(value) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def default_directory() -> Path:
    configured = os.environ.get("THIDUA_RULESETS_DIR")
    if configured:
        return Path(configured)
    return Path(__file__).resolve().parents[3] / "data" / "rulesets"


class _Registry(Mapping):
    """The concrete rule sets of the rule-set folder, loaded on first use."""

    def __init__(self):
        self._sets: dict[str, RuleSet] | None = None
        self._by_year: dict[tuple, RuleSet] = {}  # ruleset_for_year, forgotten on any change

    def _load(self) -> dict[str, RuleSet]:
        if self._sets is None:
            self._sets = resolve_all(load_documents(default_directory()))
        return self._sets

    def all(self) -> dict[str, RuleSet]:
        """Every resolved set, abstract ones included (what a layer may extend)."""
        return dict(self._load())

    def reload(self) -> None:
        self._sets = None
        self._by_year = {}

    def register(self, ruleset: RuleSet) -> None:
        """Add a set resolved elsewhere (a province file outside the folder, a test layer)."""
        self._load()[ruleset.id] = ruleset
        self._by_year = {}

    def __getitem__(self, key: str) -> RuleSet:
        found = self._load()[key]
        if found.abstract:
            raise KeyError(key)
        return found

    def __iter__(self) -> Iterator[str]:
        return (k for k, v in self._load().items() if not v.abstract)

    def __len__(self) -> int:
        return sum(1 for _ in self)


RULESETS = _Registry()


def get_ruleset(ruleset_id: str) -> RuleSet:
    """The concrete rule set `ruleset_id`; RulesetError when there is none."""
    try:
        return RULESETS[ruleset_id]
    except KeyError:
        draft = next((rs for rs in RULESETS.values() if rs.stands_for == ruleset_id), None)
        if draft is not None:
            raise RulesetError(pending_message(ruleset_id, draft)) from None
        known = ", ".join(sorted(RULESETS))
        raise RulesetError(f"bộ quy tắc «{ruleset_id}» không tồn tại (có: {known})") from None


def pending_message(ruleset_id: str, draft: RuleSet) -> str:
    """What a user reads when asking for a law not yet encoded that a draft stands in for."""
    since = f" (dự kiến có hiệu lực từ {draft.in_force_from:%d/%m/%Y})" if draft.in_force_from else ""
    return (f"Bộ quy tắc «{ruleset_id}»{since} chưa được mã hóa: chưa đọc được văn bản luật chính thức. "
            f"Chỉ có bộ quy tắc dự thảo «{draft.id}» (Dự thảo – chưa có hiệu lực), "
            "dùng khi quản trị hệ thống bật.")


def ruleset_for_year(year: int, drafts: frozenset[str] = frozenset()) -> RuleSet:
    """The rule set in force for the year judged (judged at its end): the one whose `years`
    cover it, the latest-starting one when several do; years before the first covered year
    fall to the earliest set. A draft is a candidate only when its id is in DRAFTS (the
    drafts an administrator switched on)."""
    key = (year, frozenset(drafts))
    found = RULESETS._by_year.get(key)
    if found is None:
        found = RULESETS._by_year[key] = _ruleset_for_year(year, key[1])
    return found


def _ruleset_for_year(year: int, drafts: frozenset[str]) -> RuleSet:
    candidates = [rs for rs in RULESETS.values() if rs.years is not None and (not rs.draft or rs.id in drafts)]
    covering = [rs for rs in candidates if rs.chosen_for(year)]
    if covering:
        return max(covering, key=lambda rs: rs.years[0] or -1)
    earliest = min(candidates, key=lambda rs: rs.years[0] or -1, default=None)
    if earliest is None:
        raise RulesetError(f"không có bộ quy tắc nào cho năm {year}")
    return earliest
