"""Initiatives (sáng kiến): counted by scope and window, each used at most once (LAW.md R-P10)."""

from thidua.rules.codes import SCOPE_NAMES, award_label, scope_rank
from thidua.rules.conditions.base import condition, fail, ok, span


@condition
def initiatives_of_scope(ctx, y, *, scope, count, years, article, once_article, claim=True):
    """At least `count` initiatives of scope `scope` or wider, recognised in the `years` years
    ending `y`, not yet used for another title or form.

    An initiative whose `used_for` names another award is consumed; one claimed earlier in the
    same evaluation by a title is consumed too. With `claim`, the chosen ones are consumed by
    this award if it is granted — narrowest scope first, so wider ones stay for higher titles.
    """
    first = y - years + 1
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
                  f"Có {count} {wanted} được công nhận trong {span(first, y)}, chưa dùng cho danh hiệu, hình thức "
                  f"khen thưởng khác{named}{note}.", article,
                  claims=tuple(key for key, _i, _h in chosen) if claim else (), extra=extra)
    return fail("initiatives_of_scope",
                f"Chỉ có {len(free)}/{count} {wanted} được công nhận trong {span(first, y)} còn chưa sử dụng{note}.",
                f"Thêm {count - len(free)} {wanted} được công nhận trong {span(first, y)}, chưa dùng cho danh hiệu, "
                "khen thưởng khác", article, extra=extra)
