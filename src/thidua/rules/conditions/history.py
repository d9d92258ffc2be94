"""Conditions over several years of titles and ratings: prerequisites, consecutive chains,
counts in a window, and the "one achievement, one award" guard on chains."""

from thidua.rules.codes import RATING_NAMES, RATING_RANKS, award_label, award_labels, rating_rank
from thidua.rules.conditions.base import check_for, condition, fail, ok, span, years_list
from thidua.rules.conditions.runs import run_break, run_start, run_window

_HOW = {"recorded": "đạt danh hiệu", "qualifies": "đạt tiêu chuẩn danh hiệu"}


@condition
def title_or_qualifies(ctx, y, *, codes, article):
    """Year `y` holds one of `codes`: recorded, or (for the year judged) the subject qualifies for it."""
    for code in codes:
        how = ctx.holds(code, y)
        if how:
            return ok("title_or_qualifies", f"Năm {y} {_HOW[how]} {award_label(code)}.", article)
    why = ctx.first_failure(codes[0], y)
    detail = f" ({why})" if why else ""
    return fail("title_or_qualifies", f"Năm {y} chưa đạt tiêu chuẩn danh hiệu {award_labels(codes)}{detail}.",
                f"Đạt tiêu chuẩn danh hiệu {award_labels(codes)} năm {y}", article)


@condition
def consecutive_titles(ctx, y, *, code, count, article):
    """`code` held in each of the `count` consecutive years ending `y` (R-P11: any gap resets)."""
    first = y - count + 1
    missing = [t for t in range(first, y + 1) if not ctx.holds(code, t)]
    if not missing:
        return ok("consecutive_titles", f"Đạt {award_label(code)} {count} năm liên tục ({span(first, y)}).", article)
    run = 0
    while run < count and ctx.holds(code, y - run):
        run += 1
    earliest = y + count - run
    return fail("consecutive_titles",
                f"Chưa đạt {award_label(code)} {count} năm liên tục đến năm {y}: thiếu năm {years_list(missing)} "
                "(chuỗi bị gián đoạn thì tính lại từ đầu).",
                f"Đạt {award_label(code)} liên tục {span(first, y)}; nếu chuỗi tiếp tục, sớm nhất đủ với kết quả "
                f"năm {earliest}", article)


def _tally(name, found, needed, unit, what, first, y, hint, article, window=None):
    """Ok when FOUND, the years of `first`–`y` that count, number NEEDED or more. WHAT says
    what they hold in lower case ("đạt «…» 2 lần"), UNIT what NEEDED counts ("lần", "năm")."""
    window = window or span(first, y)
    if len(found) >= needed:
        return ok(name, f"{what[0].upper()}{what[1:]} trong {window} ({years_list(found)}), đủ {needed} {unit}.",
                  article)
    return fail(name, f"Chỉ {what} trong {window}, cần {needed} {unit}.", hint, article)


@condition
def count_titles_in_window(ctx, y, *, code, count, years, article, run_by=None, run_after=()):
    """`code` held in at least `count` of the `years` years ending `y` (not necessarily
    consecutive); with `run_by`, in the whole unbroken run ending `y` (conditions/runs.py)."""
    first = run_window(ctx, y, run_by, run_after) if run_by else y - years + 1
    held = [t for t in range(first, y + 1) if ctx.holds(code, t)]
    where = f"thời gian liên tục {span(first, y)}" if run_by else span(first, y)
    return _tally("count_titles_in_window", held, count, "lần", f"đạt {award_label(code)} {len(held)} lần",
                  first, y, f"Thêm {count - len(held)} lần đạt {award_label(code)} trong {where}", article,
                  window=where)


@condition
def years_at_least_rating(ctx, y, *, level, years, article, at_least=None, run_by=None, run_after=()):
    """Every one of the `years` consecutive years ending `y` rated `level` or better; with
    `at_least`, only that many of them. With `run_by`, the years are the whole unbroken run
    ending `y` (conditions/runs.py): without `at_least` it must last `years` years or more."""
    if run_by:
        return _run_rating(ctx, y, level=level, years=years, at_least=at_least, run_by=run_by,
                           run_after=run_after, article=article)
    first = y - years + 1
    window = range(first, y + 1)
    entry, rank, need_rank = ctx.entry, RATING_RANKS.get, rating_rank(level)
    ratings = [entry(t).rating for t in window]
    good = [t for t, rating in zip(window, ratings, strict=True) if rank(rating, -1) >= need_rank]
    need = _need(level)
    if at_least is None:
        bad = [(t, rating) for t, rating in zip(window, ratings, strict=True) if rank(rating, -1) < need_rank]
        if not bad:
            return ok("years_at_least_rating", f"{span(first, y).capitalize()} liên tục xếp loại {need}.", article)
        detail = "; ".join(
            f"năm {t} {RATING_NAMES.get(rating, 'chưa có xếp loại')}" if rating else f"năm {t} chưa có xếp loại"
            for t, rating in bad)
        return fail("years_at_least_rating",
                    f"Chưa đủ {years} năm liên tục xếp loại {need} ({span(first, y)}): {detail}.",
                    f"{years} năm liên tục ({span(first, y)}) xếp loại {need}", article)
    return _tally("years_at_least_rating", good, at_least, "năm", f"có {len(good)} năm xếp loại {need}", first, y,
                  f"Ít nhất {at_least} năm xếp loại {need} trong {span(first, y)}", article)


def _need(level):
    return RATING_NAMES[level] if level == "HTXSNV" else f"{RATING_NAMES[level]} trở lên"


def _run_rating(ctx, y, *, level, years, at_least, run_by, run_after, article):
    """years_at_least_rating over the unbroken run ending `y`."""
    start = run_start(ctx, y, run_by, run_after)
    why = run_break(ctx, y, run_by, run_after, start)
    need = _need(level)
    if at_least is None:
        have = max(y - start + 1, 0)
        if have >= years:
            return ok("years_at_least_rating",
                      f"Có {have} năm liên tục xếp loại {need} đến năm {y} ({why}), đủ từ {years} năm trở lên.",
                      article)
        return fail("years_at_least_rating",
                    f"Mới có {have} năm liên tục xếp loại {need} đến năm {y} ({why}), cần từ {years} năm trở lên.",
                    f"Từ {years} năm liên tục xếp loại {need}: nếu chuỗi tiếp tục, sớm nhất đủ với kết quả năm "
                    f"{(start if start <= y else y + 1) + years - 1}", article)
    first = min(start, y)
    good = [t for t in range(first, y + 1) if RATING_RANKS.get(ctx.entry(t).rating, -1) >= rating_rank(level)]
    where = f"thời gian liên tục {span(first, y)}"
    return _tally("years_at_least_rating", good, at_least, "năm", f"có {len(good)} năm xếp loại {need}", first, y,
                  f"Ít nhất {at_least} năm xếp loại {need} trong {where}", article, window=where)


@condition
def title_not_within(ctx, y, *, code, years, article):
    """No `code` recorded in the `years - 1` years before `y`: a new chain may not reuse the
    years of a chain already rewarded (Law Art. 5(2): no several awards for one achievement)."""
    earlier = [t for t in range(y - years + 1, y) if code in ctx.entry(t).titles]
    if not earlier:
        return None
    last = earlier[-1]
    return fail("title_not_within",
                f"Đã được tặng {award_label(code)} năm {last}; chuỗi thành tích đến năm {y} trùng với chuỗi đã được "
                "khen (không khen thưởng nhiều lần cho một thành tích).",
                f"Chuỗi thành tích mới bắt đầu sau năm {last}: sớm nhất xét với kết quả năm {last + years}", article)


@condition
def consecutive_chain_awards(ctx, y, *, code, count, chain_code, chain_years, article):
    """`count` successive awards of `code`, the last one in year `y`, with `chain_code` held in
    every year from the first award's chain to `y` (two CSTĐ tỉnh in a row = six consecutive
    CSTĐCS years, MoHA's reading of "02 lần liên tục")."""
    if not ctx.holds(code, y):
        return fail("consecutive_chain_awards", f"Năm {y} chưa đạt {award_label(code)}.",
                    f"Đạt {award_label(code)} năm {y} (lần thứ {count} liên tục)", article)
    earlier = sorted((t for t in ctx.recorded_years(code) if t < y), reverse=True)
    awards = [y, *earlier][:count]
    if len(awards) < count:
        return fail("consecutive_chain_awards",
                    f"Mới đạt {award_label(code)} {len(awards)} lần ({years_list(sorted(awards))}), cần {count} lần "
                    "liên tục.", f"Thêm {count - len(awards)} lần đạt {award_label(code)} liên tục", article)
    first = min(awards) - chain_years + 1
    gaps = [t for t in range(first, y + 1) if not ctx.holds(chain_code, t)]
    listed = years_list(sorted(awards))
    if gaps:
        return fail("consecutive_chain_awards",
                    f"Các lần đạt {award_label(code)} ({listed}) không liên tục: {award_label(chain_code)} bị gián "
                    f"đoạn năm {years_list(gaps)}.",
                    f"{count} lần liên tục đạt {award_label(code)}, không gián đoạn {award_label(chain_code)}", article)
    return ok("consecutive_chain_awards",
              f"Đạt {award_label(code)} {count} lần liên tục ({listed}); {award_label(chain_code)} không gián đoạn "
              f"{span(first, y)}.", article)


# -- checks (conditions/base.py): pass exactly when the condition above passes ------------------


@check_for(title_or_qualifies, judges=("codes",))
def _title_or_qualifies(ruleset, *, codes, **_):
    def test(ctx, y):
        holds = ctx.holds
        return any(holds(code, y) for code in codes)

    return test


@check_for(consecutive_titles, judges=("code",))
def _consecutive_titles(ruleset, *, code, count, **_):
    def test(ctx, y):
        holds = ctx.holds
        return all(holds(code, t) for t in range(y - count + 1, y + 1))

    return test


@check_for(count_titles_in_window, judges=("code", "run_by"))
def _count_titles_in_window(ruleset, *, code, count, years, run_by=None, run_after=(), **_):
    def test(ctx, y):
        holds = ctx.holds
        first = run_window(ctx, y, run_by, run_after) if run_by else y - years + 1
        return sum(1 for t in range(first, y + 1) if holds(code, t)) >= count

    return test


@check_for(years_at_least_rating, judges=("run_by",))
def _years_at_least_rating(ruleset, *, level, years, at_least=None, run_by=None, run_after=(), **_):
    if level not in RATING_RANKS:
        return None
    need = RATING_RANKS[level]
    ranks = RATING_RANKS
    if run_by:
        def run(ctx, y):
            start = run_start(ctx, y, run_by, run_after)
            if at_least is None:
                return y - start + 1 >= years
            entry = ctx.entry
            return sum(1 for t in range(min(start, y), y + 1) if ranks.get(entry(t).rating, -1) >= need) >= at_least

        return run

    def every(ctx, y):
        entry = ctx.entry
        return all(ranks.get(entry(t).rating, -1) >= need for t in range(y - years + 1, y + 1))

    def enough(ctx, y):
        entry = ctx.entry
        return sum(1 for t in range(y - years + 1, y + 1) if ranks.get(entry(t).rating, -1) >= need) >= at_least

    return every if at_least is None else enough


@check_for(title_not_within)
def _title_not_within(ruleset, *, code, years, **_):
    def test(ctx, y):
        entry = ctx.entry
        return not any(code in entry(t).titles for t in range(y - years + 1, y))

    return test


@check_for(consecutive_chain_awards, judges=("code", "chain_code"))
def _consecutive_chain_awards(ruleset, *, code, count, chain_code, chain_years, **_):
    def test(ctx, y):
        holds = ctx.holds
        if not holds(code, y):
            return False
        earlier = sorted((t for t in ctx.recorded_years(code) if t < y), reverse=True)
        awards = [y, *earlier][:count]
        if len(awards) < count:
            return False
        return all(holds(chain_code, t) for t in range(min(awards) - chain_years + 1, y + 1))

    return test
