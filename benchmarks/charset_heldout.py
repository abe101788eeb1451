"""Held-out check of the 8-bit encoding guess (``audio_article.charset``) on real sentences.

The model is trained on jusText's stop-word lists; this scores it on Universal Dependencies
test sets (news and web text nobody on the project wrote), fetched as git mirrors:

    python benchmarks/charset_heldout.py /path/to/mirrors [--samples 200]

``/path/to/mirrors`` holds ``UniversalDependencies+UD_<Lang>-<Corpus>/repo`` git directories.
Each sample is one to three consecutive sentences with a non-ASCII letter, written in the
language's usual 8-bit code page(s) and decoded by ``read.decode``; "right" means the decoded
text equals the original. charset-normalizer's own best guess is shown alongside.
"""

from __future__ import annotations

import argparse
import random
import subprocess
from pathlib import Path

from charset_normalizer import from_bytes

from audio_article.read import decode

CORPORA = {
    "fr": ("UD_French-GSD", "fr_gsd-ud-test.conllu", ["latin-1", "cp1252"]),
    "de": ("UD_German-GSD", "de_gsd-ud-test.conllu", ["latin-1", "cp1252"]),
    "es": ("UD_Spanish-GSD", "es_gsd-ud-test.conllu", ["latin-1", "cp1252"]),
    "pt": ("UD_Portuguese-Bosque", "pt_bosque-ud-test.conllu", ["latin-1", "cp1252"]),
    "it": ("UD_Italian-ISDT", "it_isdt-ud-test.conllu", ["latin-1", "cp1252"]),
    "cs": ("UD_Czech-CAC", "cs_cac-ud-test.conllu", ["cp1250", "iso8859-2"]),
    "pl": ("UD_Polish-LFG", "pl_lfg-ud-test.conllu", ["cp1250", "iso8859-2"]),
    "tr": ("UD_Turkish-IMST", "tr_imst-ud-test.conllu", ["cp1254"]),
    "el": ("UD_Greek-GDT", "el_gdt-ud-test.conllu", ["cp1253", "iso8859-7"]),
    "ru": ("UD_Russian-GSD", "ru_gsd-ud-test.conllu", ["cp1251", "koi8-r"]),
    "uk": ("UD_Ukrainian-IU", "uk_iu-ud-test.conllu", ["cp1251", "koi8-u"]),
    "zh": ("UD_Chinese-GSD", "zh_gsd-ud-test.conllu", ["big5", "gb18030"]),
    "ja": ("UD_Japanese-GSD", "ja_gsd-ud-test.conllu", ["shift_jis", "euc-jp"]),
}


def sentences(mirrors: Path, repo: str, name: str) -> list[str]:
    git = mirrors / f"UniversalDependencies+{repo}" / "repo"
    text = subprocess.run(
        ["git", f"--git-dir={git}", "show", f"HEAD:{name}"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    return [line[9:].strip() for line in text.splitlines() if line.startswith("# text = ")]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("mirrors", type=Path)
    ap.add_argument("--samples", type=int, default=200)
    args = ap.parse_args()
    rng = random.Random(17)
    total = ours_ok = cn_ok = 0
    print(f"{'lang':<5}{'encoding':<11}{'n':>5}{'ours':>8}{'c-n':>8}")
    for lang, (repo, name, encodings) in CORPORA.items():
        sents = sentences(args.mirrors, repo, name)
        for enc in encodings:
            n = ok = cn = 0
            for _ in range(args.samples):
                i = rng.randrange(len(sents))
                text = " ".join(sents[i : i + rng.randint(1, 3)]) + "\n"
                try:
                    data = text.encode(enc)
                except UnicodeEncodeError:
                    continue  # a character the code page lacks (a curly quote in latin-1)
                if data.isascii():
                    continue
                n += 1
                ok += decode(data)[0] == text
                best = from_bytes(data).best()
                cn += best is not None and str(best) == text
            total, ours_ok, cn_ok = total + n, ours_ok + ok, cn_ok + cn
            print(f"{lang:<5}{enc:<11}{n:>5}{ok / n:>8.1%}{cn / n:>8.1%}")
    print(f"{'all':<16}{total:>5}{ours_ok / total:>8.1%}{cn_ok / total:>8.1%}")


if __name__ == "__main__":
    main()
