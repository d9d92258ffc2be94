"""The dossier workflow as data (DESIGN.md §5, house style §10.5), read once from
data/workflows/dossier.yaml (or `settings.THIDUA_DOSSIER_WORKFLOW_FILE`).

`transitions()[(state, action)]` is a row of the transition engine
(`core.transitions.Transition`: target, perms, needs_reason, limit, on; `machines.DOSSIERS`
adds each action's verb, audit code and URL slug):
- `perms`: the permissions of which the actor needs one,
- `on`: "unit" (checked over the proposing unit) or "authority" (over the receiving
  authority's unit; a dossier sent outside the tree, over its own unit),
- `limit`: the key of `limits()` whose working days start the next step's clock, `KEEP`
  (the running deadline stays) or `CLEAR` (nothing is due any more).

`WorkflowError` names the file and the entry of anything malformed; the loader refuses
unknown states, actions, permissions and limits, so a typo fails at start-up, not when a
user presses the button.
"""

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml
from django.conf import settings

from thidua.core.roles import Perm
from thidua.core.transitions import Transition
from thidua.dossiers.models import DossierState

KEEP = ""
CLEAR = "none"

# Every action a service implements; the YAML may route them differently but not invent one.
ACTIONS = frozenset({
    "submit", "receive", "accept", "return", "resubmit", "open_consultation", "close_consultation",
    "to_council", "recall", "record_votes", "draft_decision", "decide", "refuse", "forward", "cancel",
})
_PERMS = frozenset(v for k, v in vars(Perm).items() if k.isupper())


class WorkflowError(ValueError):
    """data/workflows/dossier.yaml holds something the workflow cannot use."""


class _Loader(yaml.SafeLoader):
    """YAML whose only booleans are true and false. PyYAML reads YAML 1.1, where `on`, `off`,
    `yes`, `no` are booleans too: a transition's `on: authority` became `True: authority`
    and every transition was checked over the proposing unit."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                              list("tTfF"))
_TRANSITION_KEYS = frozenset({"from", "action", "to", "perm", "on", "limit", "needs_reason"})


@dataclass(frozen=True)
class Limit:
    working_days: int
    basis: str


@dataclass(frozen=True)
class DocumentKind:
    code: str
    name: str
    required: str  # always | for | never
    codes: frozenset[str]  # the award codes of `required: for`
    per_item: bool
    basis: tuple[str, ...]

    def required_for(self, kind: str) -> bool:
        return self.required == "always" or (self.required == "for" and kind in self.codes)


@dataclass(frozen=True)
class ReturnReason:
    code: str
    label: str
    targets: frozenset[str]  # "item", "dossier"


@dataclass(frozen=True)
class Workflow:
    transitions: dict[tuple[str, str], Transition]
    limits: dict[str, Limit]
    documents: dict[str, DocumentKind]
    return_reasons: dict[str, ReturnReason]
    return_fields: dict[str, str]
    consultation_days: int
    consultation_basis: str
    opinions_per_hour: int
    submission_deadlines: dict[str, tuple[int, int]]


def _path() -> Path:
    return Path(getattr(settings, "THIDUA_DOSSIER_WORKFLOW_FILE",
                        settings.DATA_DIR / "workflows" / "dossier.yaml"))


class _Reader:
    """Reads one workflow document, naming the file and the entry of anything malformed."""

    def __init__(self, source: str):
        self.source = source

    def fail(self, where: str, message: str):
        raise WorkflowError(f"{self.source}, {where}: {message}")

    def limits(self, raw) -> dict[str, Limit]:
        limits = {}
        for key, spec in (raw or {}).items():
            if not isinstance(spec, dict) or not isinstance(spec.get("working_days"), int) or spec["working_days"] < 0:
                self.fail(f"limits.{key}", "needs 'working_days', a whole number ≥ 0")
            if not spec.get("basis"):
                self.fail(f"limits.{key}", "needs a 'basis'")
            limits[key] = Limit(spec["working_days"], " ".join(str(spec["basis"]).split()))
        return limits

    def transition(self, where: str, spec, limits) -> Transition:
        states = set(DossierState.values)
        if not isinstance(spec, dict):
            self.fail(where, "expected a mapping")
        unknown = [str(key) for key in spec if key not in _TRANSITION_KEYS]
        if unknown:
            self.fail(where, f"unknown key «{', '.join(unknown)}» (one of {', '.join(sorted(_TRANSITION_KEYS))})")
        source_state, action, target = spec.get("from"), spec.get("action"), spec.get("to")
        if source_state not in states or target not in states:
            self.fail(where, f"unknown state «{source_state if source_state not in states else target}»")
        if action not in ACTIONS:
            self.fail(where, f"unknown action «{action}» (one of {', '.join(sorted(ACTIONS))})")
        perms = spec.get("perm")
        perms = tuple(perms) if isinstance(perms, list) else (perms,)
        if not perms or any(p not in _PERMS for p in perms):
            self.fail(where, f"unknown permission in «{spec.get('perm')}»")
        on = spec.get("on", "unit")
        if on not in ("unit", "authority"):
            self.fail(where, "'on' is 'unit' or 'authority'")
        limit = spec.get("limit") or KEEP
        if limit not in limits and limit not in (KEEP, CLEAR):
            self.fail(where, f"unknown limit «{limit}»")
        return Transition(source_state, action, target, perms, on=on, needs_reason=bool(spec.get("needs_reason")),
                          limit=limit)

    def transitions(self, raw, limits) -> dict[tuple[str, str], Transition]:
        rows: dict[tuple[str, str], Transition] = {}
        for index, spec in enumerate(raw or []):
            row = self.transition(f"transitions[{index}]", spec, limits)
            if (row.source, row.action) in rows:
                self.fail(f"transitions[{index}]", f"({row.source}, {row.action}) is listed twice")
            rows[(row.source, row.action)] = row
        return rows

    def documents(self, raw) -> dict[str, DocumentKind]:
        documents = {}
        for code, spec in (raw or {}).items():
            where = f"documents.{code}"
            if not isinstance(spec, dict) or not spec.get("name"):
                self.fail(where, "needs a 'name'")
            required = spec.get("required", "never")
            if required not in ("always", "for", "never"):
                self.fail(where, "'required' is always, for or never")
            codes = frozenset(spec.get("for") or ())
            if required == "for" and not codes:
                self.fail(where, "'required: for' needs the award codes in 'for'")
            if required != "never" and not spec.get("basis"):
                self.fail(where, "a required document needs its 'basis'")
            documents[code] = DocumentKind(code, spec["name"], required, codes, bool(spec.get("per_item")),
                                           tuple(" ".join(str(b).split()) for b in spec.get("basis") or ()))
        return documents

    def return_reasons(self, raw) -> dict[str, ReturnReason]:
        reasons = {}
        for code, spec in (raw or {}).items():
            targets = frozenset((spec or {}).get("for") or ())
            if not (spec or {}).get("label") or not targets or targets - {"item", "dossier"}:
                self.fail(f"return_reasons.{code}", "needs a 'label' and 'for' (item, dossier)")
            reasons[code] = ReturnReason(code, spec["label"], targets)
        return reasons

    def consultation(self, raw) -> tuple[int, str, int]:
        consultation = raw or {}
        days, per_hour = consultation.get("working_days"), consultation.get("opinions_per_hour", 5)
        if not isinstance(days, int) or days < 1:
            self.fail("consultation.working_days", "a whole number ≥ 1")
        if not isinstance(per_hour, int) or per_hour < 1:
            self.fail("consultation.opinions_per_hour", "a whole number ≥ 1")
        return days, " ".join(str(consultation.get("basis", "")).split()), per_hour

    def submission_deadlines(self, raw) -> dict[str, tuple[int, int]]:
        deadlines = {}
        for kind, text in (raw or {}).items():
            try:
                month, day = (int(part) for part in str(text).split("-"))
                if not (1 <= month <= 12 and 1 <= day <= 31):
                    raise ValueError
            except ValueError:
                self.fail(f"submission_deadlines.{kind}", f"«{text}» is not MM-DD")
            deadlines[kind] = (month, day)
        return deadlines


def parse(raw, source: str = "dossier.yaml") -> Workflow:
    """Validate the loaded YAML document RAW (see the module docstring)."""
    if not isinstance(raw, dict):
        raise WorkflowError(f"{source}: expected a mapping")
    read = _Reader(source)
    limits = read.limits(raw.get("limits"))
    days, basis, per_hour = read.consultation(raw.get("consultation"))
    return Workflow(read.transitions(raw.get("transitions"), limits), limits, read.documents(raw.get("documents")),
                    read.return_reasons(raw.get("return_reasons")), dict(raw.get("return_fields") or {}), days,
                    basis, per_hour, read.submission_deadlines(raw.get("submission_deadlines")))


@cache
def workflow() -> Workflow:
    path = _path()
    with path.open(encoding="utf-8") as handle:
        return parse(yaml.load(handle, Loader=_Loader), str(path))  # noqa: S506 - a SafeLoader subclass


def transitions() -> dict[tuple[str, str], Transition]:
    return workflow().transitions


def clear_cache() -> None:
    workflow.cache_clear()
