"""Matrix products for spaCy's models on numpy's BLAS, on one thread.

thinc multiplies matrices with the blis package unless told otherwise. On this
project's machines (AMD EPYC, blis 1.3.4) blis's kernels are 3.6× slower than the
OpenBLAS numpy ships, on one core; thinc's own ``NumpyOps(use_blis=False)`` sends the
products to numpy instead, and the parse gets ~28% faster with the same annotations
(``tests/test_pipeline_speedups.py``; ``benchmarks/bench.py --only speedup``).

OpenBLAS would spread each product over every core. cscomm's parses keep to one: the
speed-up is the kernels', not more cores, so parallel workers and the grammar helper
process do not fight over cores, and the limit lasts only while cscomm parses.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from threadpoolctl import ThreadpoolController


def use_numpy_blas(nlp: Language) -> None:
    """Make every layer of every component of ``nlp`` multiply matrices through numpy."""
    from thinc.api import Model, NumpyOps

    ops = NumpyOps(use_blis=False)
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if isinstance(model, Model):
            for layer in model.walk():
                layer.ops = ops


def one_blas_thread() -> AbstractContextManager[Any]:
    """Limit the BLAS libraries in this process to one thread for a ``with`` block."""
    return _controller().limit(limits=1, user_api="blas")


@cache
def _controller() -> ThreadpoolController:
    """The process's BLAS libraries, found once (a few milliseconds)."""
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()
