"""One transition engine for every state machine of thidua (issue 11): registration sheets,
pledges, scoring rounds, dossiers and their items, council meetings and decisions.

A `Machine` is a table, one `Transition` row per (source state, action): the target, the
permissions of which the actor needs one, which of the object's units the actor's role must
cover (`on`: a key of the machine's `units`), whether a reason is required, the time limit
that starts (dossiers), the Vietnamese verb, the audit code and the URL slug. Services ask
it three things:

- `may(actor, obj, action)`: whether the actor may take ACTION on OBJ now (pages, buttons);
- `check(actor, obj, action, reason=…)`: the row, or the refusal (`ApplicationError` for a
  wrong state or a missing reason, a logged `PermissionDenied` for a missing right);
- `move(actor, obj, row, …)`: state, save, the machine's own bookkeeping (`on_move`: a
  dossier's timeline and clock), one audit row, and the `after_commit` hooks (the handoff
  notices of `notices.handoffs`), run once the transaction commits.

`step` is `check` then `move`. Only this module assigns an object's state: a test reads
src/ and fails on any other assignment. Rows without permissions (`perms=()`) belong to a
machine whose objects move with their owner (a dossier's items): `shift` and `shift_all`
move them without a check or an audit of their own, refusing a move the table lacks.

Templates ask the machine through the `{% may %}`/`state_is` template tags, not the string.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import models, transaction
from django.utils import translation
from django.utils.functional import Promise

from thidua.core import access, audit
from thidua.core.errors import ApplicationError

STATE = "state"


@dataclass(frozen=True)
class Transition:
    source: str
    action: str
    target: str
    perms: tuple[str, ...] = ()
    on: str = "unit"
    needs_reason: bool = False
    limit: str = ""
    verb: str | Promise = ""
    audit: str = ""
    slug: str = ""

    @property
    def url_slug(self) -> str:
        return self.slug or self.action.replace("_", "-")


class MachineError(ValueError):
    """A machine's table names a state, a unit or a message it does not have."""


Authorise = Callable[[Any, Any, Transition], bool]


@dataclass
class Machine:
    """The table of NAME's moves over MODEL's `state` field (`states`: its TextChoices).

    units: `on` key → the unit path of an object the row's permission must cover.
    authorise: overrides the permission rule (pledges ask the bloc standing, registration
      sheets accept the late permission too); it gets the row.
    blocked: the refusal (an ApplicationError) that stops an actor who holds the right, or
      None (a registration sheet past its movement's deadline); `may` answers False then.
    wrong_state / needs_reason: the machine's own Vietnamese messages, formatted with
      `action` (the verb) and `state` (the current state's label); wrong_state may be a
      mapping action → message where a machine words a refusal per action.
    on_move(actor, obj, row, previous, **detail): runs inside the transaction, after the
      save (a dossier writes its timeline line there).
    view_name: the app's one transition view (URL args: the object's pk and the row's slug).
    tones: state → the Bootstrap colour its badge wears (`{% state_badge %}`), the same on every page.
    """

    name: str
    model: type[models.Model]
    states: type[models.TextChoices]
    rows: Iterable[Transition]
    units: Mapping[str, Callable[[Any], str]] = field(default_factory=dict)
    authorise: Authorise | None = None
    blocked: Callable[[Any, Any, Transition], ApplicationError | None] | None = None
    wrong_state: str | Promise | Mapping[str, str | Promise] = ""
    needs_reason: str | Promise = ""
    reason_field: str = "reason"
    audit_unit: str = "unit"
    on_move: Callable[..., None] | None = None
    view_name: str = ""
    tones: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self):
        self.table: dict[tuple[str, str], Transition] = {}
        # hook(actor, obj, row, reason=...): run once the move's transaction commits, so a
        # notice or an e-mail never tells of a move that was rolled back.
        self.after_commit: list[Callable[..., None]] = []
        for row in self.rows:
            self.add(row)

    # --- the table --------------------------------------------------------------------------

    def add(self, row: Transition) -> None:
        states = set(self.states.values)
        for state in (row.source, row.target):
            if state not in states:
                raise MachineError(f"{self.name}: unknown state {state!r} in {row}")
        if row.perms and self.authorise is None and row.on not in self.units:
            raise MachineError(f"{self.name}: unknown unit {row.on!r} in {row}")
        if (row.source, row.action) in self.table:
            raise MachineError(f"{self.name}: ({row.source}, {row.action}) is listed twice")
        self.table[(row.source, row.action)] = row

    def replace(self, rows: Iterable[Transition]) -> None:
        """Load a new table (a dossier workflow file read again)."""
        self.table = {}
        for row in rows:
            self.add(row)

    def row(self, state: str, action: str) -> Transition | None:
        return self.table.get((state, action))

    def rows_for(self, action: str) -> list[Transition]:
        return [row for (_state, a), row in self.table.items() if a == action]

    def sources(self, action: str) -> tuple[str, ...]:
        """The states ACTION leaves from (for queries: `state__in=machine.sources("x")`)."""
        return tuple(row.source for row in self.rows_for(action))

    def by_slug(self, slug: str) -> str | None:
        """The action whose URL slug is SLUG."""
        return next((row.action for row in self.table.values() if row.url_slug == slug), None)

    def verb(self, action: str) -> str:
        row = next(iter(self.rows_for(action)), None)
        return str(row.verb) if row is not None and row.verb else action

    def label(self, state: str) -> str:
        return str(self.states(state).label)

    def state_of(self, obj) -> str:
        return getattr(obj, STATE)

    # --- asking ---------------------------------------------------------------------------

    def _allowed(self, actor, obj, row: Transition) -> bool:
        if self.authorise is not None:
            return self.authorise(actor, obj, row)
        path = self.units[row.on](obj)
        return any(access.covers(actor, perm, path) for perm in row.perms)

    def may(self, actor, obj, action: str) -> bool:
        """Whether ACTOR may take ACTION on OBJ now: the rule `check` applies, asked without
        logging a refusal."""
        row = self.row(self.state_of(obj), action)
        return row is not None and self._allowed(actor, obj, row) and not self._blocked(actor, obj, row)

    def _blocked(self, actor, obj, row: Transition) -> ApplicationError | None:
        return self.blocked(actor, obj, row) if self.blocked is not None else None

    def holds_role(self, actor, obj, action: str) -> bool:
        """Whether ACTOR holds the right ACTION needs on OBJ in some state: a page answers a
        press in the wrong state with the service's message, not with a 403."""
        return any(self._allowed(actor, obj, row) for row in self.rows_for(action))

    def _wrong_state(self, obj, action: str) -> ApplicationError:
        message = self.wrong_state
        if isinstance(message, Mapping):
            message = message[action]
        values = {"action": self.verb(action), "state": self.label(self.state_of(obj))}
        return ApplicationError(message % values if "%(" in str(message) else message)

    def check(self, actor, obj, action: str, *, reason: str = "") -> Transition:
        """The row for (OBJ's state, ACTION) once ACTOR may take it. OBJ was fetched through
        the scope (a 404 is the caller's), locked when the caller will move it."""
        row = self.row(self.state_of(obj), action)
        if row is None:
            raise self._wrong_state(obj, action)
        if not self._allowed(actor, obj, row):
            access.refuse(actor, f"{self.name}.{action}", obj)
        refusal = self._blocked(actor, obj, row)
        if refusal is not None:
            raise refusal
        if row.needs_reason and not (reason or "").strip():
            raise ApplicationError(self.needs_reason % {"action": self.verb(action)}, {"field": self.reason_field})
        return row

    # --- moving ---------------------------------------------------------------------------

    def move(self, actor, obj, row: Transition, *, reason: str = "", fields: Iterable[str] = (),
             before: Mapping | None = None, after: Mapping | None = None, **detail) -> Any:
        """Move OBJ along ROW: its state (and FIELDS the caller set) saved, the machine's
        `on_move`, one audit row (ROW's code; BEFORE/AFTER add to the state's labels), and
        the after-commit hooks. Returns OBJ."""
        previous = self.state_of(obj)
        if previous != row.source:
            raise self._wrong_state(obj, row.action)
        setattr(obj, STATE, row.target)
        obj.save(update_fields=[STATE, *fields])
        if self.on_move is not None:
            self.on_move(actor, obj, row, previous, reason=reason, **detail)
        if row.audit:
            unit_path = self.units[self.audit_unit](obj) if self.audit_unit in self.units else ""
            with translation.override("vi"):  # the audit trail reads the same in every session
                old, new = self.label(previous), self.label(row.target)
            audit.record(actor=actor, action=row.audit, target=obj, unit_path=unit_path,
                         before={STATE: old, **(before or {})}, after={STATE: new, **(after or {})},
                         reason=(reason or "").strip())
        reason = (reason or "").strip()
        for hook in self.after_commit:
            transaction.on_commit(lambda hook=hook: hook(actor, obj, row, reason=reason))
        return obj

    def step(self, actor, obj, action: str, *, reason: str = "", fields: Iterable[str] = (),
             before: Mapping | None = None, after: Mapping | None = None, **detail) -> Any:
        """`check` then `move`."""
        row = self.check(actor, obj, action, reason=reason)
        return self.move(actor, obj, row, reason=reason, fields=fields, before=before, after=after, **detail)

    def shift(self, obj, action: str) -> Transition:
        """Set OBJ's state along (its state, ACTION) in memory, without a check or a save: for
        objects that move with their owner (the owner's step checked and audits; the caller
        saves, often in bulk). Refuses a move the table lacks."""
        row = self.row(self.state_of(obj), action)
        if row is None:
            raise self._wrong_state(obj, action)
        setattr(obj, STATE, row.target)
        return row

    def shift_all(self, queryset: models.QuerySet, action: str, **fields) -> int:
        """Move every row of QUERYSET that ACTION leaves from (and set FIELDS): one UPDATE."""
        targets = {row.target for row in self.rows_for(action)}
        if len(targets) != 1:
            raise MachineError(f"{self.name}: {action} does not lead to one state")
        return queryset.filter(**{f"{STATE}__in": self.sources(action)}).update(**{STATE: targets.pop()}, **fields)


def state_constraint(label: str, states: type[models.TextChoices]) -> models.CheckConstraint:
    """The CheckConstraint (in a model's Meta) that keeps a `state` column to STATES, named
    LABEL_state; the architecture tests compare it with the machine's states."""
    return models.CheckConstraint(condition=models.Q(**{f"{STATE}__in": list(states.values)}), name=f"{label}_state")


MACHINES: dict[str, Machine] = {}


def register(machine: Machine) -> Machine:
    """Name MACHINE for the template tags and the architecture tests."""
    MACHINES[machine.name] = machine
    return machine


def machine_for(obj) -> Machine:
    for machine in MACHINES.values():
        if isinstance(obj, machine.model):
            return machine
    raise MachineError(f"no machine for {type(obj).__name__}")
