"""Entities (merged across spellings) and quotes, on the seed cluster and on sentences written here."""

from __future__ import annotations

import json

import pytest

from newsbrief.analyse import entities as entities_module
from newsbrief.analyse.entities import key, spellings_of_one_name
from newsbrief.analyse.entity_context import head_label, sentence_cues
from newsbrief.analyse.quotes import quotes
from newsbrief.model import Article, Quote, Sentence

from .conftest import ROOT, SHARED_DATA, load_clusters


@pytest.fixture(scope="module")
def seed_brief() -> dict:
    import newsbrief

    texts = [p.read_text() for p in sorted((SHARED_DATA / "seed-cluster").glob("*.txt"))]
    return newsbrief.summarize(texts, words=100).to_dict()


def entity(brief: dict, name: str) -> dict:
    found = [e for e in brief["entities"] if name == e["text"] or name in e["variants"]]
    assert len(found) == 1, (name, found)
    return found[0]


def test_spellings_of_one_name():
    assert spellings_of_one_name(key("Yarmouk"), key("Yarmuk"))
    assert spellings_of_one_name(key("Hajar al-Aswad"), key("Hajr al-Aswad"))
    assert key("Bashar Al Assad") == key("Bashar al-Assad") == key("President Bashar al-Assad")
    # an apostrophe inside a surname keeps it one word, so that "D'Amato" can be the surname of "Alfonse D'Amato"
    assert key("D'Amato") == key("D’Amato") == key("Senator Alfonse D'Amato's").split()[-1] == "damato"
    for a, b in [("Iran", "Iraq"), ("Syria", "Sara"), ("Austria", "Australia"), ("Tadamon", "Damascus")]:
        assert not spellings_of_one_name(key(a), key(b))


def test_seed_entities_are_merged_across_spellings(seed_brief):
    yarmouk = entity(seed_brief, "Yarmouk")
    assert {"Yarmuk", "Yarmouk Camp"} <= {yarmouk["text"], *yarmouk["variants"]} and 4 in yarmouk["docs"]
    yalda = entity(seed_brief, "Yalda")  # NER took "Yalda" for an organisation, "Yilda" for a place
    assert {"Yalda", "Yilda"} <= {yalda["text"], *yalda["variants"]}
    isis = entity(seed_brief, "ISIS")
    assert {"Daesh", "Islamic State", "IS"} <= {isis["text"], *isis["variants"]}
    assert isis["docs"] == [0, 1, 2, 3, 4]
    assad = entity(seed_brief, "Assad")
    assert assad["text"] == "Bashar al-Assad" and assad["label"] == "person"


def test_seed_entities_are_not_merged_falsely(seed_brief):
    assert entity(seed_brief, "Iran") is not entity(seed_brief, "Iraq")
    syria = entity(seed_brief, "Syria")
    assert (
        all("Syria" in v for v in syria["variants"]) and "Syrian Observatory for Human Rights" not in syria["variants"]
    )


def test_entities_are_sorted_by_how_many_documents_mention_them(seed_brief):
    counts = [len(e["docs"]) for e in seed_brief["entities"]]
    assert counts == sorted(counts, reverse=True)
    assert {e["label"] for e in seed_brief["entities"]} <= {"person", "organisation", "place"}


def cues_of(text: str, *names: str) -> dict[str, dict[str, int]]:
    """The context votes of each of ``names`` (each found once in ``text``, in order)."""
    mentions, at = [], 0
    for name in names:
        at = text.index(name, at)
        mentions.append((at, at + len(name), name))
        at += len(name)
    votes: dict = {}
    sentence_cues(text, mentions, votes)
    return {name: dict(votes.get(name, {})) for name in names}


@pytest.mark.parametrize(
    ("text", "names", "label"),
    [
        ("Aid trucks reached families in Vessa on Monday.", ["Vessa"], "place"),
        ("The convoy stopped outside Tarnow.", ["Tarnow"], "place"),
        ("Rebels still hold parts of eastern Kovra.", ["Kovra"], "place"),
        ("Shells fell on the areas of Qarvan, Sidi Belmit and Orsa.", ["Qarvan", "Sidi Belmit", "Orsa"], "place"),
        ("Fighters left the Belmar camp at dawn.", ["Belmar"], "place"),
        ("Water ran short in the town of Edrin and Hollis.", ["Edrin", "Hollis"], "place"),
        ("Doctors at Marrow hospital treated 40 people.", ["Marrow"], "place"),
        ("Inspectors were due to make another visit to Varna.", ["Varna"], "place"),
        ("Western powers blamed the government for the attack on Orsa.", ["Orsa"], "place"),
        ("Senator Ilsa Vantorp voted against the bill.", ["Vantorp"], "person"),
        ("The ministry spokesman Ravel Okonjo denied it.", ["Okonjo"], "person"),
        ("Dario Kemp, 41, was arrested on Friday.", ["Dario Kemp"], "person"),
        ("The plan was dropped, according to the Halvorsen.", ["Halvorsen"], "organisation"),
        ("The figure was reported by the daily Morgenpost on Sunday.", ["Morgenpost"], "organisation"),
        ("The state news agency, KNA, carried the statement.", ["KNA"], "organisation"),
        ("KELLHAVEN, Norland (AP) _ A tanker caught fire at the docks.", ["KELLHAVEN"], "place"),
    ],
)  # fmt: skip
def test_context_cues_give_a_label(text, names, label):
    assert all(set(votes) == {label} for votes in cues_of(text, *names).values())


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("The judge spoke in Marrow's defence.", ["Marrow"]),  # the preposition is the case's, not Marrow's
        ("In Varna, Ostrov said the talks had failed.", ["Varna", "Ostrov"]),  # commas alone make no list
        ("Kellhaven firefighters said KELLHAVEN was safe.", ["KELLHAVEN"]),  # an uppercase name not at the start
        ("Dario Kemp said that the talks had failed.", ["Dario Kemp"]),  # "said" is no cue: groups say things too
    ],
)
def test_words_that_are_no_cue(text, names):
    votes = cues_of(text, *names)
    assert votes[names[-1]] == {}
    if len(names) == 2:
        assert votes[names[0]] == {"place": 1}


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("King Tomas", "person"),
        ("Consul General Ana Ruiz", "person"),
        ("General Assembly", "organisation"),  # "General" first is no title
        ("Harlow University", "organisation"),
        ("Fenwick Boulevard", "place"),
        ("Ana Ruiz", None),
        ("Kellhaven", None),
    ],
)
def test_a_name_s_own_words_give_a_label(name, label):
    assert head_label(name) == label


def entities_with_ner(monkeypatch, texts: list[str], found: list[tuple[str, str]]) -> dict[str, str]:
    """text -> label of the entities of ``texts`` (one document each), NER's output replaced by ``found``."""
    monkeypatch.setattr(entities_module, "ner_mentions", lambda _: list(found))
    sentences = [Sentence(d, 0, len(t), 0, t, (), (d,)) for d, t in enumerate(texts)]
    return {e.text: e.label for e in entities_module.entities(sentences)}


def test_context_outweighs_a_single_ner_label(monkeypatch):
    texts = ["Inspectors took samples in Vessa on Saturday.", "Vessa was shelled for weeks."]
    assert entities_with_ner(monkeypatch, texts, [("Vessa", "person")]) == {"Vessa": "place"}
    # two NER votes against one cue: NER wins
    assert entities_with_ner(monkeypatch, texts, [("Vessa", "person")] * 2) == {"Vessa": "person"}


def test_a_full_name_is_a_person_unless_its_cues_say_otherwise(monkeypatch):
    found = [("Orsa", "place"), ("Sidi Belmit", "person"), ("Omar Haddad", "person")]
    texts = ["Shells fell on the neighbourhoods of Orsa and Sidi Belmit.", "Omar Haddad said the clinic was full."]
    labels = entities_with_ner(monkeypatch, texts, found)
    assert labels == {"Orsa": "place", "Sidi Belmit": "place", "Omar Haddad": "person"}


def test_a_first_name_of_one_person_is_that_person(monkeypatch):
    texts = ["Officer Mara Lindqvist was hurt on Tuesday.", "Mara was taken to hospital."]
    found = [("Mara Lindqvist", "person"), ("Mara", "place")]
    assert entities_with_ner(monkeypatch, texts, found) == {"Mara Lindqvist": "person", "Mara": "person"}
    found += [("Mara Okafor", "person")]  # two people of that name: no reading
    texts[1] += " Mara Okafor visited her."
    assert entities_with_ner(monkeypatch, texts, found)["Mara"] == "place"


def quotes_of(text: str) -> list[Quote]:
    return quotes([Article(text)], [Sentence(0, 0, len(text), 0, text, (), (0,))])


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('"The bridge will reopen in spring," said Mayor Ana Ruiz.', "Mayor Ana Ruiz"),
        ('"We have no more beds left," Dr. Omar Haddad told reporters.', "Dr. Omar Haddad"),
        ('An opposition spokesman, Yahya al-Aridi, said: "There is no political solution."', "Yahya al-Aridi"),
        ('"The water is still rising fast," the Red Crescent said.', "Red Crescent"),
        ('"We will rebuild every single house," he said.', None),
        (  # "told" with the one told and a time between it and the quote (the seed cluster's Putin sentence)
            'Russian President Vladimir Putin told Syrian President Bashar al-Assad Thursday that "foreign armed '
            'forces would leave Syria" soon.',
            "Russian President Vladimir Putin",
        ),
        (  # a name just before a closing '' is not the subject of the next saying verb
            "``We are with you facing the Israelis,'' he told them. ``This is your airport.''",
            None,
        ),
    ],
)
def test_quote_speakers(text, speaker):
    quote = quotes_of(text)[-1]  # the last quotation of the text is the one each case is about
    assert quote.speaker == speaker and quote.doc == 0


def test_scare_quotes_are_not_quotations():
    assert quotes_of('The UN called the transfers "evacuations" and the army called them "a success".') == []


def test_a_quotation_carried_by_two_documents_is_listed_once():
    text = '"The road to the coast is closed for now," police said.'
    sentences = [Sentence(d, 0, len(text), 0, text, (), (d,)) for d in (0, 1)]
    (quote,) = quotes([Article(text), Article(text)], sentences)
    assert quote.sources == (0, 1)


def test_the_seed_cluster_has_named_quotes(seed_brief):
    speakers = {q["speaker"] for q in seed_brief["quotes"]}
    assert {"Dan Rivers", "Dillon"} <= speakers


def entity_precision(part: str) -> tuple[int, int]:
    """(correct, listed) over the labelled clusters of ``part`` (tests/data/README.md)."""
    import newsbrief
    from newsbrief.ingest.read import read_paths

    labels = {}
    for line in (ROOT / "tests" / "data" / "entity_labels.jsonl").read_text().splitlines():
        row = json.loads(line)
        if row["part"] == part:
            labels[row["cluster"], row["text"]] = row["label"]
    wanted = {cluster for cluster, _ in labels}
    clusters = {"seed": read_paths([str(SHARED_DATA / "seed-cluster")])[0]} if "seed" in wanted else {}
    for relative in ("duc2003-task2/duc2003_task2.jsonl", "duc2006/duc2006.jsonl",
                     "multinews-val-sample/multinews_validation_sample250.jsonl"):  # fmt: skip
        clusters |= {c["id"]: c["documents"][:10] for c in load_clusters(relative) if c["id"] in wanted}
    correct = listed = 0
    for cluster, documents in clusters.items():
        for entity in newsbrief.summarize(documents).analysis.entities:
            truth = labels.get((cluster, entity.text))
            assert truth is not None, f"{cluster}: {entity.text!r} is not labelled; label it in entity_labels.jsonl"
            correct += truth == entity.label
            listed += 1
    return correct, listed


@pytest.mark.slow
@pytest.mark.parametrize(("part", "bar"), [("development", 0.90), ("held-out", 0.89)])
def test_entity_precision_on_labelled_clusters(part, bar):
    """Before the rules of 2026-12-03: development 271/343 = 0.790, held-out 123/143 = 0.860; after them 270/326 =
    0.828 and 121/135 = 0.896; with the context cues of `entity_context` and the later merges (docs/analyse.md):
    296/323 = 0.916 and 122/135 = 0.904."""
    correct, listed = entity_precision(part)
    assert correct / listed >= bar, f"{part}: {correct}/{listed}"
