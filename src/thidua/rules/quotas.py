"""Limits over a proposed list (LAW.md case 10 and §B7): which are exceeded, by how many.

`check_quotas` looks at proposals, not at eligibility: every proposal is assumed eligible.
Limits come from the rule set's settings; a setting left null means "no limit".
"""

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from thidua.rules import labels
from thidua.rules.codes import award_label
from thidua.rules.rulesets import RuleSet, get_ruleset


@dataclass(frozen=True)
class Proposal:
    """One proposed award in a list: who (`subject`), what (`code`), the unit whose quota it
    counts against, the bloc for flags, and what ranks it when a limit cuts the list."""

    subject: str
    code: str
    unit: str | None = None
    bloc: str | None = None
    vote_share: float | None = None
    woman: bool = False


@dataclass(frozen=True)
class QuotaExcess:
    """A limit exceeded: `scope` is the unit or bloc, `over` the proposals ranked last that the
    limit leaves out (lowest vote share first out; women kept first on ties, Decree 152 Art. 4(6))."""

    limit: str
    scope: str
    allowed: int
    proposed: int
    excess: int
    message: str
    basis: str
    over: tuple[str, ...] = field(default=())


# A capped title, the titles its share is taken of, and the setting that caps it; read by
# every list that checks these limits (dossiers, the eligibility list).
SHARE_LIMITS: dict[str, tuple[tuple[str, ...], str]] = {
    "CSTDCS": (("LDTT", "CSTT"), "cstdcs_cap_pct_of_ldtt"),
    "TTLDXS": (("TTLDTT",), "ttldxs_cap_pct_of_ttldtt"),
}


def check_quotas(ruleset: str | RuleSet, proposals: Iterable[Proposal | Mapping]) -> list[QuotaExcess]:
    """Every limit of `ruleset` that the proposed list exceeds.

    - `cstdcs_cap_pct_of_ldtt`: per unit, CSTĐCS ≤ cap % of the unit's proposed LĐTT (rounded down);
    - `ttldxs_cap_pct_of_ttldtt`: per unit, TTLĐXS ≤ cap % of the unit's proposed TTLĐTT;
    - `flags_per_bloc`: per bloc, at most that many provincial flags (CO_TINH).
    """
    chosen = ruleset if isinstance(ruleset, RuleSet) else get_ruleset(ruleset)
    items = [p if isinstance(p, Proposal) else Proposal(**p) for p in proposals]
    settings = chosen.settings
    found: list[QuotaExcess] = []
    for code, (bases, setting) in SHARE_LIMITS.items():
        cap = settings[setting]
        if cap is not None:
            found += _share_limit(items, code, bases, cap, setting)
    per_bloc = settings["flags_per_bloc"]
    if per_bloc is not None:
        blocs: dict[str, list[Proposal]] = defaultdict(list)
        for p in items:
            if p.code == "CO_TINH":
                blocs[p.bloc or "(chưa có khối)"].append(p)
        for bloc, group in sorted(blocs.items()):
            if len(group) > per_bloc:
                excess = len(group) - per_bloc
                found.append(QuotaExcess(
                    limit="flags_per_bloc", scope=bloc, allowed=per_bloc, proposed=len(group), excess=excess,
                    message=f"Khối {bloc}: đề nghị {len(group)} {award_label('CO_TINH')}, vượt {excess} so với "
                            f"mức {per_bloc} cờ mỗi khối.",
                    basis=f"{labels.PROVINCE}: {labels.setting_line('flags_per_bloc', per_bloc)}",
                    over=_ranked_out(group, excess)))
    return found


def _share_limit(items, code, base_codes, cap_pct, setting) -> list[QuotaExcess]:
    by_unit: dict[str, list[Proposal]] = defaultdict(list)
    base_count: dict[str, int] = defaultdict(int)
    for p in items:
        unit = p.unit or "(chưa có đơn vị)"
        if p.code == code:
            by_unit[unit].append(p)
        elif p.code in base_codes:
            base_count[unit] += 1
    out = []
    for unit, group in sorted(by_unit.items()):
        allowed = math.floor(base_count[unit] * cap_pct / 100 + 1e-9)
        if len(group) > allowed:
            excess = len(group) - allowed
            base_names = " / ".join(award_label(c) for c in base_codes)
            out.append(QuotaExcess(
                limit=setting, scope=unit, allowed=allowed, proposed=len(group), excess=excess,
                message=f"Đơn vị {unit}: đề nghị {len(group)} {award_label(code)} trên {base_count[unit]} "
                        f"{base_names}; tối đa {cap_pct:g}% là {allowed}, vượt {excess}.",
                basis=f"{labels.PROVINCE}: {labels.setting_line(setting, cap_pct)}",
                over=_ranked_out(group, excess)))
    return out


def _ranked_out(group: list[Proposal], excess: int) -> tuple[str, ...]:
    # Kept first: higher vote share, then women (Decree 152 Art. 4(6)), then subject id for stability.
    ranked = sorted(group, key=lambda p: (-(p.vote_share or 0), not p.woman, p.subject))
    return tuple(p.subject for p in ranked[len(ranked) - excess:])
