"""Evidence files of a unit's own scores."""

from django.db import transaction

from thidua.core import audit, storage, uploads
from thidua.core.text import clean_name
from thidua.pledges import audit_actions as A
from thidua.pledges.models import EVIDENCE_TYPES, Evidence, Score, ScoreSheet
from thidua.pledges.services.common import _lock_own_sheet
from thidua.pledges.services.messages import EVIDENCE_LABEL
from thidua.pledges.services.states import _require_self_open


def _check_file(upload) -> None:
    """The common upload check (`core.uploads`): size, type by content, a safe name."""
    uploads.check(upload, field="file", label=EVIDENCE_LABEL, types=EVIDENCE_TYPES)


def _lock_self_open(actor, sheet_id: int) -> ScoreSheet:
    """SHEET_ID's round and sheet locked for an officer of its unit, while it may self-score."""
    round_id = ScoreSheet.objects.values_list("round_id", flat=True).get(pk=sheet_id)
    rnd, sheet = _lock_own_sheet(actor, round_id, sheet_id)
    _require_self_open(rnd, sheet)
    return sheet


@transaction.atomic
def evidence_add(*, actor, score: Score, file) -> Evidence:
    """Attach FILE to the unit's own score while it may still self-score."""
    sheet_id = Score.objects.values_list("sheet_id", flat=True).get(pk=score.pk)
    sheet = _lock_self_open(actor, sheet_id)
    _check_file(file)
    score = Score.objects.select_related("criterion").get(pk=score.pk)
    name = clean_name(file.name.rsplit("/", 1)[-1])[:255]
    evidence = Evidence(score=score, name=name, size=file.size, uploaded_by=actor)
    evidence.file.save(name, file, save=False)
    with storage.kept_only_with_rows([evidence.file]):
        evidence.save()
        audit.record(actor=actor, action=A.EVIDENCE_ADD, target=sheet, unit_path=sheet.unit.path,
                     after={f"{score.criterion.code} — minh chứng": name})
    return evidence


@transaction.atomic
def evidence_remove(*, actor, evidence: Evidence) -> None:
    """Remove an evidence file while its unit may still self-score."""
    evidence = Evidence.objects.select_related("score__criterion").get(pk=evidence.pk)
    sheet = _lock_self_open(actor, evidence.score.sheet_id)
    stored, name, code = evidence.file.name, evidence.name, evidence.score.criterion.code
    evidence.delete()
    storage = evidence.file.storage
    if not Evidence.objects.filter(file=stored).exists():  # demo rows share one sample file
        transaction.on_commit(lambda: storage.delete(stored))
    audit.record(actor=actor, action=A.EVIDENCE_REMOVE, target=sheet, unit_path=sheet.unit.path,
                 before={f"{code} — minh chứng": name}, after={f"{code} — minh chứng": None})
