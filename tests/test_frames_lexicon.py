"""The frame lexicon for any news (issue 13, item 4): 15 codebook dimensions, a corpus folder's frames.tsv, figures."""

from __future__ import annotations

import math
from collections import Counter
from pathlib import Path

import pytest

from framelab import Article, load_corpus, words
from framelab.frame_lexicon import (
    CODEBOOK,
    GENERAL_FILE,
    SEED_FILE,
    SEED_SOURCE,
    frame_entries,
    frame_lexicon,
    read_frame_file,
)
from framelab.frames import FramesError, dimensions, frame_profiles, term_matches
from tools.frame_coverage import CHECK_SETS, coverage, read_check_set, score_check_set

ROOT = Path(__file__).resolve().parent.parent
NAMES = [  # the Media Frames Corpus codebook (Boydstun et al. 2014; Card et al. 2015), written out here on purpose
    "Economic", "Capacity and resources", "Morality", "Fairness and equality",
    "Legality, constitutionality and jurisprudence", "Policy prescription and evaluation",
    "Crime and punishment", "Security and defense", "Health and safety", "Quality of life",
    "Cultural identity", "Public opinion", "Political", "External regulation and reputation", "Other",
]
MIN_TERMS = 30


def article(body: str, id: str = "x") -> Article:
    return Article(id=id, file=f"{id}.txt", label="", headline="", date="", raw=body, body=body)


@pytest.fixture(autouse=True)
def _no_corpus_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FRAMELAB_CORPUS", raising=False)


# --- the bundled lexicon -------------------------------------------------------------------------


def test_the_fifteen_names_are_the_codebooks() -> None:
    assert list(CODEBOOK) == NAMES
    assert dimensions() == sorted(NAMES)
    assert set(frame_entries()["dimension"]) == set(NAMES)


def test_every_dimension_has_enough_terms() -> None:
    sizes = Counter(frame_lexicon().values())
    small = {name: sizes[name] for name in NAMES if sizes[name] < MIN_TERMS}
    assert not small, f"dimensions with fewer than {MIN_TERMS} terms: {small}"


def test_no_term_is_in_two_dimensions_or_two_files() -> None:
    rows = read_frame_file(SEED_FILE) + read_frame_file(GENERAL_FILE)
    repeated = [term for term, count in Counter(term for term, *_ in rows).items() if count > 1]
    assert not repeated
    assert len(frame_lexicon()) == len(rows)


def test_every_term_is_in_token_form_with_a_source() -> None:
    table = frame_entries()
    assert [term for term in table["term"] if " ".join(words(term, lower=True)) != term] == []
    seed = table[table["file"] == "frames.tsv"]
    general = table[table["file"] == "frames_general.tsv"]
    assert len(seed) == 156 and len(seed) + len(general) == len(table)
    assert set(seed["source"]) == {SEED_SOURCE}
    assert all(source.startswith(("codebook definition: ", "codebook: ", "general news vocabulary")) for source in general["source"])


def test_general_news_vocabulary_reaches_every_dimension() -> None:
    text = (
        "The murder was a hate crime, and racism and hatred drove the violence. The bishop called it evil. "
        "Police arrested a suspect. A poll found most people angry. The court ruled the ban unconstitutional. "
        "Hospitals lack beds and staff. Rents and traffic make daily life hard. The festival honours the "
        "region's heritage. Lawmakers struck a deal before the election. The treaty angered the ambassador. "
        "Prices and taxes rose. The reform failed to work. Soldiers guarded the checkpoint. Heavy snow fell."
    )
    assert set(term_matches([article(text)])["category"]) == set(NAMES)
    profile = frame_profiles([article("Racism and hatred drove the murder, a hate crime.")]).loc["x"]
    assert profile["Morality"] > 0 and profile["Fairness and equality"] > 0 and profile["Crime and punishment"] > 0


def test_longer_entries_claim_the_other_sense() -> None:
    matches = term_matches([article("A hate crime, hate, the pay gap and the pay.")])
    assert list(zip(matches["term"], matches["category"])) == [
        ("hate crime", "Crime and punishment"), ("hate", "Morality"),
        ("pay gap", "Fairness and equality"), ("pay", "Economic"),
    ]


# --- a corpus folder's frames.tsv -------------------------------------------------------------------


def write(folder: Path, text: str) -> Path:
    path = folder / "frames.tsv"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_corpus_folder_adds_terms_and_moves_terms(tmp_path: Path) -> None:
    write(tmp_path, "# ours\nFlood Barrier\tSecurity and defense\tread in our articles\ntroops\tPolitical\nKessel's\tOther\n")
    lexicon = frame_lexicon(tmp_path)
    assert lexicon["flood barrier"] == "Security and defense"
    assert lexicon["troops"] == "Political"  # moved from Security and defense
    assert lexicon["kessel 's"] == "Other"  # normalized to the tokens framelab.words makes
    assert len(lexicon) == len(frame_lexicon()) + 2
    assert frame_lexicon()["troops"] == "Security and defense"  # the bundled lexicon is unchanged
    table = frame_entries(tmp_path).set_index("term")
    assert table.loc["flood barrier", "source"] == "read in our articles"
    assert table.loc["troops", "source"] == "added in the corpus folder (frames.tsv)"
    assert table.loc["troops", "file"] == str(tmp_path / "frames.tsv")


def test_the_corpus_variable_chooses_the_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, "flood barrier\tSecurity and defense\n")
    assert "flood barrier" not in frame_lexicon()
    monkeypatch.setenv("FRAMELAB_CORPUS", str(tmp_path))
    assert frame_lexicon()["flood barrier"] == "Security and defense"
    profile = frame_profiles([article("The flood barrier held.")])
    assert profile.loc["x", "Security and defense"] == pytest.approx(1000 / 4)


def test_an_edited_folder_file_is_read_again(tmp_path: Path) -> None:
    path = write(tmp_path, "flood barrier\tSecurity and defense\n")
    assert frame_lexicon(tmp_path)["flood barrier"] == "Security and defense"
    path.write_text("flood barrier\tQuality of life\tchanged our mind\n", encoding="utf-8")
    assert frame_lexicon(tmp_path)["flood barrier"] == "Quality of life"


@pytest.mark.parametrize(
    "text, message",
    [
        ("troops\n", r"line 1: 'troops' is not 'term<TAB>dimension'"),
        ("a\tOther\tnote\textra\n", r"line 1: .* is not 'term<TAB>dimension' \(optionally '<TAB>source'\)"),
        ("\tOther\n", "is not 'term<TAB>dimension'"),
        ("# c\n!!!\tOther\n", r"line 2: the term '!!!' has no words"),
        ("dam\tsecurity and defense\n", r"Did you mean 'Security and defense'\?"),
        ("dam\tHealth\n", "'Health' is not a frame dimension .*Use one of: 'Economic', .*'Other'"),
        ("dam\tOther\nDam\tEconomic\n", r"line 2: 'dam' is already listed on line 1"),
    ],
)
def test_bad_rows_name_the_file_line_and_fix(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(FramesError, match=message) as raised:
        frame_lexicon(tmp_path)
    assert str(path) in str(raised.value)


def test_an_unknown_dimension_lists_all_fifteen(tmp_path: Path) -> None:
    write(tmp_path, "dam\tWater\n")
    with pytest.raises(FramesError) as raised:
        frame_lexicon(tmp_path)
    assert all(repr(name) in str(raised.value) for name in NAMES)


# --- check set and coverage: regression guards (achieved figures rounded down to 0.05) ----------------


def floor(value: float) -> float:
    return math.floor(value * 20 + 1e-9) / 20


def test_check_sets_cover_every_dimension_in_both_halves() -> None:
    halves = {half: read_check_set(CHECK_SETS / f"{half}.tsv") for half in ("dev", "test")}
    for half, rows in halves.items():
        counts = Counter(label for labels, _ in rows for label in labels)
        assert all(counts[name] >= 3 for name in NAMES), (half, counts)
    assert not {s for _, s in halves["dev"]} & {s for _, s in halves["test"]}


# Figures of python -m tools.frame_coverage; the test half was measured once, after the lexicon was written.
HIT_RATE = {"dev": 0.9452, "test": 0.8551}  # the seed lexicon alone: 0.10 and 0.09
FALSE_RATE = {"dev": 0.1154, "test": 0.2532}
HITS_BY_DIMENSION = {  # per-dimension hit rates, in NAMES order
    "dev": [0.8, 1.0, 1.0, 0.75, 0.83, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0],
    "test": [0.86, 0.8, 1.0, 0.2, 1.0, 1.0, 1.0, 1.0, 0.83, 0.8, 0.75, 1.0, 1.0, 1.0, 0.75],
}


@pytest.mark.parametrize("half", ["dev", "test"])
def test_check_set_figures_do_not_fall(half: str) -> None:
    table = score_check_set(read_check_set(CHECK_SETS / f"{half}.tsv"), frame_lexicon())
    assert table.loc["all", "hit_rate"] >= floor(HIT_RATE[half])
    assert table.loc["all", "false_rate"] <= math.ceil(FALSE_RATE[half] * 20 - 1e-9) / 20
    fallen = {
        name: round(rate, 2)
        for name, rate, before in zip(NAMES, table.loc[NAMES, "hit_rate"], HITS_BY_DIMENSION[half])
        if rate < floor(before)
    }
    assert not fallen, f"hit rates below their guard on {half}: {fallen}"


def test_coverage_on_the_development_articles_does_not_fall() -> None:
    dev = load_corpus(ROOT / "framelab" / "data" / "attribution_heldout" / "dev")
    per = coverage(dev, frame_lexicon())
    assert per["all"] >= 55.0  # 57.5 when written; the seed lexicon alone: 12.5
    assert (per[list(NAMES)] > 0).sum() >= 13  # Quality of life has no match there
