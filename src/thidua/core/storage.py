"""Files stored beside database rows: storage is not rolled back with a transaction."""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager


@contextmanager
def kept_only_with_rows(files: Iterable) -> Iterator[None]:
    """Around the writes that keep the rows naming FILES (field files already saved to
    storage; an iterable read only on failure, so a generator over a list the block fills
    covers the files stored so far): when those writes fail, the files are deleted and the
    error goes on, so no stored file is left that no row names."""
    try:
        yield
    except BaseException:
        for file in files:
            file.storage.delete(file.name)
        raise
