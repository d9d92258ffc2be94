"""The demo ledger pays titles as a signed decision does (`decisions.services.signing`):
of one subject's titles with one counting period only the highest is paid, a higher one
decided later paying the difference; titles of different periods are each paid (Decree
152 Art. 49(5), through `thidua.rules.money`). Forms are paid in full."""

from collections import defaultdict
from collections.abc import Mapping

from thidua.demo.awards import COLUMNS
from thidua.rules.codes import TITLE_CODES
from thidua.rules.money import counting_period, payable

_AT = {name: index for index, name in enumerate(COLUMNS["award"])}


def pay_one_title_per_period(rows: list[tuple], rank: Mapping[str, int]) -> list[tuple]:
    """ROWS (award rows of `demo.awards`) with the money each title is paid."""
    groups: dict[tuple, list[int]] = defaultdict(list)
    for index, row in enumerate(rows):
        kind = row[_AT["kind"]]
        if kind in TITLE_CODES:
            period = counting_period(kind, row[_AT["year"]], row[_AT["period_from"]], row[_AT["period_to"]])
            groups[(row[_AT["subject_kind"]], row[_AT["person"]], row[_AT["unit"]], period)].append(index)
    out = list(rows)
    for indexes in groups.values():
        if len(indexes) < 2:
            continue
        # Decision order; within one decision the highest first, as signing weighs them together.
        indexes.sort(key=lambda i: (rows[i][_AT["decided_on"]], -rank.get(rows[i][_AT["kind"]], 0)))
        seen: list[str] = []
        already = 0
        for index in indexes:
            row = rows[index]
            seen.append(row[_AT["kind"]])
            amount = row[_AT["money"]]
            if amount is None:
                continue
            paid = 0
            if row[_AT["kind"]] in payable(seen, rank, TITLE_CODES):
                paid = max(0, amount - already)
                already += paid
            out[index] = (*row[:_AT["money"]], paid, *row[_AT["money"] + 1:])
    return out
