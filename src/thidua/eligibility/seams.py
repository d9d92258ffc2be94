"""What eligibility hears from the apps below it: the writes to a person's facts (ratings,
registrations, awards, disciplines, initiatives), each of which forgets that person's stored
verdicts (`eligibility.verdicts`, ADR 0016)."""

from thidua.eligibility import verdicts

verdicts.connect()
