"""gongjian (共建): draft and check joint-founding agreements of Chinese innovation platforms.

The public API (everything the CLI does is one call here):

* :func:`load_library` — the validated clause library (categories C01–C25, regimes, lexicon, policies);
* :func:`init_spec`, :func:`draft_file` — a regime's sample spec; validate a spec and draft the agreement;
* :func:`check_file`, :func:`check_text` — check an agreement and get a :class:`Report` of :class:`Finding`.

Names are imported lazily so that ``import gongjian`` stays cheap for the CLI's browse commands.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["ClauseLibrary", "Finding", "Report", "check_file", "check_text", "draft_file", "init_spec",
           "load_library", "__version__"]

logging.getLogger(__name__).addHandler(logging.NullHandler())

if TYPE_CHECKING:
    from gongjian.clauses.library import ClauseLibrary, load_library

_LAZY = {
    "load_library": ("gongjian.clauses.library", "load_library"),
    "ClauseLibrary": ("gongjian.clauses.library", "ClauseLibrary"),
    "check_file": ("gongjian.api", "check_file"),
    "check_text": ("gongjian.api", "check_text"),
    "draft_file": ("gongjian.api", "draft_file"),
    "init_spec": ("gongjian.api", "init_spec"),
    "Report": ("gongjian.nlp.findings", "Report"),
    "Finding": ("gongjian.nlp.findings", "Finding"),
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        module, attr = _LAZY[name]
        return getattr(importlib.import_module(module), attr)
    raise AttributeError(f"module 'gongjian' has no attribute {name!r}")
