"""Production's static files: the manifest storage finds every file the vendored assets
name (issue 10, finding 1: tom-select's .map files were not copied, collectstatic failed
and every production page answered 500)."""

import re
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.templatetags.static import static

VENDOR = Path(settings.BASE_DIR) / "static" / "vendor"
MAP_REFERENCE = re.compile(rb"sourceMappingURL=([^\s*\"]+)")


def test_every_source_map_a_vendored_file_names_is_there():
    assets = [p for p in VENDOR.rglob("*") if p.suffix in {".js", ".css"}]
    assert len(assets) >= 8, "scripts/setup.sh has not copied the vendor tree"
    named = {asset: MAP_REFERENCE.findall(asset.read_bytes()) for asset in assets}
    missing = [f"{a.relative_to(VENDOR)} → {m.decode()}" for a, maps in named.items() for m in maps
               if not m.startswith(b"data:") and not (a.parent / m.decode()).is_file()]
    assert not missing, missing
    assert any(named.values()), "no vendored file names a map: the check above checked nothing"


def test_collectstatic_with_the_manifest_storage_serves_hashed_names(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"}}
    call_command("collectstatic", interactive=False, verbosity=0)
    url = static("vendor/tom-select/tom-select.complete.min.js")
    assert re.search(r"tom-select\.complete\.min\.[0-9a-f]{12}\.js$", url), url
    hashed = settings.STATIC_ROOT / url.removeprefix(settings.STATIC_URL)
    # The reference to the map was rewritten to the map's hashed name, which exists.
    map_name = MAP_REFERENCE.findall(hashed.read_bytes())[-1].decode()
    assert re.search(r"\.js\.[0-9a-f]{12}\.map$", map_name) and (hashed.parent / map_name).is_file()
