"""`{% draft_badge ruleset %}`: the "Dự thảo – chưa có hiệu lực" label beside a verdict judged
under a draft rule set. Takes a rule-set id or RuleSet; renders nothing for a set in force.
Every page showing verdicts loads it once, so no page can show a draft's verdict unlabelled."""

from django import template

from thidua import rules
from thidua.eligibility import selectors

register = template.Library()


@register.inclusion_tag("eligibility/includes/_draft_badge.html")
def draft_badge(ruleset) -> dict:
    if isinstance(ruleset, str):
        ruleset = rules.RULESETS.get(ruleset)
    return {"draft": ruleset if getattr(ruleset, "draft", False) else None}


@register.inclusion_tag("eligibility/includes/_draft_badge.html")
def year_draft_badge(year: int) -> dict:
    """The label for a page judging YEAR under whatever rule set is chosen for it (a list
    that holds no Answer of its own)."""
    return draft_badge(selectors.ruleset_for(int(year)))


@register.filter
def ruleset_title(ruleset_id: str) -> str:
    """A rule set's legal title for a page ("Luật Thi đua, khen thưởng 2022; Nghị định …"),
    never its id."""
    found = rules.RULESETS.get(ruleset_id)
    return found.title if found is not None else ruleset_id
