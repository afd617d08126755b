"""Package names that load their module on first use (PEP 562).

A pipeline worker or driver imports a package for one light name (an error class, a
profile table) and must not pay for the heavy modules behind its other names
(trafilatura, spaCy, datasketch's scipy): each package lists where its names live and
gets its module-level `__getattr__` from here.
"""

from __future__ import annotations

import sys
from importlib import import_module
from typing import Any, Callable


def lazy_exports(package: str, exports: dict[str, str]) -> Callable[[str], Any]:
    """A module `__getattr__` for `package`: `exports` maps a name to the module holding it
    (relative, like ".engine"). The value is kept in the package once loaded."""

    def __getattr__(name: str) -> Any:
        module = exports.get(name)
        if module is None:  # also how `from package import submodule` falls through to the import
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(import_module(module, package), name)
        setattr(sys.modules[package], name, value)
        return value

    return __getattr__
