"""Conditions on commendations already received: the prerequisite award and its type
(R-P4), the interval counted from its achievement period (R-INT-1), overlapping windows."""

from thidua.rules.codes import AWARD_TYPE_NAMES, award_label, award_labels
from thidua.rules.conditions.base import check_for, condition, fail, ok, span, vn_date


def _describe(award) -> str:
    period = f", thành tích {span(*award.period)}" if award.period else ""
    return f"{award_label(award.code)} (quyết định ngày {vn_date(award.decided_on)}{period})"


def _end(award) -> int:
    """The last year an award already rewards: its period's end, else the year of the decision."""
    return award.period[1] if award.period else award.decided_on.year


def _known_at(award, y) -> bool:
    """Whether an award exists for a review of year `y`, held early in year y+1: its period
    starts by `y`, or (no period) it was decided by the end of the review year y+1."""
    return award.period[0] <= y if award.period else award.decided_on.year <= y + 1


@condition
def previous_award(ctx, y, *, codes, article, type_article, types=("cong_trang",)):
    """A non-revoked award of one of `codes`, of a commendation type in `types` (R-P4: sudden and
    thematic awards are no basis for merit awards; revoked awards never count)."""
    found = [a for a in ctx.case.awards if a.code in codes and _known_at(a, y)]
    valid = [a for a in found if not a.revoked and a.type in types]
    if valid:
        best = max(valid, key=lambda a: (_end(a), a.decided_on))
        return ok("previous_award", f"Đã được tặng {_describe(best)}, loại {AWARD_TYPE_NAMES[best.type]}.", article)
    wanted = f"Đã được tặng {award_labels(codes)} (khen thưởng công trạng)"
    live = [a for a in found if not a.revoked]
    if live:
        other = live[-1]
        return fail("previous_award",
                    f"{_describe(other)} là {AWARD_TYPE_NAMES[other.type]}, không dùng làm căn cứ đề nghị khen "
                    "thưởng công trạng.", wanted, article, extra=(type_article,))
    if found:
        return fail("previous_award", f"{_describe(found[-1])} đã bị hủy bỏ nên không được tính.", wanted, article)
    return fail("previous_award", f"Chưa được tặng {award_labels(codes)}.", wanted, article)


@condition
def years_since_previous_award_period(ctx, y, *, codes, years, article, types=("cong_trang",)):
    """The `years` years ending `y` lie after the latest award of `codes`: counted from the
    achievement period the decision names, else from the decision (LAW.md R-INT-1). No such
    award: nothing to count from, the condition does not apply."""
    found = [a for a in ctx.case.awards
             if a.code in codes and not a.revoked and a.type in types and _known_at(a, y)]
    if not found:
        return None
    last = max(found, key=lambda a: (_end(a), a.decided_on))
    start = _end(last) + 1
    since = "sau thời gian lập thành tích ghi trong quyết định" if last.period else "sau năm ban hành quyết định"
    have = y - start + 1
    if have >= years:
        return ok("years_since_previous_award_period",
                  f"Tính từ năm {start} ({since} {_describe(last)}) đến năm {y} có {have} năm, đủ {years} năm.",
                  article)
    return fail("years_since_previous_award_period",
                f"Tính từ năm {start} ({since} {_describe(last)}) đến năm {y} mới có {max(have, 0)} năm, cần "
                f"{years} năm.",
                f"Đủ {years} năm tính từ năm {start}: sớm nhất xét với kết quả năm {start + years - 1}", article)


@condition
def no_overlapping_award(ctx, y, *, code, years, article):
    """No award of `code` whose achievement period overlaps the `years` years ending `y`
    (one achievement is rewarded once: windows may not overlap)."""
    first = y - years + 1
    clash = [a for a in ctx.case.awards
             if a.code == code and not a.revoked and a.period and a.period[0] <= y and a.period[1] >= first]
    if not clash:
        return ok("no_overlapping_award", f"Thời gian {span(first, y)} chưa được khen {award_label(code)}.", article)
    other = clash[-1]
    return fail("no_overlapping_award",
                f"{_describe(other)} đã khen thành tích trùng với {span(first, y)}; một thành tích không khen hai lần.",
                f"{years} năm thành tích chưa được khen, bắt đầu sau năm {other.period[1]}", article)


# -- checks (conditions/base.py): pass exactly when the condition above passes ------------------


@check_for(previous_award)
def _previous_award(ruleset, *, codes, types=("cong_trang",), **_):
    def test(ctx, y):
        return any(a.code in codes and not a.revoked and a.type in types and _known_at(a, y) for a in ctx.case.awards)

    return test


@check_for(years_since_previous_award_period)
def _years_since_previous_award_period(ruleset, *, codes, years, types=("cong_trang",), **_):
    def test(ctx, y):
        ends = [_end(a) for a in ctx.case.awards
                if a.code in codes and not a.revoked and a.type in types and _known_at(a, y)]
        return not ends or y - max(ends) >= years

    return test


@check_for(no_overlapping_award)
def _no_overlapping_award(ruleset, *, code, years, **_):
    def test(ctx, y):
        first = y - years + 1
        return not any(a.code == code and not a.revoked and a.period and a.period[0] <= y and a.period[1] >= first
                       for a in ctx.case.awards)

    return test
