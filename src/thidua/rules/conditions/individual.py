"""Conditions on one year of one subject: rating, months worked, discipline, registration,
and the freeze of R-P5."""

from thidua.rules.codes import RATING_NAMES, RATING_RANKS, award_label, rating_rank
from thidua.rules.conditions.base import ALWAYS, check_for, condition, fail, ok
from thidua.rules.conditions.base import span as _span


def _need(level: str) -> str:
    name = RATING_NAMES[level]
    return name if level == "HTXSNV" else f"từ {name} trở lên"


@condition
def rating_at_least(ctx, y, *, level, article):
    """The rating of year `y` is `level` or better."""
    rating = ctx.entry(y).rating
    if rating is None:
        return fail("rating_at_least", f"Năm {y} chưa có kết quả xếp loại (cần {_need(level)}).",
                    f"Kết quả xếp loại năm {y}: {_need(level)}", article)
    if rating_rank(rating) >= rating_rank(level):
        return ok("rating_at_least", f"Năm {y} xếp loại {RATING_NAMES[rating]}, đạt yêu cầu {_need(level)}.", article)
    return fail("rating_at_least", f"Năm {y} xếp loại {RATING_NAMES[rating]}, chưa đạt yêu cầu {_need(level)}.",
                f"Xếp loại {_need(level)} năm {y}", article)


@condition
def months_worked_at_least(ctx, y, *, months, article, maternity_article):
    """At least `months` months worked in year `y`; statutory maternity leave counts as worked."""
    entry = ctx.entry(y)
    if entry.months_worked is None and not entry.maternity_months:
        return fail("months_worked_at_least", f"Năm {y} chưa có số tháng công tác (cần ít nhất {months} tháng).",
                    f"Số tháng công tác năm {y} (tối thiểu {months} tháng)", article)
    worked = (entry.months_worked or 0) + entry.maternity_months
    counted = f"{worked} tháng công tác"
    extra = ()
    if entry.maternity_months:
        counted += f" (gồm {entry.maternity_months} tháng nghỉ thai sản được tính là thời gian công tác)"
        extra = (maternity_article,)
    if worked >= months:
        return ok("months_worked_at_least", f"Năm {y} có {counted}, đạt mức tối thiểu {months} tháng.", article,
                  extra=extra)
    return fail("months_worked_at_least", f"Năm {y} có {counted}, dưới mức tối thiểu {months} tháng.",
                f"Tối thiểu {months} tháng công tác trong năm {y}", article, extra=extra)


@condition
def not_disciplined(ctx, y, *, article):
    """No discipline in year `y`: achievements count only from the end of a disciplinary period."""
    entry = ctx.entry(y)
    if not entry.disciplined:
        return ok("not_disciplined", f"Năm {y} không bị kỷ luật.", article)
    level = ""
    if entry.discipline_level:
        level = f" (hình thức {_DISCIPLINE_NAMES.get(entry.discipline_level, entry.discipline_level)})"
    return fail("not_disciplined",
                f"Năm {y} bị kỷ luật{level}; thành tích chỉ được tính từ khi chấp hành xong thời hạn kỷ luật.",
                f"Không bị kỷ luật trong năm {y}", article)


@condition
def not_disciplined_in_window(ctx, y, *, years, article):
    """No discipline in the `years` years ending `y` (the achievement period of a chain)."""
    first = y - years + 1
    hit = [t for t in range(first, y + 1) if ctx.entry(t).disciplined]
    if not hit:
        return ok("not_disciplined_in_window", f"Không bị kỷ luật trong {_span(first, y)}.", article)
    return fail("not_disciplined_in_window",
                f"Bị kỷ luật năm {', '.join(map(str, hit))}; thành tích trước khi chấp hành xong kỷ luật "
                "không được tính.",
                f"{years} năm thành tích liên tục không bị kỷ luật", article)


@condition
def registered_for(ctx, y, *, code, article, covered_by=(), covered_article=None):
    """The subject registered for `code` in year `y`, when the rule set requires registration.
    A registration for a title of `covered_by` counts too: that higher title asks for the
    standards of `code` (Law Art. 23(1): CSTĐCS "đạt tiêu chuẩn danh hiệu Lao động tiên tiến
    hoặc Chiến sĩ tiên tiến"), not for a second registration."""
    if not ctx.setting("registration_required"):
        return None
    registered = ctx.entry(y).registered
    if code in registered:
        return ok("registered_for", f"Đã đăng ký thi đua danh hiệu {award_label(code)} năm {y}.", article)
    higher = next((c for c in covered_by if c in registered), None)
    if higher:
        return ok("registered_for",
                  f"Đã đăng ký thi đua danh hiệu {award_label(higher)} năm {y}; tiêu chuẩn danh hiệu này bao gồm "
                  f"tiêu chuẩn danh hiệu {award_label(code)} nên không cần đăng ký riêng.", article,
                  extra=(covered_article,) if covered_article else ())
    return fail("registered_for", f"Năm {y} không đăng ký thi đua danh hiệu {award_label(code)}.",
                f"Đăng ký thi đua danh hiệu {award_label(code)} từ đầu năm {y}", article)


@condition
def not_frozen(ctx, y, *, article):
    """R-P5: nothing is awarded or proposed while discipline, an inspection or a complaint is pending."""
    if not ctx.case.frozen:
        return ok("not_frozen", "Không có việc xem xét kỷ luật, thanh tra, khiếu nại, tố cáo đang chờ kết luận.",
                  article)
    return fail("not_frozen",
                "Hồ sơ tạm dừng xét: đang xem xét kỷ luật, điều tra, thanh tra, kiểm tra hoặc xác minh khiếu nại, "
                "tố cáo; sẽ xét tiếp khi có kết luận không vi phạm.",
                "Kết luận của cơ quan có thẩm quyền rằng không có vi phạm", article)


# -- checks (conditions/base.py): pass exactly when the condition above passes ------------------


@check_for(rating_at_least)
def _rating_at_least(ruleset, *, level, **_):
    if level not in RATING_RANKS:
        return None
    need = RATING_RANKS[level]
    ranks = RATING_RANKS

    def test(ctx, y):
        rating = ctx.entry(y).rating
        return rating is not None and ranks.get(rating, -1) >= need

    return test


@check_for(months_worked_at_least)
def _months_worked_at_least(ruleset, *, months, **_):
    def test(ctx, y):
        entry = ctx.entry(y)
        worked, maternity = entry.months_worked, entry.maternity_months
        if worked is None and not maternity:
            return False
        return (worked or 0) + maternity >= months

    return test


@check_for(not_disciplined)
def _not_disciplined(ruleset, **_):
    def test(ctx, y):
        return not ctx.entry(y).disciplined

    return test


@check_for(not_disciplined_in_window)
def _not_disciplined_in_window(ruleset, *, years, **_):
    def test(ctx, y):
        entry = ctx.entry
        return not any(entry(t).disciplined for t in range(y - years + 1, y + 1))

    return test


@check_for(registered_for)
def _registered_for(ruleset, *, code, covered_by=(), **_):
    if not ruleset.settings["registration_required"]:
        return ALWAYS
    accepted = frozenset((code, *covered_by))

    def test(ctx, y):
        return not accepted.isdisjoint(ctx.entry(y).registered)

    return test


@check_for(not_frozen)
def _not_frozen(ruleset, **_):
    def test(ctx, y):
        return not ctx.case.frozen

    return test


_DISCIPLINE_NAMES = {
    "khien_trach": "khiển trách", "canh_cao": "cảnh cáo", "ha_bac_luong": "hạ bậc lương",
    "giang_chuc": "giáng chức", "cach_chuc": "cách chức", "buoc_thoi_viec": "buộc thôi việc",
}
