"""Measure the non-English languages on text nobody on the project wrote (run by hand).

Normalization: the public test cases of NVIDIA's NeMo text-processing grammars (de, fr, es:
tests/nemo_text_processing/<lang>/data_text_normalization/test_cases_*.txt) and of
lociko/ukraine_itn_wfst (uk: its (spoken, written) pytest tables, read in reverse). A case passes
when our spoken form equals theirs letter for letter, ignoring case, spaces and hyphens
("vier und zwanzig" = "vierundzwanzig").

Sentences: Universal Dependencies treebanks (UD_German-GSD, UD_French-GSD, UD_Spanish-GSD,
UD_Ukrainian-IU): the gold sentences, joined into paragraphs (UD's own paragraphs where the
treebank marks them, else runs of five), split again; boundary precision, recall and F1, and how
many paragraphs with a day-month date ("14. März", "1er décembre", "14 березня") are cut inside it.
"dev" files were looked at while writing the rules; "test" files were not.

"before" is what main did for these languages (English segmenter; text passed through as
written); "after" is audio_article.languages.

    python benchmarks/languages_eval.py [--mirror /work/.mirror]
"""

from __future__ import annotations

import argparse
import ast
import re
import subprocess
from pathlib import Path

from audio_article import segment
from audio_article.languages import for_language

NEMO = "NVIDIA+NeMo-text-processing"
UD = {
    "de": ("UniversalDependencies+UD_German-GSD", "de_gsd-ud-{split}.conllu"),
    "fr": ("UniversalDependencies+UD_French-GSD", "fr_gsd-ud-{split}.conllu"),
    "es": ("UniversalDependencies+UD_Spanish-GSD", "es_gsd-ud-{split}.conllu"),
    "uk": ("UniversalDependencies+UD_Ukrainian-IU", "uk_iu-ud-{split}.conllu"),
}
DATE = {
    "de": r"\b\d{1,2}\.\s(?:Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember)",
    "fr": r"\b\d{1,2}(?:er)?\s(?:janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre)",
    "es": r"\b\d{1,2}\sde\s(?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre)",
    "uk": r"\b\d{1,2}\s(?:січня|лютого|березня|квітня|травня|червня|липня|серпня|вересня|жовтня|листопада|грудня)",
}


def git_show(repo: Path, path: str) -> str:
    return subprocess.run(
        ["git", "--git-dir", str(repo), "show", f"HEAD:{path}"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip


def letters(text: str) -> str:
    return re.sub(r"[^\w]|_|\d", "", text.lower())


def tn_cases(mirror: Path, lang: str) -> dict[str, list[tuple[str, str]]]:
    """Category -> (written, spoken) pairs."""
    out: dict[str, list[tuple[str, str]]] = {}
    if lang == "uk":
        repo = mirror / "lociko+ukraine_itn_wfst" / "repo"
        for name in ("cardinal", "date", "decimal", "measure", "money", "ordinal", "time"):
            source = git_show(repo, f"tests/test_{name}.py")
            for block in re.findall(r"parametrize\([^\[]*(\[.*?\])\)", source, re.S):
                for spoken, written in ast.literal_eval(block):
                    out.setdefault(name, []).append((written, spoken))
        return out
    repo = mirror / NEMO / "repo"
    base = f"tests/nemo_text_processing/{lang}/data_text_normalization"
    for name in ("cardinal", "date", "decimal", "money", "ordinal", "time", "measure"):
        try:
            source = git_show(repo, f"{base}/test_cases_{name}.txt")
        except subprocess.CalledProcessError:
            continue
        for line in source.splitlines():
            if "~" not in line:
                continue
            a, b = line.split("~", 1)
            # the files are written~spoken or spoken~written: the written side has digits
            if re.search(r"\d", a) and not re.search(r"\d", b):
                out.setdefault(name, []).append((a.strip(), b.strip()))
            elif re.search(r"\d", b) and not re.search(r"\d", a):
                out.setdefault(name, []).append((b.strip(), a.strip()))
    return out


def eval_tn(mirror: Path, lang: str) -> None:
    native = for_language(lang)
    assert native is not None
    total_before = total_after = total = 0
    for name, cases in tn_cases(mirror, lang).items():
        before = sum(letters(w) == letters(s) for w, s in cases)
        after = sum(letters(native.explain(w)[0]) == letters(s) for w, s in cases)
        digits = sum(bool(re.search(r"\d", native.explain(w)[0])) for w, _ in cases)
        print(f"  tn {lang} {name:9s} n={len(cases):3d} before {before:3d} after {after:3d}"
              f" ({after / len(cases):.0%}); digits left in {digits}")  # fmt: skip
        total_before += before
        total_after += after
        total += len(cases)
    print(f"  tn {lang} ALL       n={total:3d} before {total_before:3d} after {total_after:3d}"
          f" ({total_after / max(total, 1):.0%})")  # fmt: skip


def paragraphs(conllu: str, lang: str) -> list[list[str]]:
    paras: list[list[str]] = []
    marked = "# newpar" in conllu
    current: list[str] = []
    for line in conllu.splitlines():
        if line.startswith(("# newpar", "# newdoc")) and current:
            paras.append(current)
            current = []
        elif line.startswith("# text = "):
            current.append(line[9:].strip())
            if not marked and len(current) == 5:
                paras.append(current)
                current = []
    if current:
        paras.append(current)
    return paras


def boundaries(sentences: list[str]) -> set[int]:
    """Offsets (non-space characters before the break) of each boundary inside a paragraph."""
    out, n = set(), 0
    for s in sentences[:-1]:
        n += len(re.sub(r"\s", "", s))
        out.add(n)
    return out


def eval_sbd(mirror: Path, lang: str, split: str) -> None:
    repo, name = UD[lang]
    conllu = git_show(mirror / repo / "repo", name.format(split=split))
    paras = paragraphs(conllu, lang)
    date = re.compile(DATE[lang], re.IGNORECASE)
    for label, splitter in (
        ("before", lambda t: segment.split_sentences(t)),  # English rules: what main did
        ("after", lambda t: segment.split_sentences(t, lang)),
    ):
        tp = fp = fn = cut_dates = dated = 0
        for para in paras:
            text = " ".join(para)
            gold = boundaries(para)
            got = boundaries(splitter(text))
            tp += len(gold & got)
            fp += len(got - gold)
            fn += len(gold - got)
            if date.search(text):
                dated += 1
                pieces = splitter(text)
                if any(
                    date.search(" ".join(pieces[i : i + 2]))
                    and not any(date.search(p) for p in pieces[i : i + 2])
                    for i in range(len(pieces) - 1)
                ):
                    cut_dates += 1
        p = tp / max(tp + fp, 1)
        r = tp / max(tp + fn, 1)
        f = 2 * p * r / max(p + r, 1e-9)
        print(f"  sbd {lang} {split:4s} {label:6s} paragraphs={len(paras)} boundaries={tp + fn}"
              f" P={p:.3f} R={r:.3f} F1={f:.3f}; dates cut {cut_dates}/{dated}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mirror", type=Path, default=Path("/work/.mirror"))
    parser.add_argument("--langs", default="de,fr,es,uk")
    args = parser.parse_args()
    for lang in args.langs.split(","):
        print(lang)
        eval_tn(args.mirror, lang)
        for split in ("dev", "test"):
            eval_sbd(args.mirror, lang, split)


if __name__ == "__main__":
    main()
