"""Who and where: participants and places found in a text, normalised.

Participants are countries (by name, alias, demonym, capital or a body that
speaks for them: "Russia", "the US", "Russian", "Moscow", "the Kremlin"),
organisations (from ``data/actors.toml``, in every spelling of
``data/spelling.toml``), and people named with a title ("Deputy Foreign
Minister Sergei Ryabkov"), whose later short mentions ("Ryabkov") are tied to
the full one inside the article. Places come from the gazetteer and count
only where the text uses them as places: after a locative preposition ("in
Geneva") or before an event word ("the Geneva talks"); "Moscow said" is the
Russian side, "in Moscow" is the city.
"""
from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass

from crosscheck.lexicon import (Gated, built_from_words, data, first_word, grammar, phrase_pattern, second_words,
                                word_set)
from crosscheck.model import Participant, Place, Span
from crosscheck.extract.places import Gazetteer, gazetteer

MAX_NAME_WORDS = 3
PLACE_NOUN_MODIFIERS = 2  # "in the southern French city of Nice": words between "the" and the place noun
_NAME = r"(?:Mc|Mac|O['’]|D['’])?[A-Z\u00c0-\u00dd][a-z\u00df-\u00ff'’]+(?:-[A-Z]?[a-z\u00df-\u00ff'’]+)?"
_NAME_TOKEN = re.compile(_NAME)
_COMPASS = (r"(?:north|south|east|west|central|north-?east|north-?west|south-?east|south-?west)(?:ern)?|"
            r"(?:north|south|east|west)(?:-central)?")  # "southern Turkey", "north-western Syria"
_WHOLE_WORD = re.compile(r"[\w'’]+(?:-[\w'’]+)*")
_FULL_NAME = re.compile(rf"(?<![\w'’.-])({_NAME})[ \t]+({_NAME})(?![\w'’-])(?![ \t]+[A-Z])")
_CAPITALISED_BEFORE = re.compile(r"[A-Z][\w'’.-]*\s+$")
_DEFINED_ACRONYM = re.compile(r"(?P<long>(?:[A-Z][\w'’-]*|of|for|and|the|in|on|de|du|des|la|le|del|für|und)"
                              r"(?:\s+(?:[A-Z][\w'’-]*|of|for|and|the|in|on|de|du|des|la|le|del|für|und)){1,9})"
                              r"\s+\((?P<short>[A-Z][A-Za-z]{1,7})\)$")
_PARENTHESISED = re.compile(r"\([A-Z][A-Za-z]{1,7}\)")
_ACRONYM_SKIPS = frozenset("of for and the in on de du des la le del für und".split())
FREQUENT_NAME_MIN = 3  # mentions inside sentences that make a lone capitalised word a body the article tells of
NOUN_CAPITALS_SHARE = 0.5  # capitalised words inside sentences, against lower-case ones, of a text that capitalises
# its nouns (German about 0.65; English news about 0.15)
# a capitalised word inside a sentence (after a lower-case word, a number or a comma): "said Equifax.", "at
# Equifax's", "the Cisco Systems offer" (``_own_name`` judges its neighbours); and the lower-case words there
_MID_CAPITALISED = re.compile(r"(?<=[a-z0-9,;)] )([A-Z][a-z][\w&-]*?)(?=(?:['’]s)?(?:[,.;:!?)]|\s|$))")
_MID_LOWER = re.compile(r"(?<=[a-z0-9,;)] )[a-z]")
_MID_UPPER = re.compile(r"(?<=[a-z0-9,;)] )[A-Z]")
_UPPER_WORD = re.compile(r"(?<![\w.’'-])[A-Z]{2,6}(?![\w.’'-])")
_POSSESSIVE_GAP = re.compile(r"(?:['’]s)?\s*")


@dataclass(frozen=True)
class Alias:
    name: str  # canonical
    kind: str  # country | organisation | capital
    code: str | None  # country alpha-2 for countries, capitals and bodies


@dataclass(frozen=True)
class Person:
    name: str
    surname: str
    party: str | None
    role: str | None


class Finder:
    """Compiled patterns for every participant and place name; build once, use on every article."""

    def __init__(self, gaz: Gazetteer | None = None):
        self.gaz = gaz or gazetteer()
        actors = data("actors")
        variants = data("spelling")["variants"]
        self.aliases: dict[str, Alias] = {}
        for code, name in actors.get("extra_countries", {}).items():
            self.gaz.countries.setdefault(code, name)
        country = lambda code: Alias(self.gaz.countries.get(code, code), "country", code)  # noqa: E731
        for code, name in self.gaz.countries.items():
            self.aliases[name] = country(code)
        for code, names in actors["country_aliases"].items():
            for n in names:
                self.aliases[n] = country(code)
        for code, names in actors["demonyms"].items():
            for n in names:
                self.aliases.setdefault(n, country(code))
        for body, code in actors["bodies"].items():
            self.aliases[body] = country(code)
        for capital, code in self.gaz.capitals.items():
            self.aliases.setdefault(capital, Alias(self.gaz.countries[code], "capital", code))
        for org in actors["organisation"]:
            for alias in org["aliases"]:
                for spelled in spellings(alias, variants):
                    self.aliases[spelled] = Alias(org["name"], "organisation", None)
        self.actor_pattern = _alias_pattern(self.aliases)
        titles = data("titles")
        self.ranks = frozenset(titles["ranks"])
        self.rank_synonyms = {w: group[0] for group in titles["rank_synonyms"] for w in group}
        self.courtesy = frozenset(titles["courtesy"])
        self.person_pattern = Gated(re.compile(
            rf"(?P<title>{_title_pattern(titles)})\s+(?P<name>{_NAME}(?:\s+{_NAME}){{0,{MAX_NAME_WORDS - 1}}})"
        ), map(first_word, [*titles["ranks"], *titles["qualifiers"], *titles["offices"]]))
        g = grammar()["attachment"]
        self.locative = phrase_pattern(g["locative"])
        self._locative_before = re.compile(
            rf"\b(?:{'|'.join(g['locative'])})\s+(?:the\s+)?(?:(?:{_COMPASS})\s+)?(?:[A-Z][\w'’-]*,?\s+)?$")
        self._place_after = Gated(re.compile(
            rf"(?:{'|'.join(g['locative'])})\s+(?:the\s+(?:[\w'’-]+\s+){{0,{PLACE_NOUN_MODIFIERS}}}?"
            rf"(?:{'|'.join(g['place_nouns'])})\s+of\s+)?"
            rf"(?:(?:{_COMPASS})\s+)?"
            rf"(?P<place>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){{0,3}})(?:,\s+(?P<outer>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){{0,2}}))?",
        ), map(first_word, g["locative"]))
        self.title_words = frozenset(w.lower() for t in [*titles["ranks"], *titles["qualifiers"], *titles["offices"]]
                                     for w in t.split())
        self.not_person_words = frozenset(actors.get("not_person_words", []))
        self.prepositions_like_ranks = frozenset(titles.get("ranks_also_prepositions", []))
        self.body_words = frozenset(actors.get("body_words", []))
        self.not_organisations = frozenset(actors.get("not_organisations", [])) | frozenset(
            a.upper() for a in data("sources")["agencies"])
        self.function_words = word_set("attachment", "function_words") | word_set("attachment", "linking") | \
            word_set("clauses", "openers")
        self.not_names = frozenset(self.aliases) | frozenset(
            "January February March April May June July August September October November December "
            "Monday Tuesday Wednesday Thursday Friday Saturday Sunday The A An Of And In On At For".split())

    # ------------------------------------------------------------------ people

    def people(self, text: str, start: int = 0, end: int | None = None) -> list[tuple[Span, Person]]:
        """Every person named with a title, with the side their title gives them."""
        end = len(text) if end is None else end
        found = []
        for m in self.person_pattern.finditer(text, start, end):
            words = re.sub(r"['’]s$", "", m.group("name")).split()
            while words and words[-1] in self.not_names:
                words.pop()
            if not words or words[0] in self.not_names or re.match(r"\s*(?:for|of)\b", text[m.end():m.end() + 5]):
                continue
            name = " ".join(words)
            title = m.group("title")
            if title in self.courtesy:
                title = None
            first, _, rest = (title or "").partition(" ")
            if rest and first in self.prepositions_like_ranks and _opens_sentence(text, m.start("title")):
                title = rest  # "Under President Xi Jinping, China ...": the preposition, not the rank
            party = self._party_before(text, m.start())
            span = Span(m.start("name"), m.start("name") + len(name), name)
            found.append((span, Person(name, words[-1], party, title)))
        return found

    def untitled(self, text: str, start: int, titled: list[tuple[Span, Person]]) -> list[tuple[Span, Person]]:
        """People named without a title, the way news names them: a full name ("Tara Reid") whose surname comes
        back alone later in the article ("Reid"). Two name-shaped words that are no place, organisation, month or
        title word, with no third capitalised word beside them."""
        known = {p.name for _, p in titled} | {p.surname for _, p in titled}
        found: list[tuple[Span, Person]] = []
        seen: dict[str, Person] = {}
        mentions: Counter | None = None  # how often each word stands in the article, counted once when needed
        for m in _FULL_NAME.finditer(text, start):
            first, last = m.group(1), m.group(2)
            name = f"{first} {last}"
            if name in known or _CAPITALISED_BEFORE.search(text, max(0, m.start() - 30), m.start()):
                continue
            if any(w in self.not_names or w.lower() in self.title_words or w in self.not_person_words
                   or w.lower() in self.function_words for w in (first, last)) or first[-2:] in ("'s", "’s") \
                    or first[-1:] in ("'", "’") \
                    or self.gaz.get(name) is not None:
                continue
            if name not in seen:
                if mentions is None:
                    mentions = Counter(_WHOLE_WORD.findall(text, start))
                if mentions[last] < 2:
                    continue  # named once: too little to tell a person from a name-shaped phrase
                seen[name] = Person(name, last, None, None)
            found.append((Span(m.start(), m.end(), name), seen[name]))
        return found

    def _party_before(self, text: str, at: int) -> str | None:
        """The country written just before a title ("Russia's", "US", "the United States")."""
        best = None
        for m in self.actor_pattern.finditer(text, max(0, at - 40), at):
            if _POSSESSIVE_GAP.fullmatch(text, m.end(), at):
                best = self.aliases[m.group(0)]
        return best.name if best and best.kind in ("country", "capital") else (best.name if best else None)

    # ------------------------------------------------------------------ actors

    def acronyms(self, text: str, start: int = 0) -> dict[str, str]:
        """What the article teaches: "the Foo Bar Association (FBA)" makes both names the body FBA."""
        learned: dict[str, str] = {}
        for paren in _PARENTHESISED.finditer(text, start):  # a cheap scan first: most articles define nothing
            m = _DEFINED_ACRONYM.search(text, max(start, paren.start() - 160), paren.end())
            if m is None:
                continue
            short = m.group("short")
            if short in self.aliases:
                continue
            words = m.group("long").split()
            for n in range(2, len(words) + 1):  # the shortest run of words ending at "(" whose initials spell it
                run = words[-n:]
                initials = "".join(w[0] for w in run if w.lower() not in _ACRONYM_SKIPS)
                if initials.upper() == short.upper() and run[0][0].isupper():
                    learned[" ".join(run)] = short
                    learned[short] = short
                    break
        return learned

    def frequent_names(self, text: str, start: int, people: dict[str, Person]) -> dict[str, str]:
        """The bodies an article tells of by a name of its own ("Equifax", "Mandiant", "Uber"): a capitalised word
        standing alone inside sentences at least ``FREQUENT_NAME_MIN`` times, that names no person, place, month,
        title, country or known body, nor a word every sentence start capitalises. A text that capitalises its nouns
        (German) says nothing by a capital, and yields none."""
        if len(_MID_UPPER.findall(text, start)) > NOUN_CAPITALS_SHARE * (len(_MID_LOWER.findall(text, start)) + 1):
            return {}
        candidates = Counter(m.group(1) for m in _MID_CAPITALISED.finditer(text, start))
        out = {}
        for word, n in candidates.items():
            if n < FREQUENT_NAME_MIN or word in people or word in self.not_names or word in self.not_person_words \
                    or word.lower() in self.title_words or word.lower() in self.function_words \
                    or word.upper() in self.not_organisations or self.gaz.get(word, placed=True) is not None:
                continue
            every = re.findall(rf"(?:\b(?:the|The)[ \t]+)?(?:[A-Z][\w'’-]*[ \t]+)?(?<![\w-]){re.escape(word)}"
                               rf"(?![\w-])(?:[ \t]+[A-Z][\w-]*)?", text[start:])
            if any(not self._own_name(word, w) for w in every) or \
                    sum(w.lower().startswith("the ") for w in every) * 2 > len(every):
                continue  # part of a longer name somewhere ("the Panama Papers"), or a common noun ("the Commission")
            out[word] = word
        return out

    def _own_name(self, word: str, written: str) -> bool:
        """Whether a mention of ``word`` with its neighbours (``frequent_names``) names the body alone: bare, after
        "the", or opening its longer name with a word of a body's ("Cisco Systems", "Acacia Communications") or a
        title ("Acacia CEO Raj Shanmugaraj")."""
        words = written.split()
        if words[0].lower() == "the":
            words = words[1:]
        if words[0] != word:
            return False  # "Panama Papers": the word ends a longer name
        return all(w in self.not_person_words or w.rstrip(".") in self.body_words or w.lower() in self.title_words
                   for w in words[1:])

    def participants(self, text: str, start: int, end: int, registry: dict[str, Person],
                     titled: list[tuple[Span, Person]] = (), organisations: dict[str, str] | None = None
                     ) -> list[Participant]:
        """Countries, organisations and people in ``text[start:end]``, outside place phrases.

        ``titled`` holds the titled mentions (``people``) of the same stretch, found once by the caller;
        ``organisations`` the bodies the article defined (``acronyms``).
        """
        out: list[Participant] = []
        for m in self.actor_pattern.finditer(text, start, end):
            alias = self.aliases[m.group(0)]
            if alias.kind in ("capital", "country") and self._is_place(text, start, m.start()):
                continue
            if alias.kind == "capital" and re.match(r"\s+[A-Z]", text[m.end():m.end() + 2]):
                continue  # "Moscow Times", "Washington Post": a name, not the city
            span = Span(m.start(), m.end(), m.group(0))
            kind = "organisation" if alias.kind == "organisation" else "country"
            out.append(Participant(alias.name, kind, alias.name, span))
        if organisations:
            for at, stop, name in _registry_matches(organisations, text, start, end):
                if not any(p.span.start <= at < p.span.end for p in out):
                    canonical = organisations[name]
                    out.append(Participant(canonical, "organisation", canonical, Span(at, stop, name)))
        for m in _UPPER_WORD.finditer(text, start, end):
            word = m.group(0)
            if word in self.aliases or word in self.not_organisations or _in_capitals_line(text, m.start()):
                continue
            if not any(p.span.start <= m.start() < p.span.end for p in out):
                out.append(Participant(word, "organisation", word, Span(m.start(), m.end(), word)))
        if registry:
            title_start = {span.end: span.start - len(p.role or "") - 1 for span, p in titled}
            for at, stop, name in _registry_matches(registry, text, start, end):
                person = registry[name]
                if any(p.span.start <= at < p.span.end for p in out):
                    continue
                begin = title_start.get(stop, at)  # the title is part of the phrase: "Deputy ... Wendy Sherman"
                if text[begin:at].strip() == "":
                    begin = at
                out.append(Participant(person.name, "person", person.party or person.name,
                                       Span(begin, stop, text[begin:stop]), person.role))
        out.sort(key=lambda p: p.span.start)
        return out

    def _is_place(self, text: str, sentence_start: int, at: int) -> bool:
        """Whether a preposition of place stands right before ``at`` in its sentence ("in Moscow", "in the US")."""
        return self._locative_before.search(text, max(sentence_start, at - 30), at) is not None

    # ------------------------------------------------------------------ places

    def places(self, text: str, start: int, end: int) -> list[Place]:
        """Places named after a locative preposition, the most specific first ("in Brussels, Belgium")."""
        out = []
        for m in self._place_after.finditer(text, start, end):
            if m.start() > 0 and (text[m.start() - 1].isalnum()):
                continue
            place = self.lookup(text, m.start("place"), m.group("place"), placed=True)
            if place is None:
                continue
            outer = self.lookup(text, m.start("outer"), m.group("outer")) if m.group("outer") else None
            if outer and outer.name != place.name and outer.kind == "country" and place.country is None:
                place = outer
            out.append(place)
        return out

    def lookup(self, text: str, at: int, phrase: str, placed: bool = False) -> Place | None:
        """The longest leading run of words in ``phrase`` that the gazetteer knows (``placed``: where only a place
        can stand, see ``Gazetteer.get``)."""
        words = phrase.split()
        for n in range(len(words), 0, -1):
            name = " ".join(words[:n]).rstrip(".,")
            entry = self.gaz.get(name, placed=placed and n == len(words))
            if entry is not None:
                code = entry.country
                return Place(entry.name, code, entry.kind, Span(at, at + len(name), name))
        return None


def _opens_sentence(text: str, at: int) -> bool:
    before = text[max(0, at - 3):at].rstrip(" \t\"“(")
    return not before or before[-1] in ".!?\n"


def _title_pattern(titles: dict) -> str:
    """Rank and qualifier words, then an office: all as written in ``titles.toml`` ("Deputy Foreign Minister") or
    all in lower case ("deputy foreign minister"); never mixed, so "under President Bill Clinton" is read as
    "President Bill Clinton"."""
    def alternatives(words, lower: bool) -> str:
        forms = {w.lower() if lower else w for w in words}
        return "|".join(re.escape(w) for w in sorted(forms, key=len, reverse=True))

    branches = []
    for lower in (False, True):
        lead = alternatives([*titles["ranks"], *titles["qualifiers"]], lower)
        branches.append(rf"(?:(?:{lead})\s+)*(?:{alternatives(titles['offices'], lower)})")
    return "|".join(branches)


def _in_capitals_line(text: str, at: int) -> bool:
    """A headline or banner in capitals ("RUSSIA SAYS TALKS WILL GO AHEAD"): its words are no acronyms. Each line is
    judged once per text (``_capitals_lines``): an acronym never rescans its line, which on one 2 MB line of
    "The XYZ met." made the time grow with the square of the line."""
    starts, judged = _capitals_lines(text)
    i = bisect.bisect_right(starts, at) - 1
    verdict = judged.get(i)
    if verdict is None:
        end = starts[i + 1] - 1 if i + 1 < len(starts) else len(text)
        letters = [c for c in text[starts[i]:end] if c.isalpha()]
        verdict = judged[i] = len(letters) > CAPITALS_LINE_MIN_LETTERS and \
            sum(c.isupper() for c in letters) > CAPITALS_LINE_MIN_SHARE * len(letters)
    return verdict


CAPITALS_LINE_MIN_LETTERS = 12  # a shorter line in capitals may be an acronym alone ("NATO")
CAPITALS_LINE_MIN_SHARE = 0.7  # of its letters in capitals: a line in capitals
_capitals_memo: list = [None, None]  # the last text asked about, and its (line starts, verdict of each line judged)


def _capitals_lines(text: str) -> tuple[list[int], dict[int, bool]]:
    if _capitals_memo[0] is not text:
        _capitals_memo[0] = text
        _capitals_memo[1] = ([0] + [m.end() for m in _NEWLINE.finditer(text)], {})
    return _capitals_memo[1]


_NEWLINE = re.compile("\n")


def spellings(alias: str, variants: list[list[str]]) -> set[str]:
    """An alias in every combination of the spelling variants it holds."""
    out = {alias}
    for a, b in variants:
        for word in (a, b):
            other = b if word == a else a
            for s in list(out):
                if re.search(rf"\b{re.escape(word)}\b", s):
                    out.add(re.sub(rf"\b{re.escape(word)}\b", other, s))
    return out


def _alias_pattern(aliases: dict[str, Alias]) -> Gated:
    names = sorted(aliases, key=len, reverse=True)
    body = "|".join(re.escape(n) for n in names)
    # a hyphen is a boundary: "Russia-NATO", "US-Russia"; an apostrophe-s is allowed after ("Russia's")
    return Gated(re.compile(rf"(?<![\w'’.])(?:{body})(?![\w]|['’]\w\w|\.\w)"), map(first_word, names),
                 second_words=second_words(names))


_REGISTRY_BEFORE = re.compile(r"[\w'’-]")  # a name of the registry stands where none of these is before it
_REGISTRY_AFTER = re.compile(r"[\w’-]")  # ... nor after it


_OPENING = re.compile(r"[\s\"“‘'(]*")
_POSSESSIVE = re.compile(r"['’]s\b")


def opening_person(text: str, sentence: Span, people: dict[str, Person]) -> Person | None:
    """The person a sentence opens with, its subject ("Bruce Arians, one of the NFL's biggest personalities, is
    retiring"); none when the name is a possessive ("Hamilton's win was good"), none when another word comes first."""
    first = next(iter(_registry_matches(people, text, sentence.start, sentence.end)), None)
    if first is None or _OPENING.fullmatch(text, sentence.start, first[0]) is None:
        return None
    return None if _POSSESSIVE.match(text, first[1]) else people[first[2]]


def _registry_matches(names, text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """(start, end, name) of each of an article's own names (its people, the bodies it defined) in ``text[start:end]``,
    as whole words, left to right, the longest at a place, never overlapping: what one alternation of the names,
    longest first, would find. Found with ``str.find``, name by name, so that no article compiles a pattern."""
    hits: list[tuple[int, int, str]] = []
    before, after = _REGISTRY_BEFORE.match, _REGISTRY_AFTER.match
    for name in names:
        size = len(name)
        at = text.find(name, start, end)
        while at >= 0:
            stop = at + size
            if (at == 0 or before(text, at - 1) is None) and (stop == end or after(text, stop) is None):
                hits.append((at, -size, name))
            at = text.find(name, at + 1, end)
    hits.sort()
    out: list[tuple[int, int, str]] = []
    resume = start
    for at, size, name in hits:
        if at >= resume:
            out.append((at, at - size, name))
            resume = at - size
    return out


def registry(titled: list[tuple[Span, Person]]) -> dict[str, Person]:
    """Names and surnames of the article's titled people (``Finder.people``), each to its person (the first full
    mention)."""
    people: dict[str, Person] = {}
    for _, person in titled:
        same = next((p for p in people.values() if _same_person(p, person)), None)
        if same is None:
            people[person.name] = person
            same = person
        elif same.party is None and person.party:
            same = Person(same.name, same.surname, person.party, same.role or person.role)
            people[same.name] = same
        people[person.name] = same
        if len(person.name.split()) > 1:
            people.setdefault(person.surname, same)
    # keys that point at an older copy of a person updated later
    latest = {p.name: p for p in people.values()}
    return {k: latest.get(v.name, v) for k, v in people.items()}


def _same_person(a: Person, b: Person) -> bool:
    """Same surname, and first names that agree where both are given (Sergei/Sergey, by spelling)."""
    from rapidfuzz.fuzz import ratio

    if a.surname != b.surname:
        return False
    fa, fb = a.name.split()[:-1], b.name.split()[:-1]
    if not fa or not fb:
        return True
    return ratio(fa[0], fb[0]) >= SAME_FIRST_NAME_MIN_RATIO


SAME_FIRST_NAME_MIN_RATIO = 75  # Sergei/Sergey score 83; Wendy/Wanda 60


@built_from_words
def finder() -> Finder:
    return Finder()

