"""An exemplar's photo as an HTTP response, for the register and for the public portal:
media are never served by URL, only through a view that has checked who may see it."""

from django.http import FileResponse, Http404

from thidua.exemplars.models import ExemplarPhoto

# The types the upload check lets in (`core.uploads`), by the extension the file was saved under.
IMAGE_TYPES = {"jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png"}


def photo_response(photo: ExemplarPhoto) -> FileResponse:
    """PHOTO's bytes with their type, named by its number (the name it was uploaded under
    is the uploader's); Http404 when its file is gone or of a type never uploaded."""
    ext = photo.image.name.rsplit(".", 1)[-1].lower()
    content_type = IMAGE_TYPES.get(ext)
    if content_type is None:
        raise Http404
    try:
        handle = photo.image.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(handle, content_type=content_type, filename=f"anh-{photo.pk}.{ext}")
    response["X-Content-Type-Options"] = "nosniff"
    return response
