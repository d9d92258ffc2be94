"""The sectors each award kind may be given to (`core.sectors`), filled into the versions
already loaded from data/catalog/award_kinds.yaml.

A version loaded from the file and still holding what the file said gets the file's new
`sectors` and the hash the file now has, so the next `thidua catalog load` finds it
unchanged instead of writing a new version of every restricted kind. An administrator's
version is left as it is (its author decides; the catalog page offers the field).
"""

import hashlib
import json

from django.db import migrations

CIVIL = ["state", "public_service", "enterprise", "commune", "household"]
# As in data/catalog/award_kinds.yaml when this migration was written.
SECTORS = {
    "LDTT": CIVIL, "TTLDXS": CIVIL, "TTLDTT": CIVIL,
    "CSTT": ["armed_forces"], "DVQT": ["armed_forces"], "DVTT": ["armed_forces"],
    "XA_TIEU_BIEU": ["commune"], "TDPVH": ["commune"], "GDVH": ["commune", "household"],
}


def _hash(data, valid_from) -> str:  # catalog.loader.content_hash, frozen
    text = json.dumps([data, valid_from], sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def fill(apps, schema_editor):
    AwardKind = apps.get_model("catalog", "AwardKind")
    for row in AwardKind.objects.filter(code__in=SECTORS, source="file"):
        if "sectors" in row.data or row.source_hash != _hash(row.data, row.valid_from):
            continue
        row.data = {**row.data, "sectors": SECTORS[row.code]}
        row.source_hash = _hash(row.data, row.valid_from)
        row.save(update_fields=["data", "source_hash"])


class Migration(migrations.Migration):

    dependencies = [
        ("catalog", "0001_award_kind_and_base_salary"),
    ]

    operations = [
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
