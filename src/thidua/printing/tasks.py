"""Background work of printing: entry points only, the work is in `services`."""

from thidua.core.tasks import task
from thidua.printing import services
from thidua.printing.models import CertificateBatch


@task()
def render_certificate_batch(batch_id: int) -> str:
    """Draw a queued certificate batch (`services.certificate_batch_render`); returns its
    state. Queued by `services.certificate_batch_request` once its transaction commits."""
    batch = CertificateBatch.objects.select_related("requested_by").filter(pk=batch_id).first()
    if batch is None:  # pruned before a worker came by
        return "gone"
    return services.certificate_batch_render(actor=batch.requested_by, batch=batch).state
