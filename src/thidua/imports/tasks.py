"""Background work of imports: entry points only, the work is in `services`."""

from thidua.core.errors import ApplicationError
from thidua.core.tasks import task
from thidua.imports import services
from thidua.imports.models import ImportBatch


@task()
def confirm_import(batch_id: int) -> str:
    """Apply a batch its uploader confirmed (`services.import_apply`); returns its state.
    Queued by `services.import_confirm` for batches above BACKGROUND_ROWS rows."""
    batch = ImportBatch.objects.select_related("created_by").filter(pk=batch_id).first()
    if batch is None:
        return "gone"
    try:
        batch = services.import_apply(actor=batch.created_by, batch=batch, queued=True)
    except ApplicationError:
        batch.refresh_from_db()  # failed or back to preview: its page says why
    return batch.state
