"""Who each row of a people sheet concerns: an existing person, found by CCCD or by name,
birth date and unit among the people in scope, or a new person — the same one for every
row that names them alike."""

from collections.abc import Callable

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.imports.people.context import LookupContext, PersonInfo
from thidua.imports.people.rows import ParsedRow

# The person form's refusal (people.cccd.REFUSED), worded for a row.
CCCD_REFUSED = gettext_lazy(
    "không dùng được số CCCD «%s». Nếu số đúng, hãy liên hệ Ban Thi đua – Khen thưởng (thường trực Hội đồng Thi "
    "đua – Khen thưởng) để được kiểm tra; lần nhập này đã được ghi lại.")

Fail = Callable[[ParsedRow, str, str], None]


def _name_key(row: ParsedRow) -> tuple:
    return (row.name_key, row.birth_date, row.unit.pk)


def _ambiguous(count: int) -> str:
    return _("đơn vị có %s cá nhân cùng họ tên và ngày sinh này; hãy ghi số CCCD để phân biệt.") % count


def match_people(rows: list[ParsedRow], ctx: LookupContext, fail: Fail) -> None:
    """Set `person` (an existing person) and `person_key` (the same key, the same person
    within the file) on every row whose unit and name are valid.

    By CCCD when given; else by folded name, birth date and unit among the people in
    scope; else a new person. A CCCD nobody holds yet, given for a name and birth date
    that a person without CCCD has in that unit, is that person's, and rows without the
    CCCD for the same name and birth date join them.
    """
    candidates = [r for r in rows if r.unit is not None and r.full_name]
    new_cccds = _match_held_cccds(candidates, ctx, fail)
    by_new_cccd = _match_new_cccds(candidates, ctx, fail, new_cccds)
    _match_names(candidates, ctx, fail, new_cccds, by_new_cccd)


def _match_held_cccds(candidates: list[ParsedRow], ctx: LookupContext, fail: Fail) -> dict[tuple, set[str]]:
    """The rows whose CCCD somebody holds matched to its holder, or refused; the CCCDs
    nobody holds yet, by name key."""
    # A CCCD held by someone the user cannot see is refused without naming anyone, as the
    # person form does (people.cccd). Past the day's refusals every CCCD nobody in sight
    # holds is refused alike, held or not, so a file cannot probe the province's numbers.
    hidden = {r.cccd for r in candidates if r.cccd and (o := ctx.people_by_cccd.get(r.cccd)) and not o.visible}
    refuse_unseen = len(hidden) > ctx.cccd_refusals_left
    first_by_cccd: dict[str, ParsedRow] = {}
    new_cccds: dict[tuple, set[str]] = {}
    for row in candidates:
        if not row.cccd:
            continue
        first = first_by_cccd.setdefault(row.cccd, row)
        if first is not row and _name_key(first) != _name_key(row):
            fail(row, "cccd", _("số CCCD «%(cccd)s» đã dùng ở dòng %(first)s cho «%(name)s»; mỗi cá nhân một số "
                                "CCCD.") % {"cccd": row.cccd, "first": first.row, "name": first.full_name})
            continue
        owner = ctx.people_by_cccd.get(row.cccd)
        if row.cccd in hidden or (owner is None and refuse_unseen):
            fail(row, "cccd", str(CCCD_REFUSED) % row.cccd)
            if first is row:
                ctx.cccd_refused.append((row.cccd, owner.pk if owner else None, row.unit.pk))
        elif owner is None:
            new_cccds.setdefault(_name_key(row), set()).add(row.cccd)
        elif not owner.allowed:
            fail(row, "cccd", _("số CCCD «%(cccd)s» đã thuộc về «%(name)s» (%(unit)s), đơn vị bạn không được nhập "
                                "danh sách; hãy đề nghị đơn vị đó hoặc Ban Thi đua – Khen thưởng.")
                 % {"cccd": row.cccd, "name": owner.full_name, "unit": owner.unit_name})
        elif owner.name_key != row.name_key:
            fail(row, "cccd", _("số CCCD «%(cccd)s» đã thuộc về «%(name)s», khác với họ tên ở dòng này.")
                 % {"cccd": row.cccd, "name": owner.full_name})
        elif owner.birth_date and row.birth_date and owner.birth_date != row.birth_date:
            fail(row, "birth_date", _("«%(name)s» (số CCCD «%(cccd)s») đã lưu ngày sinh %(saved)s, khác với ngày ở "
                                      "dòng này.") % {"name": owner.full_name, "cccd": row.cccd,
                                                      "saved": owner.birth_date.strftime("%d/%m/%Y")})
        elif owner.unit_pk != row.unit.pk:
            fail(row, "unit_code", _(
                "«%(name)s» đang công tác tại «%(unit)s» (mã %(code)s); hãy sửa mã đơn vị, hoặc điều chuyển cá "
                "nhân trước khi nhập.") % {"name": owner.full_name, "unit": owner.unit_name, "code": owner.unit_code})
        else:
            row.person, row.person_key = owner, ("pk", owner.pk)
    return new_cccds


def _match_new_cccds(candidates: list[ParsedRow], ctx: LookupContext, fail: Fail,
                     new_cccds: dict[tuple, set[str]]) -> dict[str, tuple[tuple, PersonInfo | None]]:
    """The rows whose CCCD nobody holds yet: the one person without CCCD of that name,
    birth date and unit, or a new person; by CCCD, the key and person each CCCD went to."""
    by_new_cccd: dict[str, tuple[tuple, PersonInfo | None]] = {}
    for row in candidates:
        if not row.ok or not row.cccd or row.person is not None:
            continue
        nk = _name_key(row)
        if row.cccd in by_new_cccd:
            row.person_key, row.person = by_new_cccd[row.cccd]
            continue
        without_cccd = [p for p in ctx.people_by_key.get(nk, []) if not p.cccd]
        if without_cccd and len(new_cccds[nk]) > 1:
            fail(row, "cccd", _("tệp ghi %s số CCCD khác nhau cho cùng họ tên, ngày sinh và đơn vị này; hãy kiểm "
                                "tra lại.") % len(new_cccds[nk]))
            continue
        if len(without_cccd) > 1:
            fail(row, "full_name", _ambiguous(len(without_cccd)))
            continue
        if without_cccd:
            row.person, row.person_key = without_cccd[0], ("pk", without_cccd[0].pk)
        else:
            row.person_key = ("cccd", row.cccd)
        by_new_cccd[row.cccd] = (row.person_key, row.person)
    return by_new_cccd


def _match_names(candidates: list[ParsedRow], ctx: LookupContext, fail: Fail, new_cccds: dict[tuple, set[str]],
                 by_new_cccd: dict[str, tuple[tuple, PersonInfo | None]]) -> None:
    """The rows without CCCD: the person another row gave a CCCD for the same name, birth
    date and unit, else the one person in scope of that name, birth date and unit, else a
    new person."""
    for row in candidates:
        if not row.ok or row.cccd:
            continue
        nk = _name_key(row)
        given = new_cccds.get(nk, set())
        if len(given) > 1:
            fail(row, "cccd", _("tệp ghi %s số CCCD khác nhau cho cùng họ tên, ngày sinh và đơn vị này; hãy ghi số "
                                "CCCD ở dòng này.") % len(given))
            continue
        if given and next(iter(given)) in by_new_cccd:
            row.person_key, row.person = by_new_cccd[next(iter(given))]
            continue
        people = ctx.people_by_key.get(nk, [])
        if len(people) > 1:
            fail(row, "full_name", _ambiguous(len(people)))
        elif people:
            row.person, row.person_key = people[0], ("pk", people[0].pk)
        else:
            row.person_key = ("nk", *nk)
