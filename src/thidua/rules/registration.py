"""Which registrations count for a title: its own, and those of the higher titles whose
standards include it (`registered_for` with `covered_by`, Law Art. 23(1): a registration for
CSTĐCS covers LĐTT). For code outside the engine that narrows candidates by registration."""

from thidua.rules.declarations import Cond, iter_nodes


def registration_codes(ruleset, code: str) -> frozenset[str]:
    """The codes whose registration meets `code`'s registration condition in RULESET."""
    found = {code}
    rule = ruleset.rules.get(code)
    for _kind, root in rule.roots if rule else ():
        for node in iter_nodes(root):
            if isinstance(node, Cond) and node.name == "registered_for":
                params = dict(node.params)
                if params.get("code") == code:
                    found.update(params.get("covered_by", ()))
    return frozenset(found)
