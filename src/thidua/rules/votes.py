"""What a council vote must reach for an award kind, read from the rule set itself.

A rule that needs a council's secret ballot declares a `council_vote` condition with its
threshold (a share of all members) and article; kinds without one are decided by a simple
majority of the members present (democratic centralism, LAW.md §D6). Quorum figures are
rule-set settings too: provinces fix them in their council's regulation.
"""

from dataclasses import dataclass
from decimal import Decimal

from thidua.rules.declarations import Cond, iter_nodes
from thidua.rules.rulesets import RuleSet, get_ruleset


@dataclass(frozen=True)
class VoteRule:
    """`share` of `basis` ("members": all members of the council, "present": those present)
    must agree; `article` is what the figure applies; `fixed` when the rule set's rule for
    the kind sets it (a figure of the law), not the general majority a council's own
    regulation may replace."""

    share: Decimal
    basis: str
    article: str
    fixed: bool = False


def vote_rule(ruleset: str | RuleSet, code: str) -> VoteRule:
    chosen = ruleset if isinstance(ruleset, RuleSet) else get_ruleset(ruleset)
    rule = chosen.rules.get(code)
    if rule is not None:
        for _key, root in rule.roots:
            for node in iter_nodes(root):
                if isinstance(node, Cond) and node.name == "council_vote":
                    params = dict(node.params)
                    threshold = params["threshold"]
                    if isinstance(threshold, str) and threshold.startswith("$"):
                        threshold = chosen.settings[threshold[1:]]
                    return VoteRule(Decimal(str(threshold)), "members", chosen.article(node.article), fixed=True)
    return VoteRule(Decimal(str(chosen.settings["council_majority"])), "present",
                    chosen.articles.get("council", ""))


def quorum(ruleset: str | RuleSet) -> tuple[Decimal, Decimal]:
    """(share of members present for a valid session, share for a session that decides awards)."""
    chosen = ruleset if isinstance(ruleset, RuleSet) else get_ruleset(ruleset)
    return (Decimal(str(chosen.settings["council_quorum"])),
            Decimal(str(chosen.settings["council_award_attendance"])))


def count_written(ruleset: str | RuleSet) -> bool:
    """Whether absent members' written opinions count as votes (a council's regulation may
    say otherwise)."""
    chosen = ruleset if isinstance(ruleset, RuleSet) else get_ruleset(ruleset)
    return bool(chosen.settings.get("council_count_written", True))
