"""Unbroken runs of years ("có liên tục từ 05 năm trở lên đến thời điểm đề nghị … trong thời
gian đó …", Law Art. 73(1)(b), 44(1)(e); "từ 02 năm trở lên … trong thời gian đó", Art. 74(1)(d)).

The law counts the whole run, however long, not a window of its last years. A run is read
back from the year judged while each year meets one of its criteria (`run_by`: a rating level
such as "HTTNV", or an award code such as "CSTDCS"), and it stops:
- after the achievement period of the latest award of `run_after` (else the year of its
  decision: LAW.md R-INT-1) — a period already rewarded is never counted again;
- at a year with a discipline: achievements count only from the end of the disciplinary
  period (Decree 152 Art. 4(4), LAW.md R-P6);
- at a year that meets none of the criteria (no rating counts as not met).
With several criteria (Art. 74(1)(d): CSTĐCS twice running, or HTXSNV two years running) the
longest of their runs is the period, the reading most favourable to the person.

Conditions take `run_by` / `run_after` as options: with `run_by`, the window they count in is
the run instead of the last `years` years.
"""

from thidua.rules.codes import RATING_RANKS, award_label
from thidua.rules.conditions.awards import _end, _known_at

_MERIT = ("cong_trang",)


def _floor(ctx, y, after) -> tuple[int | None, object]:
    """The first year a run may start after the latest award of `after` (None: no such award)."""
    found = [a for a in ctx.case.awards
             if a.code in after and not a.revoked and a.type in _MERIT and _known_at(a, y)]
    if not found:
        return None, None
    last = max(found, key=lambda a: (_end(a), a.decided_on))
    return _end(last) + 1, last


def _meets(ctx, criterion: str, t: int) -> bool:
    rank = RATING_RANKS.get(criterion)
    if rank is not None:
        return RATING_RANKS.get(ctx.entry(t).rating, -1) >= rank
    return bool(ctx.holds(criterion, t))


def run_start(ctx, y: int, run_by, run_after=()) -> int:
    """The first year of the unbroken run ending `y` (y + 1 when `y` itself breaks it)."""
    floor, _award = _floor(ctx, y, run_after)
    history = ctx.case.history
    lowest = floor if floor is not None else min(history[0].year if history else y, y)
    entry = ctx.entry
    best = y + 1
    for criterion in run_by:
        t = y
        while t >= lowest and not entry(t).disciplined and _meets(ctx, criterion, t):
            t -= 1
        best = min(best, t + 1)
    return best


def run_window(ctx, y: int, run_by, run_after=()) -> int:
    """The first year of the window a condition counts in: the run, or `y` alone when the run
    is empty (its own condition then says why)."""
    return min(run_start(ctx, y, run_by, run_after), y)


def _criteria(run_by) -> str:
    names = {"HTTNV": "hoàn thành tốt nhiệm vụ trở lên", "HTXSNV": "hoàn thành xuất sắc nhiệm vụ"}
    return " hoặc ".join(names.get(c) or f"đạt {award_label(c)}" for c in run_by)


def run_break(ctx, y: int, run_by, run_after=(), start: int | None = None) -> str:
    """Why the run ending `y` starts where it does (`start`, found again when not given), in words."""
    if start is None:
        start = run_start(ctx, y, run_by, run_after)
    floor, award = _floor(ctx, y, run_after)
    if floor is not None and start == floor:
        return (f"tính từ năm {start}, sau thời gian lập thành tích (đến năm {floor - 1}) của lần được tặng "
                f"{award_label(award.code)} gần nhất")
    before = start - 1
    if start <= y and ctx.entry(before).disciplined:
        return f"tính từ năm {start}: năm {before} bị kỷ luật, thành tích trước đó không được tính"
    if start > y:
        if ctx.entry(y).disciplined:
            return f"năm {y} bị kỷ luật nên chưa có thời gian liên tục"
        return f"năm {y} chưa đạt {_criteria(run_by)} nên chưa có thời gian liên tục"
    if not ctx.case.has_entry(before) and before < (ctx.case.history[0].year if ctx.case.history else y):
        return f"tính từ năm {start}, năm đầu tiên có dữ liệu"
    return f"tính từ năm {start}: năm {before} không đạt {_criteria(run_by)}"
