from __future__ import annotations

import numpy as np
import pyloudnorm
import pytest

from audio_article import loudness
from audio_article.loudness import (
    LoudnessMeter,
    clip_loudness,
    default_target,
    limit,
    target_lufs,
    true_peak,
)

RATE = 44_100


def _speechlike(seconds: float, seed: int = 1) -> np.ndarray:
    """Noise whose level changes every 100 ms, with silent gaps: something to gate."""
    rng = np.random.default_rng(seed)
    n = int(seconds * 10)
    envelope = np.repeat(rng.uniform(0, 1, n) * (rng.uniform(0, 1, n) > 0.2), RATE // 10)
    return rng.normal(0, 0.1, len(envelope)) * envelope


@pytest.mark.parametrize("chunk", [997, 4410, 100_000])
def test_streaming_meter_equals_pyloudnorm(chunk: int) -> None:
    x = _speechlike(12)
    meter = LoudnessMeter(RATE)
    for i in range(0, len(x), chunk):
        meter.feed(x[i : i + chunk])
    assert meter.integrated() == pytest.approx(
        pyloudnorm.Meter(RATE).integrated_loudness(x), abs=0.01
    )


def test_mono_copied_to_stereo_measures_3_db_louder() -> None:
    x = _speechlike(5)
    mono = LoudnessMeter(RATE)
    mono.feed(x)
    as_stereo = LoudnessMeter(RATE, output_channels=2)
    as_stereo.feed(x)
    stereo = LoudnessMeter(RATE, channels=2)
    stereo.feed(np.stack([x, x], axis=1))
    reference = pyloudnorm.Meter(RATE).integrated_loudness(np.stack([x, x], axis=1))
    assert as_stereo.integrated() == pytest.approx(mono.integrated() + 3.0103, abs=0.001)
    assert stereo.integrated() == pytest.approx(reference, abs=0.01)
    assert as_stereo.integrated() == pytest.approx(reference, abs=0.01)


def test_silence_and_short_signals() -> None:
    meter = LoudnessMeter(RATE)
    meter.feed_silence(RATE)
    assert meter.integrated() == -np.inf
    t = np.arange(RATE // 5) / RATE  # 200 ms, shorter than one gating block
    loud = clip_loudness(0.5 * np.sin(2 * np.pi * 997 * t), RATE)
    # BS.1770's calibration: a full-scale 997 Hz sine reads -3.01 LUFS
    assert loud == pytest.approx(-3.01 + 20 * np.log10(0.5), abs=0.1)


def test_true_peak_finds_peaks_between_samples() -> None:
    # a sine at a quarter of the rate, sampled 45 degrees off its peaks: samples at 0.707
    n = np.arange(4410)
    x = np.sin(2 * np.pi * n / 4 + np.pi / 4)
    assert np.abs(x).max() == pytest.approx(0.7071, abs=1e-3)
    assert true_peak(x) == pytest.approx(1.0, abs=0.02)


def test_limiter_keeps_true_peak_under_the_ceiling_and_leaves_quiet_audio_alone() -> None:
    x = _speechlike(3) * 8  # peaks well over full scale
    y, peak = limit(x, RATE, -1.0)
    assert 20 * np.log10(true_peak(y)) <= -1.0 + 1e-6
    assert peak == pytest.approx(true_peak(y), rel=1e-6)
    quiet = _speechlike(3) * 0.5
    same, _ = limit(quiet, RATE, -1.0)
    assert same is quiet
    loud = LoudnessMeter(RATE)
    loud.feed(y)
    original = LoudnessMeter(RATE)
    original.feed(x)
    assert loud.integrated() < original.integrated()


def test_targets() -> None:
    assert default_target(1) == -19.0
    assert default_target(2) == -16.0
    assert target_lufs(None, 2) == -16.0
    assert target_lufs(-23.0, 2) == -23.0


def test_oversampling_is_bs1770_annex_2_and_sparse_true_peak_is_exact() -> None:
    from scipy.signal import firwin, resample_poly

    from audio_article.loudness import _interpolator, oversampled, overshoot_bound

    h = firwin(49, 1 / 4, window=("kaiser", 5.0))
    assert np.allclose(_interpolator(), h, atol=1e-15)
    x = _speechlike(2, seed=3)
    full = resample_poly(x, 4, 1, window=h)
    assert np.allclose(oversampled(x), full, atol=1e-12)
    exact = max(np.abs(full).max(), np.abs(x).max())
    assert true_peak(x) == pytest.approx(exact, rel=1e-12)  # only near-peak windows computed
    assert true_peak(x, floor=exact * 0.99) == pytest.approx(exact, rel=1e-12)
    below = true_peak(x, floor=exact * 2)  # nothing can reach the floor: a lower bound
    assert np.abs(x).max() <= below <= exact
    assert 20 * np.log10(overshoot_bound()) == pytest.approx(5.65, abs=0.01)


def test_k_weighting_matches_pyloudnorm_filters() -> None:
    from pyloudnorm import IIRfilter

    from audio_article.loudness import k_weighting

    for rate in (22_050, 44_100, 48_000):
        shelf = IIRfilter(4.0, 1 / np.sqrt(2), 1500.0, rate, "high_shelf")
        high_pass = IIRfilter(0.0, 0.5, 38.0, rate, "high_pass")
        for (b, a), ref in zip(k_weighting(rate), (shelf, high_pass), strict=True):
            assert np.allclose(b, ref.b) and np.allclose(a, ref.a)


def test_meter_from_energies_scaled_and_corrected_equals_metering_the_output() -> None:
    from audio_article.loudness import k_weighted_energy

    x = _speechlike(6, seed=5)
    whole = LoudnessMeter(RATE)
    whole.feed(x)
    pieces = LoudnessMeter(RATE, true_peak=False)
    pieces.add_energy(k_weighted_energy(x[:100_000], RATE))
    pieces.feed_silence(RATE // 3)
    pieces.add_energy(k_weighted_energy(x[100_000:], RATE))
    joined = np.concatenate([x[:100_000], np.zeros(RATE // 3), x[100_000:]])
    reference = pyloudnorm.Meter(RATE).integrated_loudness(joined)
    assert pieces.integrated() == pytest.approx(reference, abs=0.02)
    louder = pieces.scaled(2.0)
    assert louder.integrated() == pytest.approx(pieces.integrated() + 6.0206, abs=1e-6)
    # halve the second piece after the fact: correct its sub-blocks
    at = 100_000 + RATE // 3
    e = k_weighted_energy(x[100_000:], RATE)
    before, after = louder.block_energy(at, e * 4), louder.block_energy(at, e)
    louder.correct(before.first, after.sums - before.sums)
    halved = np.concatenate([x[:100_000] * 2, np.zeros(RATE // 3), x[100_000:]])
    target = pyloudnorm.Meter(RATE).integrated_loudness(halved)
    assert louder.integrated() == pytest.approx(target, abs=0.02)
    with pytest.raises(ValueError):
        louder.true_peak_dbtp()  # a scaled meter does not know the peak


# -- the filters written with numpy instead of importing scipy.signal / scipy.ndimage (issue 16)


@pytest.mark.parametrize("rate", [16_000, 22_050, 44_100, 48_000])
def test_numpy_k_filter_equals_sosfilt_also_in_chunks(rate: int) -> None:
    from scipy.signal import sosfilt

    rng = np.random.default_rng(rate)
    x = rng.standard_normal(rate * 3 + 17) * 0.3
    x[:2000] += 0.5  # a step: the high pass's long tail
    reference = sosfilt(loudness._k_sos(rate), x)
    whole, _ = loudness.k_filter(x, rate)
    assert np.abs(whole - reference).max() < 1e-5
    state, parts = None, []
    for chunk in np.array_split(x, [1, 3, 5000, 5002, 9000]):
        y, state = loudness.k_filter(chunk, rate, state)
        parts.append(y)
    assert np.abs(np.concatenate(parts) - reference).max() < 1e-5


def test_k_weighting_without_the_compiled_kernel_gives_the_same_loudness(monkeypatch) -> None:
    rng = np.random.default_rng(5)
    x = rng.standard_normal(RATE * 4) * 0.1
    with_kernel = loudness.energy_loudness(loudness.k_weighted_energy(x, RATE), RATE)
    monkeypatch.setattr(loudness, "_compiled_sosfilt", lambda: None)
    without = loudness.energy_loudness(loudness.k_weighted_energy(x, RATE), RATE)
    assert loudness._compiled_sosfilt() is None
    assert without == pytest.approx(with_kernel, abs=1e-9)


def test_the_audio_stack_does_not_import_scipy_signal_or_ndimage() -> None:
    import subprocess
    import sys

    code = (
        "import sys, numpy as np\n"
        "from audio_article import loudness, stitch\n"
        "x = np.random.default_rng(1).standard_normal(22050) * 0.9\n"
        "loudness.limit(x, 22050, -1.0)\n"
        "loudness.k_weighted_energy(x, 22050)\n"
        "print(sorted(m for m in sys.modules if m.startswith(('scipy.signal', 'scipy.ndimage'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() in ("[]", "['scipy.signal._sosfilt']")


@pytest.mark.parametrize("n,width", [(1, 441), (5, 3), (441, 441), (442, 441), (3000, 441), (9, 1)])
def test_running_min_and_mean_equal_scipy_ndimage(n: int, width: int) -> None:
    from scipy.ndimage import minimum_filter1d, uniform_filter1d

    x = np.random.default_rng(n).random(n)
    assert np.array_equal(
        loudness.running_min(x, width), minimum_filter1d(x, width, mode="nearest")
    )
    assert np.allclose(
        loudness.running_mean(x, width), uniform_filter1d(x, width, mode="nearest"), atol=1e-12
    )


def test_the_in_process_decoder_measures_what_ffmpeg_measures(tmp_path) -> None:  # noqa: ANN001
    """The check after each encode decodes with miniaudio; ``inspect`` with ffmpeg: same file,
    same loudness, same length (both honour the LAME tag's delay and padding)."""
    from audio_article.encode import Mp3Preset, encode_mp3
    from audio_article.inspect import measure_file
    from audio_article.loudness import decoded_loudness

    rng = np.random.default_rng(7)
    n = 22_050 * 20 + 77
    speechy = rng.standard_normal(n) * 4000 * np.abs(np.sin(np.arange(n) / 22_050 * 2.5))
    for channels in (1, 2):
        mp3 = tmp_path / f"{channels}.mp3"
        encode_mp3(
            [speechy.astype("<i2").tobytes()],
            in_rate=22_050,
            in_channels=1,
            out_path=mp3,
            preset=Mp3Preset(96, 44_100, channels),
        )
        ms, lufs, _, _ = measure_file(mp3, 44_100, channels, true_peak=False)
        ours, frames = decoded_loudness(mp3, 44_100, channels)
        assert abs(ours - lufs) < 0.01
        assert frames == n * 2 == round(ms * 44.1)
