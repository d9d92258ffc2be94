"""Files stored beside database rows: storage is not rolled back with a transaction."""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager


@contextmanager
def kept_only_with_rows(files: Iterable) -> Iterator[None]:
    """Around the writes that keep the rows naming FILES (field files already saved to
    storage; a list may grow inside the block, it is read on failure): when those writes
    fail, the files are deleted and the error goes on, so no stored file is left that no
    row names."""
    try:
        yield
    except BaseException:
        for file in files:
            file.storage.delete(file.name)
        raise
