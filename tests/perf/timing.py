"""What every bench module times with: a median of warm runs, and an exception that rolls a
measured write back."""

import statistics
import time


class Rollback(Exception):
    """Raised at the end of an atomic block so a measured write leaves nothing behind."""


def median_ms(fn, repeat: int) -> float:
    fn()  # warm caches and connections once
    samples = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t0) * 1000)
    return statistics.median(samples)
