"""Background work of eligibility: entry points only, the work is in `exports`."""

from thidua.core.tasks import task
from thidua.eligibility import exports, verdicts
from thidua.eligibility.models import ListExport
from thidua.eligibility.selectors import list_year, ruleset_for
from thidua.people.models import Evaluation, Person


@task()
def build_list_export(export_id: int) -> str:
    """Write a queued list's Excel file (`exports.list_export_build`); returns its state.
    Queued by `exports.list_export_request` once its transaction commits."""
    export = ListExport.objects.select_related("requested_by", "unit").filter(pk=export_id).first()
    if export is None:  # pruned before a worker came by
        return "gone"
    return exports.list_export_build(export).state


@task()
def fill_verdicts() -> int:
    """Judge and store everyone with no stored verdict for the year the lists open on
    (`verdicts.fill`); how many were judged. Queued after a bulk write of many people's facts
    (an import), as the nightly `thidua rules fill` does."""
    year = list_year(Evaluation.objects.all())
    return verdicts.fill(Person.objects.all(), year, ruleset_for(year))
