"""Find and load libespeak-ng for the pyttsx3 engine on Linux.

A system library is preferred; otherwise the copy (and its voice data) shipped by the
``espeakng-loader`` package is used, so ``pip install`` alone gives a working voice.
The library is loaded with a plain ``ctypes.CDLL`` (never ``RTLD_GLOBAL``: that made a later
Piper synthesis in the same process segfault). Once loaded, pyttsx3's own binding
(``pyttsx3.drivers._espeak``) finds it by its soname ``libespeak-ng.so.1``.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path


@dataclass(frozen=True)
class EspeakLibrary:
    path: str
    data_path: str | None
    """Folder holding the voice data, or None for the library's built-in default."""
    origin: str
    """"system" or "espeakng-loader"."""


_SYSTEM_DATA = (
    "/usr/lib/x86_64-linux-gnu/espeak-ng-data",
    "/usr/share/espeak-ng-data",
    "/usr/lib/aarch64-linux-gnu/espeak-ng-data",
    "/usr/local/share/espeak-ng-data",
)


def _system_library() -> EspeakLibrary | None:
    name = ctypes.util.find_library("espeak-ng")
    if not name:
        return None
    if not any(Path(p).is_dir() for p in _SYSTEM_DATA) and not os.environ.get("ESPEAK_DATA_PATH"):
        return None
    return EspeakLibrary(path=name, data_path=None, origin="system")


def _bundled_library() -> EspeakLibrary | None:
    try:
        import espeakng_loader
    except ImportError:
        return None
    lib = Path(espeakng_loader.get_library_path())
    so1 = lib.with_name(lib.name + ".1")
    path = so1 if so1.exists() else lib
    try:
        data = espeakng_loader.get_data_path()
    except RuntimeError:
        return None
    return EspeakLibrary(path=str(path), data_path=data, origin="espeakng-loader")


@cache
def locate() -> EspeakLibrary | None:
    """The library to use (system first), or None if neither is present."""
    if os.environ.get("AUDIO_ARTICLE_ESPEAK") == "bundled":
        return _bundled_library()
    return _system_library() or _bundled_library()


@cache
def load() -> EspeakLibrary:
    """Load libespeak-ng into the process (once) so pyttsx3's binding can find it."""
    lib = locate()
    if lib is None:
        raise OSError("libespeak-ng not found (install espeakng-loader or espeak-ng)")
    ctypes.CDLL(lib.path)  # plain load, no RTLD_GLOBAL (see module docstring)
    return lib
