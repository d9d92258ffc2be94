"""Dossier pages: thin views over `selectors` (reads, through the scope: 404 outside it) and
`services` (writes). A view asks `services.may` before offering or doing an action, so a
user who sees a dossier but may not act on it gets 403."""

from thidua.dossiers.views.consultation import opinion_act, opinions, public_detail, public_list
from thidua.dossiers.views.documents import document_add, document_file, document_remove
from thidua.dossiers.views.dossier import (
    ACTIONS,
    ITEM_FILTERS,
    ask_head,
    dossier_check,
    dossier_create,
    dossier_detail,
    dossier_edit,
    dossier_list,
    person_status,
)
from thidua.dossiers.views.exports import dossier_word, export
from thidua.dossiers.views.forward import forward, forward_draft
from thidua.dossiers.views.items import (
    add_from_blocs,
    add_from_eligibility,
    add_manual,
    item_edit,
    item_justify,
    item_remove,
    item_report_template,
)
from thidua.dossiers.views.review import assign, return_form, review, transition

__all__ = [
    "ACTIONS", "ITEM_FILTERS", "add_from_blocs", "add_from_eligibility", "add_manual", "ask_head", "assign",
    "document_add", "document_file", "document_remove", "dossier_check", "dossier_create", "dossier_detail",
    "dossier_edit", "dossier_list", "dossier_word", "export", "forward", "forward_draft", "item_edit",
    "item_justify", "item_remove", "item_report_template", "opinion_act", "opinions", "person_status",
    "public_detail", "public_list", "return_form", "review", "transition"
]
