"""0003_mark_carried_documents: upper dossiers forwarded before `carried_from` existed have
their carried papers marked (found by the shared file) and the units' own notes back."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.dossiers.conftest import province_papers
from thidua.dossiers import services
from thidua.dossiers.models import DossierDocument

BEFORE = ("dossiers", "0002_dossierdocument_carried_from")
AFTER = ("dossiers", "0003_mark_carried_documents")


def _migrate(target):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([target])


@pytest.fixture
def back_to_latest():
    """Leave the schema as found: later migrations (a `version` column) unapplied here
    would break every later test of this process."""
    yield
    executor = MigrationExecutor(connection)
    _migrate(*executor.loader.graph.leaf_nodes("dossiers"))


@pytest.mark.django_db(transaction=True)
def test_papers_forwarded_before_the_link_existed_are_marked_carried(voted_central, secretariat, back_to_latest):
    upper = services.dossier_forward(actor=secretariat, dossiers=[voted_central], title="Tờ trình Bằng khen TTg",
                                     papers=province_papers())
    own = set(upper.documents.filter(carried_from=None).values_list("pk", flat=True))
    carried = upper.documents.exclude(carried_from=None)
    expected = {d.pk: d.note for d in carried}
    # Unapplied, it writes what a forward used to: the unit named in the note of its papers…
    _migrate(BEFORE)
    notes = dict(DossierDocument.objects.filter(pk__in=expected, item=None).values_list("kind", "note"))
    assert notes == {"to_trinh": "Kèm hồ sơ của Sở Nội vụ", "bien_ban_binh_xet": "Kèm hồ sơ của Sở Nội vụ"}
    # …and such rows had no link.
    DossierDocument.objects.filter(pk__in=expected).update(carried_from=None)
    _migrate(AFTER)
    marked = {d.pk: (d.carried_from_id, d.note) for d in DossierDocument.objects.filter(dossier=upper)}
    assert {pk for pk, (source, _note) in marked.items() if source == voted_central.pk} == set(expected)
    assert {pk: note for pk, (_source, note) in marked.items() if pk in expected} == expected
    assert all(marked[pk][0] is None for pk in own)  # the province's own stay its own
