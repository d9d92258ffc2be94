"""Conditions on a collective's members in the year judged (DESIGN.md §6 `members`)."""

from fractions import Fraction

from thidua.rules.codes import award_labels
from thidua.rules.conditions.base import check_for, condition, fail, ok, pct, unknown


def _members(ctx, y, name, article, needs=None):
    """The members' figures of year Y, or the unknown result to return when they are
    missing; NEEDS (attribute, what it counts, what to supply) names one figure required."""
    members = ctx.entry(y).members
    if members is None:
        return None, unknown(name, f"Chưa đủ dữ liệu để xét: chưa có số liệu thành viên của tập thể năm {y}.",
                             f"Số liệu thành viên năm {y} (tổng số, số hoàn thành nhiệm vụ, danh hiệu, kỷ luật)",
                             article)
    if needs and getattr(members, needs[0]) is None:
        return None, unknown(name, f"Chưa đủ dữ liệu để xét: chưa có {needs[1]} năm {y}.", f"{needs[2]} năm {y}",
                             article)
    return members, None


@condition
def members_title_share_at_least(ctx, y, *, codes, share, article):
    """At least `share` of the members hold one of `codes` (LĐTT ≥ 70 % for TTLĐTT, TTLĐXS)."""
    members, missing = _members(ctx, y, "members_title_share_at_least", article)
    if missing:
        return missing
    held = members.title_count(*codes)
    names = award_labels(codes)
    needed = Fraction(str(share))
    if members.total and Fraction(held, members.total) >= needed:
        return ok("members_title_share_at_least",
                  f"{held}/{members.total} thành viên ({pct(Fraction(held, members.total))}) đạt {names}, "
                  f"đạt tỷ lệ tối thiểu {pct(needed)}.", article)
    shown = pct(Fraction(held, members.total)) if members.total else "0%"
    return fail("members_title_share_at_least",
                f"Chỉ {held}/{members.total} thành viên ({shown}) đạt {names}, dưới tỷ lệ tối thiểu {pct(needed)}.",
                f"Ít nhất {pct(needed)} thành viên đạt {names}", article)


@condition
def members_all_completed(ctx, y, *, article):
    """Every member completed their tasks (rated HTNV or better)."""
    members, missing = _members(ctx, y, "members_all_completed", article, needs=(
        "completed", "số thành viên hoàn thành nhiệm vụ", "Số thành viên hoàn thành nhiệm vụ"))
    if missing:
        return missing
    if members.completed == members.total:
        return ok("members_all_completed", f"100% thành viên ({members.total}/{members.total}) hoàn thành nhiệm vụ.",
                  article)
    return fail("members_all_completed",
                f"{members.total - members.completed}/{members.total} thành viên không hoàn thành nhiệm vụ; cần 100% "
                "hoàn thành.", "100% thành viên hoàn thành nhiệm vụ", article)


@condition
def members_with_title_at_least(ctx, y, *, codes, count, article):
    """At least `count` members hold one of `codes` (≥ 1 CSTĐCS for TTLĐXS)."""
    members, missing = _members(ctx, y, "members_with_title_at_least", article)
    if missing:
        return missing
    held = members.title_count(*codes)
    names = award_labels(codes)
    if held >= count:
        return ok("members_with_title_at_least", f"Có {held} thành viên đạt {names}.", article)
    return fail("members_with_title_at_least", f"Không đủ {count} thành viên đạt {names} (có {held}).",
                f"Ít nhất {count} thành viên đạt {names}", article)


@condition
def members_not_disciplined(ctx, y, *, article):
    """No member disciplined in year `y` at warning level (cảnh cáo) or heavier."""
    members, missing = _members(ctx, y, "members_not_disciplined", article, needs=(
        "disciplined", "số thành viên bị kỷ luật", "Số thành viên bị kỷ luật từ cảnh cáo trở lên"))
    if missing:
        return missing
    if members.disciplined == 0:
        return ok("members_not_disciplined", "Không có thành viên bị kỷ luật từ hình thức cảnh cáo trở lên.", article)
    return fail("members_not_disciplined",
                f"Có {members.disciplined} thành viên bị kỷ luật từ hình thức cảnh cáo trở lên.",
                "Không có thành viên bị kỷ luật từ hình thức cảnh cáo trở lên", article)


# -- checks (conditions/base.py): pass exactly when the condition above passes ------------------


@check_for(members_title_share_at_least)
def _members_title_share_at_least(ruleset, *, codes, share, **_):
    try:
        needed = Fraction(str(share))
    except (TypeError, ValueError):
        return None
    num, den = needed.numerator, needed.denominator

    def test(ctx, y):
        members = ctx.entry(y).members
        if members is None or not members.total:
            return False
        held, total = members.title_count(*codes), members.total
        if total < 0:
            return Fraction(held, total) >= needed
        return held * den >= num * total  # held / total >= num / den, in integers (den > 0)

    return test


@check_for(members_all_completed)
def _members_all_completed(ruleset, **_):
    def test(ctx, y):
        members = ctx.entry(y).members
        return members is not None and members.completed is not None and members.completed == members.total

    return test


@check_for(members_with_title_at_least)
def _members_with_title_at_least(ruleset, *, codes, count, **_):
    def test(ctx, y):
        members = ctx.entry(y).members
        return members is not None and members.title_count(*codes) >= count

    return test


@check_for(members_not_disciplined)
def _members_not_disciplined(ruleset, **_):
    def test(ctx, y):
        members = ctx.entry(y).members
        return members is not None and members.disciplined == 0

    return test
