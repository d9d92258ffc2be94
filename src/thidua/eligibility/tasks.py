"""Background work of eligibility: entry points only, the work is in `exports`."""

from thidua.core.tasks import task
from thidua.eligibility import exports
from thidua.eligibility.models import ListExport


@task()
def build_list_export(export_id: int) -> str:
    """Write a queued list's Excel file (`exports.list_export_build`); returns its state.
    Queued by `exports.list_export_request` once its transaction commits."""
    export = ListExport.objects.select_related("requested_by", "unit").filter(pk=export_id).first()
    if export is None:  # pruned before a worker came by
        return "gone"
    return exports.list_export_build(export).state
