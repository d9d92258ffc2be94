"""`render_human`: an Answer as Vietnamese sentences, for `thidua rules check --human`."""

from thidua.rules.codes import AWARD_NAMES
from thidua.rules.results import Answer
from thidua.rules.rulesets import RULESETS


def render_human(answer: Answer) -> str:
    """One paragraph per award kind: ✔/✘, its reasons, what is missing, the articles."""
    ruleset = RULESETS.get(answer.ruleset)
    title = f" ({ruleset.title})" if ruleset else ""
    lines = [f"Kết quả xét năm {answer.year} theo bộ quy tắc {answer.ruleset}{title}:"]
    if not answer.verdicts:
        lines.append("Không có danh hiệu, hình thức khen thưởng nào áp dụng cho đối tượng này.")
    for verdict in answer.verdicts:
        name = AWARD_NAMES.get(verdict.code, verdict.code)
        mark, word = ("✔", "đủ điều kiện") if verdict.eligible else ("✘", "chưa đủ điều kiện")
        lines.append("")
        lines.append(f"{mark} {name} ({verdict.code}): {word}.")
        lines.extend(f"  - {reason}" for reason in verdict.reasons)
        if verdict.missing:
            lines.append("  Còn thiếu:")
            lines.extend(f"  • {item}" for item in verdict.missing)
        lines.append(f"  Căn cứ: {'; '.join(verdict.basis)}.")
    return "\n".join(lines) + "\n"
