"""Mark the documents that upper-level dossiers already carry from the dossiers they relay.

Before `DossierDocument.carried_from`, a forward wrote "Kèm hồ sơ của <unit>" in front of the
note of each dossier-level paper it carried. A carried document shares its file with the
lower dossier's: that file name finds the source, whose own note is put back (the page now
says "Kèm hồ sơ của …" from the link itself)."""

from django.db import migrations

PREFIX = "Kèm hồ sơ của %s"


def mark_carried(apps, schema_editor):
    Dossier = apps.get_model("dossiers", "Dossier")
    DossierDocument = apps.get_model("dossiers", "DossierDocument")
    for source in Dossier.objects.filter(forwarded_to__isnull=False).only("pk", "forwarded_to_id").iterator():
        notes = dict(DossierDocument.objects.filter(dossier_id=source.pk).values_list("file", "note"))
        carried = DossierDocument.objects.filter(dossier_id=source.forwarded_to_id, file__in=list(notes),
                                                 carried_from__isnull=True)
        for doc in carried:
            doc.carried_from_id = source.pk
            doc.note = notes[doc.file.name]
            doc.save(update_fields=["carried_from", "note"])


def unmark_carried(apps, schema_editor):
    DossierDocument = apps.get_model("dossiers", "DossierDocument")
    carried = DossierDocument.objects.filter(carried_from__isnull=False, item__isnull=True)
    for doc in carried.select_related("carried_from__unit"):
        doc.note = " · ".join(filter(None, (PREFIX % doc.carried_from.unit.name, doc.note)))[:255]
        doc.save(update_fields=["note"])


class Migration(migrations.Migration):

    dependencies = [
        ("dossiers", "0002_dossierdocument_carried_from"),
    ]

    operations = [
        migrations.RunPython(mark_carried, unmark_carried),
    ]
