"""Lines that came from a dossier item are marked as such; the others stay direct entries
(drafts among them must be justified before signing)."""

from django.db import migrations


def forwards(apps, schema_editor):
    Recipient = apps.get_model("decisions", "Recipient")
    Recipient.objects.filter(dossier_item__isnull=False).update(source="dossier")


class Migration(migrations.Migration):
    dependencies = [("decisions", "0005_recipient_provenance")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
