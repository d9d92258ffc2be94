"""Who reaches import batches (`core.access`)."""

from thidua.core import access
from thidua.imports.models import ImportBatch

# A batch is its uploader's alone (no unit owns it): anybody else's is a 404, as a
# missing one.
access.register(access.Policy(ImportBatch, "", visible=lambda user: ImportBatch.objects.filter(
    created_by=user)))
