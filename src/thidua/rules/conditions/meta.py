"""Conditions that state what the engine cannot check: facts a case does not carry, the
council's vote still to come, qualitative criteria left to the review, dated notes."""

from thidua.rules.conditions.base import ALWAYS, NEVER, check_for, condition, memoized, ok, pct, unknown


@condition
def needs_data(ctx, y, *, what, article, missing=None):
    """Always unknown: the law needs a fact the case cannot carry (bloc ranking, movement results…)."""
    return _needs_data_outcome(what, article, missing)


@memoized
def _needs_data_outcome(what, article, missing):
    return unknown("needs_data", f"Chưa đủ dữ liệu để xét: cần {what}.", missing or what[:1].upper() + what[1:],
                   article)


@condition
def council_vote(ctx, y, *, threshold, article):
    """A reminder, never blocking: the council still has to approve by `threshold` of all members."""
    return _council_vote_outcome(threshold, article)


@memoized
def _council_vote_outcome(threshold, article):
    return ok("council_vote",
              f"Còn cần Hội đồng Thi đua – Khen thưởng bỏ phiếu kín đồng ý từ {pct(threshold)} tổng số thành viên "
              "trở lên.", article)


@condition
def council_attests(ctx, y, *, criteria, article):
    """A reminder, never blocking: qualitative criteria are judged by the review, not by the engine."""
    return _council_attests_outcome(criteria, article)


@memoized
def _council_attests_outcome(criteria, article):
    return ok("council_attests", f"Tiêu chuẩn định tính ({criteria}) do hội đồng thi đua bình xét.", article)


@condition
def note(ctx, y, *, text, article, from_year=None, until_year=None):
    """A dated remark, shown only for years in [from_year, until_year]."""
    if (from_year is not None and y < from_year) or (until_year is not None and y > until_year):
        return None
    return _note_outcome(text, article)


@memoized
def _note_outcome(text, article):
    return ok("note", f"Lưu ý: {text}", article)


# -- checks (conditions/base.py): pass exactly when the condition above passes ------------------


@check_for(needs_data)
def _needs_data(ruleset, **_):
    return NEVER


@check_for(council_vote)
def _council_vote(ruleset, **_):
    return ALWAYS


@check_for(council_attests)
def _council_attests(ruleset, **_):
    return ALWAYS


@check_for(note)
def _note(ruleset, **_):
    return ALWAYS  # shown or not, a note never blocks
