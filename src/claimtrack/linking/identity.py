"""One identity per speaker across articles.

Inside an article the extractor already resolves every mention to the fullest name
the article gives. Across articles the same person is spelled differently
("Sergei"/"Sergey", "Zelensky"/"Zelenskyy") or named by surname alone. This module
groups the names found in the store into identities and picks one canonical name
for each. Merging two people is worse than keeping one person apart, so:

- people merge only when their surnames spell the same and their first names agree;
- a surname-only name joins a full name only when exactly one person in the store
  carries that surname, or starts the only full name written family name first
  ("Lim", "Lim Hyung-min");
- organisations and places merge only when their names are the same up to case,
  articles, punctuation and the form of their country ("French", "France's", "the
  UK's", "U.S."), or one is the other's acronym ("UN", "United Nations"); a name
  without its country joins the only body of that name with one ("Interior Ministry",
  "French Interior Ministry"), and "X officials" join X;
- a country's people named by their country ("US officials", "American officials")
  are one group;
- descriptions ("police", "mediator") merge only with themselves up to case, articles,
  counts, number and seat ("Police", "police headquarters", "eight unions", "union").
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable

from claimtrack.models import SpeakerName
from claimtrack.lexicon import INSTITUTION_NOUNS, NAME_PARTICLES, role_synonyms
from claimtrack.places import country_named, country_of

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
# A Korean given name as romanised: two syllables joined by a hyphen ("Hyung-min",
# "Geun-Hye"); a French double name ("Jean-Pierre") has two names of full length.
_GIVEN_NAME_HYPHENATED = re.compile(r"^[A-Z][a-z]{1,4}-(?:[a-z]{2,5}|[A-Z][a-z]{1,4})$")
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


def organisation_key(name: str) -> str:
    """"Russia's defence ministry", "Russia’s Defense Ministry" and "Russian Defence
    Ministry" share a key: case, apostrophes, spelling and the owner's form aside."""
    owner, rest = _owner_and_rest(name)
    return (owner or "") + _rest_key(rest)


def _owner_and_rest(name: str) -> tuple[str | None, list[str]]:
    """The country that owns a body ("French", "the UK's", "U.S.", "Papua New
    Guinea's"), folded, and the words of the rest of its name; (None, all the words)
    when no country leads it (a capital does not: "Oslo" has bodies of its own)."""
    words = re.sub(r"^the\s+", "", name.strip(), flags=re.IGNORECASE).split()
    for size in (3, 2, 1):
        if len(words) > size:
            country = country_named(" ".join(words[:size]))
            if country is not None:
                return _ascii(country).replace(" ", ""), words[size:]
    return None, words


def _rest_key(words: list[str]) -> str:
    text = re.sub(r"['’]s\b", "", _ascii(" ".join(words)))
    folded = _institution_first(re.findall(r"[a-z0-9]+", text))
    return "".join(_INSTITUTION_SPELLING.get(word, word) for word in folded)


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
    """The most used spelling; ties go to the longer, then the alphabetically first. A
    person is named by a full name when the identity has one, never by a surname alone."""
    claims: Counter[str] = Counter()
    for m in members:
        claims[m.name] += m.claims
    full = any(m.kind == "person" and len(_name_words(m.name)) >= 2 for m in members)
    candidates = [n for n in claims if not full or len(_name_words(n)) >= 2] or list(claims)
    return min(candidates, key=lambda name: (-claims[name], -len(name), name))


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
    # Full names written family name first, as Korean names are romanised with a
    # hyphenated given name ("Lim Hyung-min"), by their family name.
    surname_first: dict[str, list[str]] = defaultdict(list)
    for n in names:
        words = ordered.get(n.name, [])
        if len(words) == 2 and _GIVEN_NAME_HYPHENATED.match(words[1]):
            surname_first[words[0]].append(n.name)
    joined_to: dict[str, list[SpeakerName]] = defaultdict(list)
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
        if not clusters and bare:
            family_first = surname_first.get(ordered[bare[0].name][-1], [])
            spellings = {surname_key(ordered[name][1]) for name in family_first}
            if len(spellings) == 1:
                # "Lim" is the only "Lim Hyung-min": a family name written first.
                joined_to[family_first[0]].extend(bare)
                continue
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
    for group in groups:
        for member in list(group):
            group.extend(joined_to.pop(member.name, ()))
    groups.extend(joined_to.values())
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


# Forms of address say nothing of a job: "Mr X" can be "Ambassador X".
_HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "madam"})


def _titles_disagree(bare: SpeakerName, cluster: list[SpeakerName]) -> bool:
    """Both carry titles and none of them can name the same job."""
    mine, theirs = _role_heads([bare]) - _HONORIFICS, _role_heads(cluster) - _HONORIFICS
    if not mine or not theirs:
        return False
    related = {word for head in mine for phrase in role_synonyms().get(head, (head,)) for word in phrase.split()}
    related |= {h for h in theirs for phrase in role_synonyms().get(h, (h,)) if set(phrase.split()) & mine}
    return not (mine & theirs or related & theirs)


# Plural nouns for the people who speak for a body: "Harbor Air officials" is Harbor Air.
_VOICES = frozenset({"officials", "authorities", "representatives", "spokespeople"})


def _voiced_body(name: str) -> str | None:
    """"Harbor Air officials" -> "Harbor Air"; None for any other name."""
    words = name.split()
    if len(words) >= 2 and words[-1].lower() in _VOICES and is_proper_name(" ".join(words[:-1])):
        return " ".join(words[:-1])
    return None


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
    # "Harbor Air officials" speak for Harbor Air, when the store has it.
    for key in list(by_key):
        bodies = {_voiced_body(n.name) for n in by_key[key]} - {None}
        targets = {organisation_key(body) for body in bodies} & by_key.keys() - {key}
        if len(targets) == 1:
            by_key[targets.pop()].extend(by_key.pop(key))
    # "Interior Ministry" is the only owned interior ministry in the store ("French
    # Interior Ministry"), like a surname alone is the only person with that surname.
    owned: dict[str, set[str]] = defaultdict(set)
    for key, members in by_key.items():
        owner, rest = _owner_and_rest(members[0].name)
        if owner is not None:
            owned[_rest_key(rest)].add(key)
    for key in list(by_key):
        owner, rest = _owner_and_rest(by_key[key][0].name)
        if owner is None and len(owned.get(key, ())) == 1:
            by_key[next(iter(owned[key]))].extend(by_key.pop(key))
    return list(by_key.values())


# Words that count a description's members, which do not change whom it describes.
_COUNT_WORDS = frozenset(
    "the a an some several many two three four five six seven eight nine ten dozens hundreds thousands".split()
)
# Where a body works from stands for it: "police headquarters" is the police.
_SEAT_WORDS = frozenset({"headquarters", "hq"})


def description_key(name: str) -> str:
    """"Police", "the police" and "police headquarters"; "eight unions", "the unions" and
    "union": the same description up to case, articles, counts, number and seat."""
    words = [w for w in re.findall(r"[a-z0-9]+", _ascii(name)) if w not in _COUNT_WORDS and not w.isdigit()]
    while len(words) > 1 and words[-1] in _SEAT_WORDS:
        words.pop()
    if words:
        last = words[-1]
        if last.endswith("ies") and len(last) > 4:
            last = last[:-3] + "y"
        elif last.endswith("s") and not last.endswith("ss") and len(last) > 3:
            last = last[:-1]
        words[-1] = last
    return " ".join(words)


def _sentence_case(name: str) -> bool:
    """Only the first letter capitalised: "Police", "Rescue workers"."""
    words = name.split()
    return bool(words) and words[0][1:].islower() and all(w.islower() for w in words[1:])


def _owned_group(name: str) -> bool:
    """"US officials", "American officials": a country's people, named by their country."""
    owner, rest = _owner_and_rest(name)
    return owner is not None and bool(rest) and all(w.islower() for w in rest)


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
        owned = n.kind == "organization" and _owned_institution(n.name)
        named_body = owned or _owned_group(n.name) or _voiced_body(n.name) is not None
        if not is_proper_name(n.name) and not named_body:
            descriptions.append(n)  # "mediator" in two articles need not be one person
        elif n.kind == "person":
            people.append(n)
        else:
            others.append(n)
    # "Police said ..." opening a sentence is the description "police", capitalised.
    described = {description_key(n.name) for n in descriptions}
    capitalised_descriptions = [n for n in others if _sentence_case(n.name) and description_key(n.name) in described]
    others = [n for n in others if n not in capitalised_descriptions]
    descriptions += capitalised_descriptions
    by_description: dict[str, list[SpeakerName]] = defaultdict(list)
    for n in descriptions:
        by_description[description_key(n.name)].append(n)
    mapping: dict[str, str] = {}
    for group in _people(people) + _organisations(others) + list(by_description.values()):
        # A body's own name, rather than its officials', names the identity.
        named = [m for m in group if _voiced_body(m.name) is None] or group
        canonical = _canonical(named)
        for member in group:
            mapping[member.name] = canonical
    return mapping
