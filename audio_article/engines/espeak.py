"""Find and load libespeak-ng for the pyttsx3 engine on Linux.

A system library is preferred; otherwise the copy (and its voice data) shipped by the
``espeakng-loader`` package is used, so ``pip install`` alone gives a working voice.
The library is loaded with a plain ``ctypes.CDLL`` (never ``RTLD_GLOBAL``: that made a later
Piper synthesis in the same process segfault). Once loaded, pyttsx3's own binding
(``pyttsx3.drivers._espeak``) finds it by its soname ``libespeak-ng.so.1``.

``SynthState`` makes every clip sound as it would in a fresh process (the same text, the same
samples, whatever was spoken before), so a batch's MP3s do not depend on which worker made them.
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


# --- the same clip for the same text, whatever the process spoke before ----------------

SEED = 1
"""The random seed set before every clip (eSpeak NG seeds its noise, breath and Klatt voices,
with the time at start-up)."""
STATE = (
    # wavegen.c: the pitch flutter's phase, the waveform generator's gain control and harmonic
    # state (a trailing dot: a function's static, ``agc.6035``), the breath resonators
    "Flutter_ix.", "agc.", "h_switch_sign.", "cycle_count.", "amplitude2.", "maxh.", "maxh2.",
    "hspect", "hswitch", "wavephase", "rbreath",
    # klatt.c (Klatt voice variants): the glottal source's memory
    "noise.", "voice.", "vlast.", "glotlast.", "sourc.", "vwave.", "skew.", "time_count.",
    "prev_fr.", "sample_count",
)  # fmt: skip
"""libespeak-ng's static variables (numbers and arrays of numbers) that carry sound from one
utterance into the next. Each clip would otherwise depend on every clip the process spoke before
it (a sentence came out a few samples longer or shorter after others), so an article's audio
depended on which worker made it and in what order: ``--jobs 2`` and ``--cluster`` (or two
``--jobs 2`` runs) made different MP3s."""
ECHO = ("echo_buf", "echo_head", "echo_tail")
FUNCTIONS = ("espeak_Synth",)
"""Functions whose address is looked up: one exported, to find where the library sits."""


class SynthState:
    """Puts libespeak-ng's synthesis state back as it was when it had just been initialised,
    before each clip (``restore``), so every clip sounds as it would in a fresh process.

    The variables are not exported: they are found in the library's own symbol table (the
    ``espeakng-loader`` copy keeps it) and written through ``ctypes``; a stripped library (a
    system package) has none, and then ``find`` gives None and clips keep depending on history.
    Only numbers and arrays of numbers are restored, never a pointer, so nothing the library
    allocated is touched. The echo (voice variants with an echo) is emptied as a voice change
    empties it: its buffer zeroed and its read position reset, the delay kept.
    """

    def __init__(
        self,
        dll: ctypes.CDLL,
        saved: list[tuple[int, bytes]],
        echo: tuple[int, int, int, int] | None,
    ) -> None:
        self._seed = getattr(dll, "espeak_ng_SetRandSeed", None)
        self._saved = saved
        self._echo = echo

    @classmethod
    def find(cls, dll: ctypes.CDLL) -> SynthState | None:
        """The state of ``dll`` (loaded, just initialised); None if it cannot be found."""
        path = _loaded_from(dll)
        symbols = _symbols(path) if path else {}
        anchor = symbols.get("espeak_Synth")
        if not anchor:
            return None
        base = ctypes.cast(dll.espeak_Synth, ctypes.c_void_p).value - anchor[0][0]
        saved = [
            (base + offset, ctypes.string_at(base + offset, size))
            for name, places in symbols.items()
            if name in STATE or name.rstrip("0123456789") in STATE
            for offset, size in places
        ]
        echo = [symbols.get(name, [(0, 0)])[0] for name in ECHO]
        if any(size == 0 for _, size in echo):
            return cls(dll, saved, None)
        (buf, buf_size), (head, _), (tail, _) = echo
        return cls(dll, saved, (base + buf, buf_size, base + head, base + tail))

    def restore(self) -> None:
        """Before a clip: the seed, the saved variables, an empty echo."""
        if self._seed is not None:
            self._seed(ctypes.c_long(SEED))
        for address, data in self._saved:
            ctypes.memmove(address, data, len(data))
        if self._echo is not None:
            buf, size, head, tail = self._echo
            h, t = ctypes.c_int.from_address(head), ctypes.c_int.from_address(tail)
            h.value, t.value = (h.value - t.value) % (size // 2), 0  # shorts; the delay stays
            ctypes.memset(buf, 0, size)


class _DlInfo(ctypes.Structure):
    _fields_ = [
        ("dli_fname", ctypes.c_char_p),
        ("dli_fbase", ctypes.c_void_p),
        ("dli_sname", ctypes.c_char_p),
        ("dli_saddr", ctypes.c_void_p),
    ]


def _loaded_from(dll: ctypes.CDLL) -> str | None:
    """The file ``dll`` was loaded from (``dladdr``): a system library is found by its soname."""
    try:
        dladdr = ctypes.CDLL(None).dladdr
    except (OSError, AttributeError):
        return None
    dladdr.argtypes = [ctypes.c_void_p, ctypes.POINTER(_DlInfo)]
    info = _DlInfo()
    address = ctypes.cast(dll.espeak_Synth, ctypes.c_void_p).value
    if not dladdr(address, ctypes.byref(info)) or not info.dli_fname:
        return None
    return os.fsdecode(info.dli_fname)


def _symbols(path: str) -> dict[str, list[tuple[int, int]]]:
    """The variables in the ELF file at ``path`` (a function's static ``x`` is ``x.123``) by
    name: [(address, size)]; and ``FUNCTIONS``."""
    try:
        from elftools.common.exceptions import ELFError
        from elftools.elf.elffile import ELFFile
    except ImportError:
        return {}
    found: dict[str, list[tuple[int, int]]] = {}
    try:
        with open(path, "rb") as f:
            table = ELFFile(f).get_section_by_name(".symtab")
            if table is None:
                return {}
            for sym in table.iter_symbols():
                kind = sym["st_info"]["type"]
                if kind == "STT_OBJECT" and sym["st_size"] or sym.name in FUNCTIONS:
                    found.setdefault(sym.name, []).append((sym["st_value"], sym["st_size"]))
    except (OSError, ELFError):
        return {}
    return found
