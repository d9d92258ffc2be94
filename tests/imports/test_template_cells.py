"""The import templates carry user text (unit names and codes, a sheet's people and notes):
every such cell is text, never a formula, while the dropdowns keep their own formulas."""

import io
import zipfile

import pytest
from django.urls import reverse

from tests.conftest import login
from tests.registrations.conftest import BEFORE_DEADLINE, YEAR
from tests.xlsx_cells import AT, MINUS, NAME, assert_text_cells
from thidua.org.models import Unit
from thidua.people.models import Person
from thidua.registrations import services as registrations


@pytest.fixture
def hostile_units(tree):
    Unit.objects.filter(pk=tree["a"].pk).update(code=AT)
    Unit.objects.filter(pk=tree["a1"].pk).update(name=NAME)


def _dropdowns(content: bytes) -> int:
    with zipfile.ZipFile(io.BytesIO(content)) as z:
        return z.read("xl/worksheets/sheet1.xml").count(b"<dataValidation ")


@pytest.mark.parametrize("name", ["imports:template", "imports:awards_template", "imports:initiatives_template",
                                  "imports:registrations_template"])
def test_the_template_writes_unit_names_and_codes_as_text(client, officer_a, hostile_units, name):
    response = login(client, officer_a).get(reverse(name))
    assert response.status_code == 200
    assert_text_cells(response.content, NAME, AT)
    assert _dropdowns(response.content) >= 2  # our own list formulas are still there


def test_the_prefilled_registrations_template_writes_people_as_text(client, officer_a, tree, person_a,
                                                                     time_machine):
    time_machine.move_to(BEFORE_DEADLINE, tick=False)
    Person.objects.filter(pk=person_a.pk).update(full_name=NAME)
    sheet = registrations.sheet_get_or_create(actor=officer_a, unit=tree["a1"], year=YEAR)
    registrations.sheet_save(actor=officer_a, sheet=sheet, unit_codes=["TTLDTT"], person_codes={person_a.pk: ["LDTT"]},
                             person_notes={person_a.pk: MINUS}, targets="=1+1")
    response = login(client, officer_a).get(reverse("imports:registrations_template"),
                                            {"don-vi": tree["a1"].pk, "nam": YEAR})
    assert_text_cells(response.content, NAME, MINUS, "=1+1")
