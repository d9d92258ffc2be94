from thidua.formats.vi.formats import *  # noqa: F403 — same dd/mm/yyyy in both languages
