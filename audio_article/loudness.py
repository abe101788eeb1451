"""Loudness: ITU-R BS.1770-4 integrated loudness and true peak, measured as a stream; mastering.

How an episode reaches its target without ever being one array in memory:

1. Pass 1 (``stitch.assemble``): each clip is trimmed, converted and levelled, written to a spool
   file, and fed to a ``LoudnessMeter`` together with the pauses between clips. The meter
   K-weights the stream with the two BS.1770 biquads (coefficients from pyloudnorm's
   ``IIRfilter``; ``scipy.signal.lfilter`` with its state carried from chunk to chunk) and keeps
   only the energy of each 100 ms sub-block: ten floats per second of audio, 36,000 for an hour.
   The 400 ms gating blocks (75 % overlap) are sums of four consecutive sub-blocks; the absolute
   (-70 LUFS) and relative (-10 LU) gates are applied when the result is asked for.
2. One gain for the whole episode: target minus measured. The encoder turns mono into stereo by
   copying the channel, which BS.1770 measures 3.01 dB louder; that is why -16 LUFS stereo and
   -19 LUFS mono are the same level, and why the meter is told the output channel count.
3. Pass 2 (``stitch.master``): each clip is read back, multiplied by its level gain and the
   episode gain and sent through a true-peak limiter, one clip at a time. Clips are single
   sentences with silence on both sides, so limiting clip by clip is the same as limiting the
   stream, with the look-ahead for free. True peak is measured by 4x oversampling (BS.1770-4
   Annex 2) with ``scipy.signal.resample_poly`` (a polyphase FIR). The limited output is metered
   again, so the figures reported are measured, not predicted.

pyloudnorm's ``Meter.integrated_loudness`` needs the whole signal at once; the meter here does
the same computation on a stream, and the tests check that both agree.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

import numpy as np

ABSOLUTE_GATE_LUFS = -70.0
RELATIVE_GATE_LU = -10.0
SUB_BLOCK_S = 0.1
"""Hop between the 400 ms gating blocks (75 % overlap)."""
BLOCK_SUB_BLOCKS = 4
OVERSAMPLE = 4
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


@dataclass(frozen=True)
class _Biquads:
    stages: tuple[tuple[np.ndarray, np.ndarray, float], ...]


def _k_weighting(rate: int) -> _Biquads:
    """The BS.1770 pre-filter (high shelf + high pass) at ``rate``, as pyloudnorm designs it."""
    from pyloudnorm import IIRfilter

    shelf = IIRfilter(4.0, 1 / math.sqrt(2), 1500.0, rate, "high_shelf")
    high_pass = IIRfilter(0.0, 0.5, 38.0, rate, "high_pass")
    return _Biquads(
        tuple(
            (np.asarray(f.b, dtype=np.float64), np.asarray(f.a, dtype=np.float64), f.passband_gain)
            for f in (shelf, high_pass)
        )
    )


class LoudnessMeter:
    """BS.1770-4 integrated loudness of a stream fed in chunks; memory: 10 floats per second.

    ``output_channels`` > the fed channel count means the signal will be copied to more channels
    (mono -> stereo), which adds 3.01 dB per doubling to the figure.
    """

    def __init__(self, rate: int, channels: int = 1, output_channels: int | None = None) -> None:
        from scipy.signal import lfilter_zi

        self.rate = rate
        self.channels = channels
        self._offset_db = 10 * math.log10((output_channels or channels) / channels)
        self._filters = _k_weighting(rate)
        self._zi = [
            [lfilter_zi(b, a) * 0.0 for (b, a, _) in self._filters.stages] for _ in range(channels)
        ]
        self._hop = round(SUB_BLOCK_S * rate)
        self._partial = 0.0
        self._partial_n = 0
        self._sub_blocks: list[float] = []
        self.samples = 0
        self._peak = TruePeakMeter(channels)

    def feed(self, x: np.ndarray) -> None:
        """Add samples: shape (n,) for mono or (n, channels), floats in [-1, 1]."""
        from scipy.signal import lfilter

        x = np.asarray(x, dtype=np.float64)
        if x.ndim == 1:
            x = x[:, None]
        n = x.shape[0]
        if n == 0:
            return
        self._peak.feed(x)
        energy = np.zeros(n)
        for ch in range(self.channels):
            y = x[:, ch]
            for i, (b, a, passband) in enumerate(self._filters.stages):
                y, self._zi[ch][i] = lfilter(b, a, y, zi=self._zi[ch][i])
                y = y * passband
            energy += y * y  # channel weight 1.0 for left, right (and mono)
        self.samples += n
        self._add_energy(energy)

    def feed_silence(self, frames: int, chunk: int = 1 << 16) -> None:
        while frames > 0:
            n = min(frames, chunk)
            self.feed(np.zeros((n, self.channels)))
            frames -= n

    def _add_energy(self, energy: np.ndarray) -> None:
        hop = self._hop
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


def clip_loudness(x: np.ndarray, rate: int) -> float:
    """Gated loudness of one short signal (one sentence), LUFS."""
    meter = LoudnessMeter(rate)
    meter.feed(x)
    return meter.integrated()


@functools.cache
def _interpolator() -> np.ndarray:
    """A 49-tap low-pass for 4x oversampling, the order BS.1770-4 Annex 2 suggests (12 per
    phase); scipy's default for ``resample_poly`` is 81 taps and about 1.6x slower."""
    from scipy.signal import firwin

    return firwin(
        12 * OVERSAMPLE + 1, 1 / OVERSAMPLE, window=("kaiser", 5.0)
    )  # unity gain: resample_poly multiplies by 4


def oversampled(x: np.ndarray) -> np.ndarray:
    """``x`` (1-D) at 4x the rate, interpolated by a polyphase FIR (BS.1770-4 Annex 2)."""
    from scipy.signal import resample_poly

    return resample_poly(x, OVERSAMPLE, 1, window=_interpolator())


def true_peak(x: np.ndarray) -> float:
    """Linear true peak of a 1-D signal that starts and ends in silence."""
    if len(x) == 0:
        return 0.0
    return float(max(np.abs(oversampled(x)).max(), np.abs(x).max()))


class TruePeakMeter:
    """True peak of a stream: each chunk is oversampled with the tail of the previous one."""

    CONTEXT = 32

    def __init__(self, channels: int) -> None:
        self._tail = np.zeros((0, channels))
        self._peak = 0.0

    def feed(self, x: np.ndarray) -> None:
        sample_peak = float(np.abs(x).max()) if len(x) else 0.0
        self._peak = max(self._peak, sample_peak)
        joined = np.concatenate([self._tail, x])
        c = self.CONTEXT
        if len(joined) > 2 * c:
            # count only the middle part: its neighbours on both sides are known
            for ch in range(joined.shape[1]):
                up = np.abs(oversampled(joined[:, ch]))
                mid = up[(c // 2) * OVERSAMPLE : (len(joined) - c // 2) * OVERSAMPLE]
                if len(mid):
                    self._peak = max(self._peak, float(mid.max()))
            self._tail = joined[-c:]
        else:
            self._tail = joined

    def peak(self) -> float:
        return self._peak


def limit(x: np.ndarray, rate: int, ceiling_dbtp: float) -> tuple[np.ndarray, float]:
    """Keep the true peak of ``x`` (1-D) under ``ceiling_dbtp``; returns (output, its true peak).

    A look-ahead limiter in two array operations: the gain each sample needs is spread by a
    running minimum (so the gain is already down before a peak arrives) and smoothed by a
    running mean of the same width (so it never exceeds what any sample needs).
    """
    from scipy.ndimage import minimum_filter1d, uniform_filter1d

    ceiling = db_to_gain(ceiling_dbtp)
    aim = db_to_gain(ceiling_dbtp - LIMITER_MARGIN_DB)
    width = 2 * round(LIMITER_WINDOW_S * rate) + 1
    y = x
    for _ in range(4):  # normally one pass; repeat if the gain ripple overshot
        if len(y) == 0:
            return y, 0.0
        env = np.abs(oversampled(y)).reshape(-1, OVERSAMPLE).max(axis=1)
        env = np.maximum(env, np.abs(y))
        peak = float(env.max())
        if peak <= ceiling:
            return y, peak
        need = np.minimum(1.0, aim / np.maximum(env, 1e-12))
        gain = uniform_filter1d(
            minimum_filter1d(need, width, mode="nearest"), width, mode="nearest"
        )
        y = y * gain
    return y, true_peak(y)
