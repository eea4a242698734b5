"""One identity per speaker across articles.

Inside an article the extractor already resolves every mention to the fullest name
the article gives. Across articles the same person is spelled differently
("Sergei"/"Sergey", "Zelensky"/"Zelenskyy") or named by surname alone. This module
groups the names found in the store into identities and picks one canonical name
for each. Merging two people is worse than keeping one person apart, so:

- people merge only when their surnames spell the same and their first names agree;
- a surname-only name joins a full name only when exactly one person in the store
  carries that surname;
- organisations and places merge only when their names are the same up to case,
  articles and punctuation, or one is the other's acronym ("UN", "United Nations").
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable

from claimtrack.models import SpeakerName
from claimtrack.lexicon import INSTITUTION_NOUNS, NAME_PARTICLES, role_synonyms
from claimtrack.places import country_of

# Transliteration variants map onto one spelling before comparing.
_SPELLING = (
    ("x", "ks"),
    ("ph", "f"),
    ("th", "t"),
    ("kh", "h"),
    ("ck", "k"),
    ("q", "k"),
    ("w", "v"),
    ("y", "i"),
)
_VOWELS = re.compile(r"[aeiou]")
_REPEATS = re.compile(r"(.)\1+")
_NAME_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
_JOINED_PARTICLE = re.compile(r"^(?:al|el|ad|ar|as|at|an|ibn|bin|d|l|o)[-'’][A-Z]")
_INITIAL = re.compile(r"^[A-Za-z]\.?$")
_ROLE_STOPWORDS = frozenset({"the", "of", "s", "and", "for", "to", "in", "a", "an"})
_ACRONYM_SKIP = frozenset({"of", "the", "and", "for", "de", "la", "du"})
# Lower-case words a proper name may hold: its particles, and the article of "the Hague".
_NAME_PARTICLES = NAME_PARTICLES | {"the"}
# Lower-case words that join the words of an institution's name ("Ministry of the Interior").
_NAME_CONNECTORS = frozenset({"of", "for", "and", "on", "to"})


def _ascii(word: str) -> str:
    word = unicodedata.normalize("NFKD", word)
    return "".join(c for c in word if not unicodedata.combining(c)).lower()


def _spelling(word: str) -> str:
    word = re.sub(r"[^a-z]", "", _ascii(word))
    word = word.replace("rz", "r")  # Andrzej / Andrei
    word = re.sub(r"(?<=[aeiou])j", "i", word)  # Sergej / Sergei
    word = re.sub(r"ou(?=[aeiouy])", "w", word)  # Benaoui / Benawi
    word = word.replace("ou", "u")  # Moussa / Musa
    for old, new in _SPELLING:
        word = word.replace(old, new)
    word = re.sub(r"^i(?=[aeu])", "", word)  # Yevgeny / Evgeny, Yuri / Iuri
    # Ukrainian h for Russian g, only where the pair is that and nothing else: at a word's
    # end after a vowel (Oleh / Oleg) and after r or l (Serhiy / Sergiy, Olha / Olga).
    # Between vowels it would merge different names (Sahar / Sagar, Lehmann / Legmann),
    # and a wrong merge is worse than a missed one.
    word = re.sub(r"(?<=[aeiou])h$|(?<=[rl])h(?=[aeiou])", "g", word)
    return _REPEATS.sub(r"\1", word)


def given_name_key(word: str) -> str:
    """"Dmitry", "Dmitri" and "Dmytro" share a key: first letter and consonants."""
    word = _spelling(word)
    return word[:1] + _VOWELS.sub("", word[1:])


def surname_key(word: str) -> str:
    """Like `given_name_key` but keeping a final vowel, so that gendered forms of a
    surname ("Ivanov", "Ivanova") stay apart."""
    word = _spelling(word)
    if not word:
        return ""
    ending = word[-1] if word[-1] in "aeiou" else ""
    return word[:1] + _VOWELS.sub("", word[1:]) + ending


def _name_words(name: str) -> list[str]:
    return _NAME_WORD.findall(name)


# British and American spellings of the words institutions are named with.
_INSTITUTION_SPELLING = {
    "defence": "defense", "organisation": "organization", "centre": "center",
    "programme": "program", "labour": "labor", "ministery": "ministry",
}  # fmt: skip
_DEMONYM_ENDING = re.compile(r"(?:an|ian|ese|ish|i|ic)$")


def organisation_key(name: str) -> str:
    """"Russia's defence ministry", "Russia’s Defense Ministry" and "Russian Defence
    Ministry" share a key: case, apostrophes, spelling and the owner's form aside."""
    name = re.sub(r"^the\s+", "", _ascii(name).strip())
    name = re.sub(r"['’]s\b", "", name)
    words = re.findall(r"[a-z0-9]+", name)
    if len(words) >= 2:
        country = country_of(words[0])
        if country is not None and (words[0] == _ascii(country) or _DEMONYM_ENDING.search(words[0])):
            words[0] = _ascii(country).replace(" ", "")
    words = _institution_first(words)
    return "".join(_INSTITUTION_SPELLING.get(word, word) for word in words)


def _institution_first(words: list[str]) -> list[str]:
    """"Ministry of the Interior" is "Interior Ministry", "Department of State" is "State
    Department": an institution named by what it is of, with an owner kept in front."""
    for i, word in enumerate(words[:2]):
        rest = words[i + 1 :]
        if word in INSTITUTION_NOUNS and rest[:1] == ["of"]:
            of = rest[2:] if rest[1:2] == ["the"] else rest[1:]
            if 1 <= len(of) <= 2:
                return words[:i] + of + [word]
    return words


def _owned_institution(name: str) -> bool:
    """"Russia's defence ministry": lower-case, yet one institution, not a description."""
    words = _name_words(name)
    return (
        len(words) >= 2
        and words[-1].lower() in INSTITUTION_NOUNS
        and country_of(re.sub(r"['’]s$", "", words[0])) is not None
    )


def acronym(name: str) -> str | None:
    words = [w for w in _name_words(name) if w.lower() not in _ACRONYM_SKIP]
    if len(words) < 2 or not all(w[:1].isupper() for w in words):
        return None
    return "".join(w[0] for w in words).lower()


def _canonical(members: list[SpeakerName]) -> str:
    """The most used spelling; ties go to the longer, then the alphabetically first."""
    claims: Counter[str] = Counter()
    for m in members:
        claims[m.name] += m.claims
    return min(claims, key=lambda name: (-claims[name], -len(name), name))


def _people(names: list[SpeakerName]) -> list[list[SpeakerName]]:
    by_surname: dict[str, list[SpeakerName]] = defaultdict(list)
    full_names = {tuple(_name_words(n.name)) for n in names}
    ordered: dict[str, list[str]] = {}
    for n in names:
        words = _name_words(n.name)
        if not words:
            continue
        if len(words) == 2 and (words[1], words[0]) in full_names and words[0] > words[1]:
            # "Li Wenjing" and "Wenjing Li": one name in two orders; compare one order.
            words = [words[1], words[0]]
        ordered[n.name] = words
        by_surname[surname_key(words[-1])].append(n)
    groups: list[list[SpeakerName]] = []
    for members in by_surname.values():
        full: dict[str, list[SpeakerName]] = defaultdict(list)
        initials: dict[str, list[SpeakerName]] = defaultdict(list)
        bare: list[SpeakerName] = []
        for n in members:
            words = ordered[n.name]
            if len(words) < 2:
                bare.append(n)
            elif _INITIAL.match(words[0]):
                initials[words[0][0].lower()].append(n)
            else:
                full[given_name_key(words[0])].append(n)
        for letter, named in initials.items():
            # "R. Venkataraman" is the only Venkataraman whose given name starts with R.
            matching = [key for key in full if key.startswith(letter)]
            if len(matching) == 1:
                full[matching[0]].extend(named)
            else:
                full["." + letter].extend(named)
        clusters = list(full.values())
        if len(clusters) == 1:
            # The only person with that surname, unless their titles disagree.
            strays = [n for n in bare if _titles_disagree(n, clusters[0])]
            clusters[0].extend(n for n in bare if n not in strays)
            if strays:
                clusters.append(strays)
        elif bare:
            # Several people share the surname: a bare surname joins the one whose
            # title it carries ("Defence Minister X"), else stays apart.
            unplaced = []
            for n in bare:
                sharing = [c for c in clusters if len(_role_words([n]) & _role_words(c)) >= 2]
                (sharing[0] if len(sharing) == 1 else unplaced).append(n)
            if unplaced:
                clusters.append(unplaced)
        groups.extend(clusters)
    return groups


def _role_words(members: list[SpeakerName]) -> set[str]:
    words = {w for m in members for role in m.roles for w in re.findall(r"[a-z]+", _ascii(role))}
    return words - _ROLE_STOPWORDS


def _role_heads(members: list[SpeakerName]) -> set[str]:
    """The noun each role is about: "UN envoy" -> envoy, "veteran diplomat who ..." ->
    diplomat, "Norwegian ski jumper" -> jumper."""
    heads = set()
    for m in members:
        for role in m.roles:
            words = re.findall(r"[a-z]+", _ascii(re.split(r"\b(?:who|which|that|of|at|for|in|to|with)\b", role)[0]))
            if words:
                heads.add(words[-1])
    return heads


def _titles_disagree(bare: SpeakerName, cluster: list[SpeakerName]) -> bool:
    """Both carry titles and none of them can name the same job."""
    mine, theirs = _role_heads([bare]), _role_heads(cluster)
    if not mine or not theirs:
        return False
    related = {word for head in mine for phrase in role_synonyms().get(head, (head,)) for word in phrase.split()}
    related |= {h for h in theirs for phrase in role_synonyms().get(h, (h,)) if set(phrase.split()) & mine}
    return not (mine & theirs or related & theirs)


def _organisations(names: list[SpeakerName]) -> list[list[SpeakerName]]:
    by_key: dict[str, list[SpeakerName]] = defaultdict(list)
    for n in names:
        by_key[organisation_key(n.name)].append(n)
    for key in list(by_key):
        if key not in by_key:
            continue
        expansions = {acronym(n.name) for n in by_key[key]} - {None}
        for short in expansions:
            if short in by_key and short != key:
                by_key[key].extend(by_key.pop(short))
    return list(by_key.values())


def _capitalised(word: str) -> bool:
    """"Ruiz", and "al-Hakim" or "d'Alembert" (a lower-case particle joined on)."""
    return word[:1].isupper() or bool(_JOINED_PARTICLE.match(word))


def is_proper_name(name: str) -> bool:
    """"Ana Ruiz", "Mohammed bin Salman"; not a description such as "union spokeswoman"."""
    words = _name_words(name)
    return (
        bool(words)
        and _capitalised(words[-1])
        and all(_capitalised(w) or w.lower() in _NAME_PARTICLES or w.lower() in _NAME_CONNECTORS for w in words)
    )


def identities(names: Iterable[SpeakerName]) -> dict[str, str]:
    """Map every stored speaker name to the canonical name of its identity."""
    people: list[SpeakerName] = []
    others: list[SpeakerName] = []
    descriptions: list[SpeakerName] = []
    for n in names:
        if not is_proper_name(n.name) and not (n.kind == "organization" and _owned_institution(n.name)):
            descriptions.append(n)  # "mediator" in two articles need not be one person
        elif n.kind == "person":
            people.append(n)
        else:
            others.append(n)
    mapping: dict[str, str] = {n.name: n.name for n in descriptions}
    for group in _people(people) + _organisations(others):
        canonical = _canonical(group)
        for member in group:
            mapping[member.name] = canonical
    return mapping
