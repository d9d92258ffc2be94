"""Stored verdicts: what each person qualifies for, kept so a list pages in the database (ADR 0015)."""

from django.db import models


class StoredVerdict(models.Model):
    """The award kinds PERSON qualifies for in YEAR under RULESET, as the engine judged them
    from the facts of the moment. Any change to those facts deletes the row
    (`eligibility.verdicts.forget`), and the next list judges the person again."""

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    ruleset = models.CharField(max_length=40)
    # ",LDTT,CSTDCS,": one LIKE filter on both databases finds the holders of a code.
    codes = models.CharField(max_length=500, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["year", "ruleset", "person"], name="stored_verdict_once")]
        indexes = [models.Index(fields=["person"], name="stored_verdict_person")]

    def __str__(self) -> str:
        return f"{self.person_id} {self.year} {self.ruleset}: {self.codes}"
