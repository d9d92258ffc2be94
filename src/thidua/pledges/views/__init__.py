"""Pages of the bloc pledge and its scoring rounds. Thin: fetch through the selectors (which
authorise), call one service, render. Refusals of the policy are 404 (no standing) or 403.

One module per part of the work (as in `pledges.services`): `pledge` (its pages, actions
and signatures), `table` (the criteria editor), `rounds`, `ranking`, `scores` (the score
sheet) and `evidence`; `common` holds what they share. urls.py reaches every page here.
"""

from thidua.pledges.views.evidence import evidence_delete, evidence_file, evidence_upload
from thidua.pledges.views.pledge import (
    bloc_year,
    pledge_copy,
    pledge_detail,
    pledge_edit,
    pledge_list,
    pledge_sign,
    pledge_transition,
)
from thidua.pledges.views.ranking import ranking_export, ranking_page, round_rank
from thidua.pledges.views.rounds import round_create, round_detail, round_panel, round_transition
from thidua.pledges.views.scores import sheet
from thidua.pledges.views.table import criteria

__all__ = [
    "bloc_year",
    "criteria",
    "evidence_delete",
    "evidence_file",
    "evidence_upload",
    "pledge_copy",
    "pledge_detail",
    "pledge_edit",
    "pledge_list",
    "pledge_sign",
    "pledge_transition",
    "ranking_export",
    "ranking_page",
    "round_create",
    "round_detail",
    "round_panel",
    "round_rank",
    "round_transition",
    "sheet",
]
