"""Initiatives (sáng kiến): counted by scope and window, each used at most once (LAW.md R-P10)."""

from thidua.rules.codes import SCOPE_NAMES, SCOPE_RANKS, award_label, scope_rank
from thidua.rules.conditions.base import check_for, condition, fail, ok, span
from thidua.rules.conditions.runs import run_window


@condition
def initiatives_of_scope(ctx, y, *, scope, count, years, article, once_article, claim=True, run_by=None,
                         run_after=()):
    """At least `count` initiatives of scope `scope` or wider, recognised in the `years` years
    ending `y` (with `run_by`: in the whole unbroken run ending `y`, conditions/runs.py), not
    yet used for another title or form.

    An initiative whose `used_for` names another award is consumed; one claimed earlier in the
    same evaluation by a title is consumed too. With `claim`, the chosen ones are consumed by
    this award if it is granted — narrowest scope first, so wider ones stay for higher titles.
    """
    first = run_window(ctx, y, run_by, run_after) if run_by else y - years + 1
    where = f"thời gian liên tục {span(first, y)}" if run_by else span(first, y)
    wanted = f"sáng kiến {SCOPE_NAMES[scope]}" + (" trở lên" if scope != "toan_quoc" else "")
    free, used = [], []
    for key, item in ctx.initiatives():
        if not first <= item.year <= y or scope_rank(item.scope) < scope_rank(scope):
            continue
        holder = ctx.initiative_holder(key, item)
        (used if holder else free).append((key, item, holder))
    free.sort(key=lambda x: (scope_rank(x[1].scope), x[1].recognized_on, x[1].id or "", x[0]))
    note = ""
    if used:
        names = sorted({award_label(holder) for _key, _item, holder in used})
        note = f"; {len(used)} sáng kiến đã dùng cho {', '.join(names)} không được tính lại"
    extra = (once_article,) if used else ()
    if len(free) >= count:
        chosen = free[:count]
        ids = ", ".join(item.id for _key, item, _h in chosen if item.id)
        named = f" ({ids})" if ids else ""
        return ok("initiatives_of_scope",
                  f"Có {count} {wanted} được công nhận trong {where}, chưa dùng cho danh hiệu, hình thức "
                  f"khen thưởng khác{named}{note}.", article,
                  claims=tuple(key for key, _i, _h in chosen) if claim else (), extra=extra)
    return fail("initiatives_of_scope",
                f"Chỉ có {len(free)}/{count} {wanted} được công nhận trong {where} còn chưa sử dụng{note}.",
                f"Thêm {count - len(free)} {wanted} được công nhận trong {where}, chưa dùng cho danh hiệu, "
                "khen thưởng khác", article, extra=extra)


# -- checks (conditions/base.py): pass exactly when the condition above passes ------------------


@check_for(initiatives_of_scope, judges=("run_by",), claims=True, reads_claims=True)
def _initiatives_of_scope(ruleset, *, scope, count, years, claim=True, run_by=None, run_after=(), **_):
    if scope not in SCOPE_RANKS:
        return None
    wanted = SCOPE_RANKS[scope]

    def test(ctx, y):
        first = run_window(ctx, y, run_by, run_after) if run_by else y - years + 1
        holder = ctx.initiative_holder
        free = [(key, item) for key, item in ctx.initiatives()
                if first <= item.year <= y and scope_rank(item.scope) >= wanted and not holder(key, item)]
        if len(free) < count:
            return False
        if not claim:
            return True
        free.sort(key=lambda x: (scope_rank(x[1].scope), x[1].recognized_on, x[1].id or "", x[0]))
        return tuple(key for key, _item in free[:count]) or True

    return test
