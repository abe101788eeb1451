"""Loudness: ITU-R BS.1770-4 integrated loudness and true peak, measured as a stream; mastering.

How an episode reaches its target without ever being one array in memory, touching each sample
as few times as possible:

1. Pass 1 (``stitch.assemble``): each clip is trimmed and K-weighted once (the two BS.1770
   biquads, ``k_weighted_energy``); its gated loudness gives its level gain, and the same
   K-weighted energy, times the level gain squared, goes to the episode's ``LoudnessMeter`` with
   the pauses between clips (silence adds zero energy: nothing to filter). The meter keeps only
   the energy of each 100 ms sub-block: ten floats per second of audio, 36,000 for an hour. The
   400 ms gating blocks (75 % overlap) are sums of four consecutive sub-blocks; the absolute
   (-70 LUFS) and relative (-10 LU) gates are applied when the result is asked for.
   Each clip is K-weighted from a zero filter state: clips are surrounded by silence (30 ms of
   it inside the clip after trimming, then the pause), and the filters' memory decays by more
   than 60 dB in that time, so this equals filtering the joined stream to far below 0.01 LU.
2. One gain for the whole episode: target minus measured. The encoder turns mono into stereo by
   copying the channel, which BS.1770 measures 3.01 dB louder; that is why -16 LUFS stereo and
   -19 LUFS mono are the same level, and why the meter is told the output channel count.
3. Pass 2 (``stitch.master``): each clip is read back, multiplied by its level gain and the
   episode gain; its true peak (4x oversampling, BS.1770-4 Annex 2) is computed only where it can
   reach the running maximum (see ``true_peak``), and the limiter runs only on a clip whose true
   peak is over the ceiling. The output loudness is the pass-1 energies times the episode gain
   squared, corrected by the exact energy change of every limited clip: measured, not predicted.

The K-weighting filters run in scipy's compiled ``sosfilt`` kernel (both biquads in one pass over
the samples), loaded without the 75 MB ``scipy.signal`` package, or in ``k_filter``, an exact
numpy equivalent, where that kernel cannot be loaded; the limiter's running minimum and mean are
numpy too (no ``scipy.ndimage``). The
oversampling is a small polyphase FIR written here with numpy, because it is evaluated only at
a few chosen positions, which ``scipy.signal.resample_poly`` cannot do.
pyloudnorm's ``Meter.integrated_loudness`` needs the whole signal at once; the meter here does
the same computation on a stream, and the tests check that both agree.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ABSOLUTE_GATE_LUFS = -70.0
RELATIVE_GATE_LU = -10.0
SUB_BLOCK_S = 0.1
"""Hop between the 400 ms gating blocks (75 % overlap)."""
BLOCK_SUB_BLOCKS = 4
OVERSAMPLE = 4
FIR_HALF = 6
"""The interpolator's half-length in input samples: 49 taps = 4 x 12 + 1."""
STEREO_OFFSET_DB = 10 * math.log10(2)
"""How much louder BS.1770 measures a mono signal copied to two channels."""
DEFAULT_MONO_LUFS = -19.0
DEFAULT_STEREO_LUFS = -16.0
DEFAULT_TRUE_PEAK_DBTP = -1.0
LIMITER_WINDOW_S = 0.010
"""Half-width of the limiter's look-ahead minimum and of its smoothing (attack = release)."""
LIMITER_MARGIN_DB = 0.1
"""Aim this far under the ceiling, for the ripple of the gain curve itself."""


def default_target(channels: int) -> float:
    return DEFAULT_STEREO_LUFS if channels >= 2 else DEFAULT_MONO_LUFS


def target_lufs(explicit: float | None, channels: int) -> float:
    """The loudness target: an explicit one, else the default for the channel count."""
    return explicit if explicit is not None else default_target(channels)


def db_to_gain(db: float) -> float:
    return 10.0 ** (db / 20.0)


def gain_to_db(gain: float) -> float:
    return 20.0 * math.log10(gain) if gain > 0 else -math.inf


# -- K-weighting ---------------------------------------------------------------------------------


@functools.cache
def k_weighting(rate: int) -> tuple[tuple[np.ndarray, np.ndarray], ...]:
    """The BS.1770 pre-filter at ``rate``: (b, a) of a high shelf then a high pass.

    RBJ cookbook designs with pyloudnorm's parameters (+4 dB shelf at 1,500 Hz, Q 1/sqrt(2);
    high pass at 38 Hz, Q 0.5), the formulas of its ``IIRfilter`` (importing pyloudnorm would
    import all of ``scipy.signal`` a second way for two small formulas); the tests check the
    result against pyloudnorm's meter.
    """
    shelf_gain = 10 ** (4.0 / 40.0)
    w0 = 2.0 * math.pi * 1500.0 / rate
    alpha = math.sin(w0) / (2.0 * (1 / math.sqrt(2)))
    a_, cw, sa = shelf_gain, math.cos(w0), 2 * math.sqrt(shelf_gain) * alpha
    shelf_b = [
        a_ * ((a_ + 1) + (a_ - 1) * cw + sa),
        -2 * a_ * ((a_ - 1) + (a_ + 1) * cw),
        a_ * ((a_ + 1) + (a_ - 1) * cw - sa),
    ]
    shelf_a = [
        (a_ + 1) - (a_ - 1) * cw + sa,
        2 * ((a_ - 1) - (a_ + 1) * cw),
        (a_ + 1) - (a_ - 1) * cw - sa,
    ]
    w0 = 2.0 * math.pi * 38.0 / rate
    alpha = math.sin(w0) / (2.0 * 0.5)
    cw = math.cos(w0)
    hp_b = [(1 + cw) / 2, -(1 + cw), (1 + cw) / 2]
    hp_a = [1 + alpha, -2 * cw, 1 - alpha]
    return tuple(
        (np.array(b) / a[0], np.array(a) / a[0]) for b, a in ((shelf_b, shelf_a), (hp_b, hp_a))
    )


@functools.cache
def _k_filter(rate: int, block: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The two biquads as one 4th-order filter, ready for ``_iir``: (numerator, the spectrum
    of the denominator's impulse response over one block, its zero-input responses)."""
    (b1, a1), (b2, a2) = k_weighting(rate)
    b, a = np.convolve(b1, b2), np.convolve(a1, a2)
    order = len(a) - 1
    # impulse response of 1/A(z) over one block, and the responses to each initial output
    # y[-1] .. y[-order] with no input: a plain recurrence, once per (rate, block) per process
    h = np.zeros(block + order)
    g = np.zeros((block + order, order))
    h[order] = 1.0
    for j in range(order):
        g[order - 1 - j, j] = 1.0
    for n in range(order, block + order):
        if n > order:
            h[n] = -(a[1:] @ h[n - order : n][::-1])
        g[n] = -(a[1:] @ g[n - order : n][::-1])
    spectrum = np.fft.rfft(h[order:], 2 * block)
    return b, spectrum, g[order:]


IIR_BLOCK = 2048
"""Samples per block of ``_iir`` (the FFT size is twice this)."""


@dataclass(frozen=True)
class FilterState:
    """Where ``k_filter`` stopped: the last inputs (oldest first) and outputs (newest first)."""

    inputs: np.ndarray
    outputs: np.ndarray


def k_filter(
    x: np.ndarray, rate: int, state: FilterState | None = None, block: int = IIR_BLOCK
) -> tuple[np.ndarray, FilterState]:
    """The K-weighting filters applied to a 1-D ``x`` (from ``state``, or from silence).

    Why not ``scipy.signal.sosfilt``: importing ``scipy.signal`` costs each process about 75 MB
    of memory and a second of start-up, for one function (issue 16). This is exact, not an
    approximation: the numerator is a 5-tap convolution; the recursive part is computed per
    block as the convolution of the block with the first ``block`` samples of the recursion's
    impulse response (the exact zero-state output inside the block, by FFT, all blocks at
    once), plus the exact response to the outputs the previous block ended with: four numbers
    carried from block to block. The tests compare it with ``sosfilt``.
    """
    b, spectrum, g = _k_filter(rate, block)
    order = g.shape[1]
    x = np.asarray(x, dtype=np.float64)
    n = len(x)
    prev_in = np.zeros(order) if state is None else state.inputs
    prev_out = np.zeros(order) if state is None else state.outputs
    if n == 0:
        return np.zeros(0), FilterState(prev_in, prev_out)
    joined = np.concatenate([prev_in, x])
    w = np.convolve(joined, b)[order : order + n]
    count = -(-n // block)
    padded = np.zeros(count * block)
    padded[:n] = w
    y = np.fft.irfft(np.fft.rfft(padded.reshape(count, block), 2 * block, axis=1) * spectrum)
    y = y[:, :block]
    states = np.empty((count, order))  # y[-1] .. y[-order] at the start of each block
    tail_g = g[-order:][::-1]  # the rows of a block's last outputs, newest first
    states[0] = prev_out
    for k in range(1, count):
        states[k] = y[k - 1, -order:][::-1] + tail_g @ states[k - 1]
    y += states @ g.T
    y = y.reshape(-1)[:n]
    outputs = np.concatenate([prev_out[::-1], y])[-order:][::-1]
    return y, FilterState(joined[-order:].copy(), outputs.copy())


@functools.cache
def _k_sos(rate: int) -> np.ndarray:
    return np.array([np.concatenate([b, a]) for b, a in k_weighting(rate)])


@functools.cache
def _compiled_sosfilt() -> Callable[[np.ndarray, np.ndarray, np.ndarray], None] | None:
    """scipy's compiled second-order-section kernel, loaded without the ``scipy.signal`` package.

    ``k_filter`` is exact but about ten times slower than scipy's C loop, and importing
    ``scipy.signal`` to reach that loop costs 75 MB a process. Its extension module
    ``scipy.signal._sosfilt`` imports nothing but numpy (2 MB, 40 ms), so it is loaded from its
    file alone. That is scipy's private layout: the kernel is checked on a test signal against
    ``k_filter`` before it is used, and anything unexpected (moved, renamed, another signature,
    other results) leaves ``k_filter`` in charge.
    """
    import importlib.machinery
    import importlib.util
    import sys

    name = "scipy.signal._sosfilt"
    try:
        module = sys.modules.get(name)
        if module is None:
            spec = importlib.util.find_spec("scipy")
            assert spec is not None and spec.submodule_search_locations
            folder = Path(next(iter(spec.submodule_search_locations))) / "signal"
            for suffix in importlib.machinery.EXTENSION_SUFFIXES:
                if (folder / f"_sosfilt{suffix}").is_file():
                    break
            else:
                return None
            spec = importlib.util.spec_from_file_location(name, folder / f"_sosfilt{suffix}")
            assert spec is not None and spec.loader is not None
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            sys.modules[name] = module  # a later ``import scipy.signal`` reuses it
        kernel = module._sosfilt
        rate = 8_000
        x = np.sin(np.arange(3_000) * 0.37) * np.linspace(0.0, 1.0, 3_000)
        y = x[None, :].copy()
        kernel(_k_sos(rate), y, np.zeros((1, 2, 2)))
        if not np.allclose(y[0], k_filter(x, rate)[0], rtol=0, atol=1e-9):
            return None
        return kernel
    except Exception:  # noqa: BLE001 - any surprise means: use the exact numpy filter
        return None


def k_weighted_energy(x: np.ndarray, rate: int) -> np.ndarray:
    """K-weighted squared signal of a 1-D ``x`` that starts from silence (zero filter state)."""
    kernel = _compiled_sosfilt()
    if kernel is None:
        y, _ = k_filter(x, rate)
    else:
        y2 = np.array(x, dtype=np.float64, ndmin=2, order="C")  # filtered in place
        kernel(_k_sos(rate), y2, np.zeros((1, 2, 2)))
        y = y2[0]
    return np.square(y, out=y)


# -- the meter -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class BlockEnergy:
    """Energy summed by the meter's 100 ms sub-blocks, from sub-block ``first`` on."""

    first: int
    sums: np.ndarray


class LoudnessMeter:
    """BS.1770-4 integrated loudness of a stream fed in chunks; memory: 10 floats per second.

    ``output_channels`` > the fed channel count means the signal will be copied to more channels
    (mono -> stereo), which adds 3.01 dB per doubling to the figure. ``true_peak=False`` skips
    the true-peak meter (it costs more than the loudness) where nobody asks for the peak.
    """

    def __init__(
        self,
        rate: int,
        channels: int = 1,
        output_channels: int | None = None,
        *,
        true_peak: bool = True,
    ) -> None:
        self.rate = rate
        self.channels = channels
        self._offset_db = 10 * math.log10((output_channels or channels) / channels)
        self._state: list[FilterState | None] = [None] * channels  # for k_filter
        self._zi: list[np.ndarray | None] = [None] * channels  # for the compiled kernel
        self._hop = round(SUB_BLOCK_S * rate)
        self._partial = 0.0
        self._partial_n = 0
        self._sub_blocks: list[float] = []
        self.samples = 0
        self._peak = TruePeakMeter(channels) if true_peak else None

    def feed(self, x: np.ndarray) -> None:
        """Add samples: shape (n,) for mono or (n, channels), floats in [-1, 1]."""
        x = np.asarray(x, dtype=np.float64)
        if x.ndim == 1:
            x = x[:, None]
        n = x.shape[0]
        if n == 0:
            return
        if self._peak is not None:
            self._peak.feed(x)
        energy = np.zeros(n)
        kernel = _compiled_sosfilt()
        for ch in range(self.channels):
            if kernel is None:
                y, self._state[ch] = k_filter(x[:, ch], self.rate, self._state[ch])
            else:
                if self._zi[ch] is None:
                    self._zi[ch] = np.zeros((1, 2, 2))
                y2 = np.array(x[:, ch], dtype=np.float64, ndmin=2, order="C")
                kernel(_k_sos(self.rate), y2, self._zi[ch])  # filters y2, updates zi
                y = y2[0]
            energy += y * y  # channel weight 1.0 for left, right (and mono)
        self.add_energy(energy)

    def feed_silence(self, frames: int) -> None:
        """Add digital silence: zero energy, nothing to filter (the filters are let to settle)."""
        if frames <= 0:
            return
        self._state = [None] * self.channels
        self._zi = [None] * self.channels
        if self._peak is not None:
            self._peak.feed_silence()
        hop = self._hop
        self.samples += frames
        if self._partial_n:
            take = min(hop - self._partial_n, frames)
            self._partial_n += take
            frames -= take
            if self._partial_n == hop:
                self._sub_blocks.append(self._partial)
                self._partial, self._partial_n = 0.0, 0
        whole, rest = divmod(frames, hop)
        self._sub_blocks.extend([0.0] * whole)
        self._partial_n += rest

    def add_energy(self, energy: np.ndarray) -> None:
        """Add K-weighted energies (one per frame, summed over channels) to the stream."""
        hop = self._hop
        self.samples += len(energy)
        i = 0
        if self._partial_n:
            take = min(hop - self._partial_n, len(energy))
            self._partial += float(energy[:take].sum())
            self._partial_n += take
            i = take
            if self._partial_n == hop:
                self._sub_blocks.append(self._partial)
                self._partial, self._partial_n = 0.0, 0
        whole = (len(energy) - i) // hop
        if whole:
            self._sub_blocks.extend(energy[i : i + whole * hop].reshape(whole, hop).sum(axis=1))
            i += whole * hop
        if i < len(energy):
            self._partial += float(energy[i:].sum())
            self._partial_n += len(energy) - i

    def block_energy(self, at_frame: int, energy: np.ndarray) -> BlockEnergy:
        """``energy`` (per frame, from stream frame ``at_frame`` on) summed by sub-block."""
        hop = self._hop
        first, skip = divmod(at_frame, hop)
        padded = np.zeros(-(-(skip + len(energy)) // hop) * hop)
        padded[skip : skip + len(energy)] = energy
        return BlockEnergy(first, padded.reshape(-1, hop).sum(axis=1))

    def correct(self, first: int, delta: np.ndarray) -> None:
        """Add ``delta`` to the sub-blocks from ``first`` on, already metered (a part of the
        stream changed after it was measured, e.g. a limited clip)."""
        if first < 0 or first + len(delta) > len(self._sub_blocks) + 1:
            raise ValueError("correction outside the metered stream")
        for k, d in enumerate(delta.tolist()):
            if first + k < len(self._sub_blocks):
                self._sub_blocks[first + k] += d
            else:
                self._partial += d

    def scaled(self, gain: float) -> LoudnessMeter:
        """A meter of the same stream multiplied by ``gain`` (no true peak: it is not linear in
        what was measured when limiting follows)."""
        out = LoudnessMeter(self.rate, self.channels, true_peak=False)
        out._offset_db = self._offset_db
        g2 = gain * gain
        out._sub_blocks = [s * g2 for s in self._sub_blocks]
        out._partial, out._partial_n = self._partial * g2, self._partial_n
        out.samples = self.samples
        return out

    def integrated(self) -> float:
        """Gated integrated loudness in LUFS (-inf for silence)."""
        sub = np.asarray(self._sub_blocks, dtype=np.float64)
        if len(sub) >= BLOCK_SUB_BLOCKS:
            sums = np.convolve(sub, np.ones(BLOCK_SUB_BLOCKS), mode="valid")
            z = sums / (BLOCK_SUB_BLOCKS * self._hop)
        else:  # shorter than one gating block: the whole signal is the block
            total = float(sub.sum()) + self._partial
            if self.samples == 0:
                return -math.inf
            z = np.array([total / self.samples])
        return _gated(z) + self._offset_db

    def true_peak_dbtp(self) -> float:
        if self._peak is None:
            raise ValueError("this meter does not measure the true peak")
        return gain_to_db(self._peak.peak())


def _gated(z: np.ndarray) -> float:
    with np.errstate(divide="ignore"):
        loud = -0.691 + 10 * np.log10(z)
    keep = loud >= ABSOLUTE_GATE_LUFS
    if not keep.any():
        return -math.inf
    relative = -0.691 + 10 * math.log10(float(z[keep].mean())) + RELATIVE_GATE_LU
    keep &= loud > relative
    if not keep.any():
        return -math.inf
    return -0.691 + 10 * math.log10(float(z[keep].mean()))


def energy_loudness(energy: np.ndarray, rate: int) -> float:
    """Gated loudness of one short signal (one sentence) from its K-weighted energy, LUFS."""
    meter = LoudnessMeter(rate, true_peak=False)
    meter.add_energy(energy)
    return meter.integrated()


def clip_loudness(x: np.ndarray, rate: int) -> float:
    """Gated loudness of one short signal (one sentence), LUFS."""
    return energy_loudness(k_weighted_energy(x, rate), rate)


# -- true peak -----------------------------------------------------------------------------------


@functools.cache
def _interpolator() -> np.ndarray:
    """A 49-tap low-pass for 4x oversampling, the order BS.1770-4 Annex 2 suggests (12 per
    phase): a Kaiser-windowed sinc (beta 5), unity gain at DC, i.e. what
    ``scipy.signal.firwin(49, 1/4, window=("kaiser", 5.0))`` designs (the tests compare)."""
    n = np.arange(2 * FIR_HALF * OVERSAMPLE + 1) - FIR_HALF * OVERSAMPLE
    h = np.sinc(n / OVERSAMPLE) * np.kaiser(len(n), 5.0)
    return h / h.sum()


@functools.cache
def _phases() -> np.ndarray:
    """The interpolator as a (4, 13) matrix: oversampled value j/4 after input sample ``n`` is
    ``sum_d P[j, d] * x[n + FIR_HALF - d]``, d = 0..12 (the same values and alignment as
    ``resample_poly(x, 4, 1, window=h)``, which also multiplies by 4)."""
    h = _interpolator()
    p = np.zeros((OVERSAMPLE, 2 * FIR_HALF + 1))
    for j in range(OVERSAMPLE):
        for d in range(2 * FIR_HALF + 1):
            k = OVERSAMPLE * (d - FIR_HALF) + j + FIR_HALF * OVERSAMPLE
            if 0 <= k < len(h):
                p[j, d] = OVERSAMPLE * h[k]
    return p


@functools.cache
def overshoot_bound() -> float:
    """How far an oversampled value can exceed the largest input sample it is made of: the
    largest sum of |taps| of one phase, 1.916 (5.65 dB) for this interpolator."""
    return float(np.abs(_phases()).sum(axis=1).max())


def oversampled(x: np.ndarray) -> np.ndarray:
    """``x`` (1-D) at 4x the rate, interpolated by the polyphase FIR (BS.1770-4 Annex 2)."""
    x = np.asarray(x, dtype=np.float64)
    p = _phases()
    out = np.empty((len(x), OVERSAMPLE))
    for j in range(OVERSAMPLE):
        full = np.convolve(x, p[j])  # full[n + FIR_HALF] = sum_d p[j, d] x[n + FIR_HALF - d]
        out[:, j] = full[FIR_HALF : FIR_HALF + len(x)]
    return out.ravel()


def true_peak(x: np.ndarray, floor: float = 0.0) -> float:
    """Linear true peak of a 1-D signal (silence beyond its ends): the larger of its sample peak
    and the peak of its 4x oversampled version.

    Exact (equal to oversampling the whole signal) whenever the result is at least ``floor``;
    below that it is a lower bound, still at least the sample peak. Only the oversampled values
    that can reach ``max(floor, sample peak)`` are computed: a value is a weighted sum of 13
    input samples whose weights sum to at most ``overshoot_bound()`` (5.65 dB) in magnitude, so
    if all 13 are more than 5.65 dB under that level it cannot reach it. In speech a few percent
    of the samples are that close to the top, so this costs a fraction of full oversampling.
    """
    return _peak_between(np.asarray(x, dtype=np.float64), floor, 0, len(x))


def _peak_between(x: np.ndarray, floor: float, lo: int, hi: int) -> float:
    """``true_peak`` of the samples ``lo:hi`` of ``x`` and of the values interpolated after
    them, with the rest of ``x`` as their context."""
    if hi <= lo:
        return 0.0
    sample_peak = float(np.abs(x[lo:hi]).max())
    _, env = _envelope(x, max(floor, sample_peak), lo, hi)
    return max(sample_peak, float(env.max(initial=0.0)))


def _envelope(
    x: np.ndarray, level: float, lo: int = 0, hi: int | None = None, batch: int = 1 << 15
) -> tuple[np.ndarray, np.ndarray]:
    """(positions, envelope) for the samples of ``x[lo:hi]`` whose envelope can reach ``level``:
    the envelope of sample n is the largest of |x[n]| and the three values interpolated after
    it (4x oversampling). Every other sample's envelope is under ``level`` (see
    ``true_peak``); positions are sorted."""
    hi = len(x) if hi is None else hi
    if level <= 0.0:
        positions = np.arange(lo, hi)
    else:
        near = np.flatnonzero(np.abs(x) >= level / overshoot_bound())
        # every sample within FIR_HALF of a near one (a few percent of them: marked index by
        # index, 13 small scatters instead of passes over the whole signal)
        reach = np.zeros(len(x) + 2 * FIR_HALF, dtype=bool)
        for d in range(2 * FIR_HALF + 1):
            reach[near + d] = True
        positions = np.flatnonzero(reach[lo + FIR_HALF : hi + FIR_HALF]) + lo
    padded = np.concatenate([np.zeros(FIR_HALF), x, np.zeros(FIR_HALF)])
    p = _phases()
    # padded[n + 2 * FIR_HALF - d] = x[n + FIR_HALF - d]
    taps = 2 * FIR_HALF - np.arange(2 * FIR_HALF + 1)
    env = np.empty(len(positions))
    for i in range(0, len(positions), batch):
        window = padded[positions[i : i + batch, None] + taps]
        env[i : i + batch] = np.abs(window @ p.T).max(axis=1)
    np.maximum(env, np.abs(x[positions]), out=env)
    return positions, env


class TruePeakMeter:
    """True peak of a stream: each chunk is oversampled with the tail of the previous one."""

    CONTEXT = 32

    def __init__(self, channels: int) -> None:
        self._tail = np.zeros((0, channels))
        self._counted = 0
        """How many leading samples of the tail are already measured."""
        self._peak = 0.0

    def feed(self, x: np.ndarray) -> None:
        joined = np.concatenate([self._tail, x])
        c = self.CONTEXT
        if len(joined) > 2 * c:
            # count only the middle part: its neighbours on both sides are known
            for ch in range(joined.shape[1]):
                peak = _peak_between(joined[:, ch], self._peak, self._counted, len(joined) - c // 2)
                self._peak = max(self._peak, peak)
            self._tail = joined[-c:]
            self._counted = c // 2
        else:
            self._tail = joined

    def _pending_peak(self) -> float:
        """The peak of the samples not yet measured, with silence after them."""
        n = len(self._tail)
        return max(
            (
                _peak_between(self._tail[:, ch], self._peak, self._counted, n)
                for ch in range(self._tail.shape[1])
            ),
            default=0.0,
        )

    def feed_silence(self) -> None:
        """Silence follows: measure what is pending now; nothing after it needs it as context."""
        self._peak = max(self._peak, self._pending_peak())
        self._tail = self._tail[:0]
        self._counted = 0

    def peak(self) -> float:
        return max(self._peak, self._pending_peak())


def limit(
    x: np.ndarray, rate: int, ceiling_dbtp: float, floor: float | None = None
) -> tuple[np.ndarray, float]:
    """Keep the true peak of ``x`` (1-D) under ``ceiling_dbtp``; returns (output, its true peak).

    ``x`` itself comes back when it is already under the ceiling. A look-ahead limiter in two
    array operations: the gain each sample needs is spread by a running minimum (so the gain is
    already down before a peak arrives) and smoothed by a running mean of the same width (so it
    never exceeds what any sample needs). Both run only on the spans around samples over the
    aim: elsewhere the gain is exactly 1. The returned peak is exact when it is at least
    ``floor`` (default: the aim, 0.1 dB under the ceiling), else a lower bound under it.
    """
    ceiling = db_to_gain(ceiling_dbtp)
    aim = db_to_gain(ceiling_dbtp - LIMITER_MARGIN_DB)
    level = aim if floor is None else min(aim, floor)
    width = 2 * round(LIMITER_WINDOW_S * rate) + 1
    y = x
    for _ in range(4):  # normally one pass; repeat if the gain ripple overshot
        if len(y) == 0:
            return y, 0.0
        # the envelope only where it can pass the level: elsewhere the gain needed is 1
        where, env = _envelope(y, level)
        peak = max(float(np.abs(y).max()), float(env.max(initial=0.0)))
        if peak <= ceiling:
            return y, peak
        over = env > aim
        where, need = where[over], aim / env[over]
        y = y.copy() if y is x else y
        # spans where the gain can differ from 1: within `width` of an over-aim sample
        breaks = np.flatnonzero(np.diff(where) > 2 * width) + 1
        for span_where, span_need in zip(
            np.split(where, breaks), np.split(need, breaks), strict=True
        ):
            lo = max(0, int(span_where[0]) - width)
            hi = min(len(y), int(span_where[-1]) + width + 1)
            wanted = np.ones(hi - lo)
            wanted[span_where - lo] = span_need
            gain = running_mean(running_min(wanted, width), width)
            y[lo:hi] *= gain
    return y, true_peak(y)


# Running minimum and mean over a centred odd window, the ends repeated (scipy.ndimage's
# ``minimum_filter1d`` / ``uniform_filter1d`` with mode="nearest"): written with numpy because
# importing ``scipy.ndimage`` costs every process 28 MB for these two loops (issue 16).


def running_min(x: np.ndarray, width: int) -> np.ndarray:
    """Minimum of each centred window of odd ``width``, in O(n) (van Herk / Gil-Werman: the
    window's minimum is the lesser of a block suffix minimum and a block prefix minimum)."""
    half = width // 2
    n = len(x)
    padded = np.pad(x, half, mode="edge")
    blocks = -(-len(padded) // width)
    full = np.full(blocks * width, np.inf)
    full[: len(padded)] = padded
    grid = full.reshape(blocks, width)
    prefix = np.minimum.accumulate(grid, axis=1).reshape(-1)
    suffix = np.minimum.accumulate(grid[:, ::-1], axis=1)[:, ::-1].reshape(-1)
    starts = np.arange(n)
    return np.minimum(suffix[starts], prefix[starts + width - 1])


def running_mean(x: np.ndarray, width: int) -> np.ndarray:
    """Mean of each centred window of odd ``width`` (a difference of cumulative sums)."""
    half = width // 2
    padded = np.pad(np.asarray(x, dtype=np.float64), half, mode="edge")
    sums = np.concatenate([[0.0], np.cumsum(padded)])
    return (sums[width:] - sums[:-width]) / width


def decoded_loudness(path: Path, rate: int, channels: int) -> tuple[float, int]:
    """Decode an MP3 in this process (miniaudio's dr_mp3, in blocks: memory stays flat however
    long the file is) and meter it: (integrated LUFS, decoded frames). The check after each
    encode; ``inspect`` decodes with ffmpeg instead, for its messages about damaged files.
    Raises ``OSError`` (the file could not be read) or ``ValueError`` (not decodable)."""
    import miniaudio

    meter = LoudnessMeter(rate, channels, true_peak=False)
    try:
        blocks = miniaudio.stream_file(
            str(path),
            output_format=miniaudio.SampleFormat.FLOAT32,
            nchannels=channels,
            sample_rate=rate,
            frames_to_read=1 << 16,
        )
        for block in blocks:
            meter.feed(np.frombuffer(block, dtype=np.float32).reshape(-1, channels))
    except miniaudio.DecodeError as exc:
        raise ValueError(f"{path}: cannot decode it: {exc}") from exc
    return meter.integrated(), meter.samples
