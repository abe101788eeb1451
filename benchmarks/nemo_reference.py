"""Read sentences (one a line) on stdin, write NeMo's normalization of each on stdout.

Runs only in a scratch environment with NVIDIA's ``nemo_text_processing`` (benchmark only, never a
dependency of the project), e.g.::

    python3 -m venv /tmp/nemo && /tmp/nemo/bin/pip install pynini==2.1.6.post1
    /tmp/nemo/bin/pip install --no-deps nemo_text_processing
    /tmp/nemo/bin/pip install cdifflib editdistance inflect joblib pandas regex sacremoses tqdm wget wrapt
    /tmp/nemo/bin/python benchmarks/nemo_reference.py < sentences.txt > nemo.txt
"""

from __future__ import annotations

import sys

from nemo_text_processing.text_normalization.normalize import Normalizer


def main() -> None:
    cache = sys.argv[1] if len(sys.argv) > 1 else None
    normalizer = Normalizer(input_case="cased", lang="en", cache_dir=cache)
    for line in sys.stdin:
        text = line.rstrip("\n")
        try:
            out = normalizer.normalize(text, punct_post_process=True)
        except Exception as exc:  # noqa: BLE001 - a reference failure is recorded, not fatal
            out = f"<NeMo error: {type(exc).__name__}>"
        print(out.replace("\n", " "), flush=True)


if __name__ == "__main__":
    main()
