"""Who reaches templates, layouts, printers, verifications and certificate batches (`core.access`)."""

from thidua.core import access
from thidua.core.roles import Perm
from thidua.printing.models import (
    AwardVerification,
    CertificateBatch,
    CertificateLayout,
    DocTemplate,
    PrinterProfile,
)

# An authority's templates, layouts and printers are seen with its unit and are for
# those who manage its printing, reading included (`selectors`).
for model in (DocTemplate, CertificateLayout, PrinterProfile):
    access.register(access.Policy(model, "unit__path", view=Perm.ORG_VIEW, change=Perm.PRINT_MANAGE,
                                  related=("unit",)))
access.register(access.Policy(AwardVerification, "award__held_unit__path"))
# A batch holds awards of many units: whoever sees and may print every one of them
# reaches it, whoever asked for it (`selectors.certificate_batch_get_for`, after the
# fetch); `unit_path` is their common unit, for the audit trail.
access.register(access.Policy(CertificateBatch, "unit_path", related=("printer",),
                              visible=lambda user: CertificateBatch.objects.all()))
