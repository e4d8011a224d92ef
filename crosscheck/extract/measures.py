"""How many: the figures a sentence gives for its event, each a measure with its unit and its source, as intervals.

"at least 35 people were killed" is dead ≥ 35; "tens of thousands" is 20,000–99,999; "about 100,000 troops" is
85,000–115,000; "a magnitude 7.8 earthquake" is magnitude 7.8; "winds of 120 mph" is a wind speed in mph; "the
USGS put it at 6.3" is magnitude 6.3 with the source USGS. Two figures of one measure agree when their intervals
overlap ("at least 40" agrees with 62; 35 dead and 53 dead do not).

Patterns compiled once from ``data/measures.toml`` read a figure in stages: the number with its hedge, currency,
scale, range or vague amount and its unit (one gated pattern); the phrasing after it ("people were killed", "of
the vote": one factored pattern); the phrasing before it ("killing", "the death toll has now risen to": one small
pattern per first word, tried only where such a word stands). The phrasing names the measure; a number in a unit
and no phrasing takes the unit's measure ("a 25-tonne truck" is a weight);
a bare number with neither is no figure. Ages, times, dates, years, flight and route numbers, ranks and names
("Category 3", "Boeing 737") are never figures.
"""
from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import replace
from typing import NamedTuple

from crosscheck.extract.document import at_sentence_start
from crosscheck.extract.months import is_month_name
from crosscheck.extract.places import gazetteer
from crosscheck.lexicon import Gated, built_from_words, data, first_word, second_words, singular, word_set
from crosscheck.model import Quantity, Span

ABOUT_MARGIN = 0.15  # "about 100" is 85-115
NEARLY_MARGIN = 0.15  # "nearly 100" is 85-100
SEP = r"(?:\s*[-–]\s*|\s+)"  # between words of a figure: "5.6-magnitude", "25 tonnes"
GAP_WORDS = 8  # {gap}: "the death toll from Monday's quake in the south has risen to 97"
LEFT_WINDOW = 40  # characters looked at before a figure for its currency and the word before it
LEFT_REACH = 160  # characters looked at before a figure for the phrasing that introduces it
_WORD_BEFORE = re.compile(r"([^\s]+)\s*\Z")
_WORD = re.compile(r"[^\W_]+")
_RIGHT_START = re.compile(r"\s*[-–]?\s*[^\W\d_]")  # a phrasing after a number starts with a word
_CONVERSION = re.compile(r"\s*[(\[]\s*(?:about|around|some|roughly|approximately|nearly|or|~)?\s*")
_NEXT_WORD = re.compile(r"(?:\s*-\s*|\s+)([A-Za-z][A-Za-z'’-]*)")
_TOKENS = re.compile(r"[\w.&’'-]+|[^\w\s]")
_ANY_DIGIT = re.compile(r"\d")
_DIGIT_RUN = re.compile(r"\d{1,3}(?:,\d{3}|,\s000)+(?:\.\d+)?|\d+(?:\.\d+)?|[1-9]\d{0,2}(?:\.\d{3})+|\d{1,3}(?: \d{3})+(?:,\d+)?"
                        r"|\d+,\d{1,2}")
# numbers as the languages that group by dots or spaces and mark decimals by a comma write them: "1.600 heridos",
# "1 600 blessés" (a space, a no-break or a thin one), "magnitude 6,8"; a comma before one or two digits is a decimal in
# every language (thousands take three), a dot before groups of three a thousands mark unless a scale English
# writes after a decimal point follows ("$1.125 billion"; ``point_scales``: "2.600 millones" is 2,600 millions)
_DOT_THOUSANDS = re.compile(r"[1-9]\d{0,2}(?:\.\d{3})+")
_SPACE_THOUSANDS = re.compile(r"\d{1,3}(?: \d{3})+(?:,\d+)?")
_COMMA_DECIMAL = re.compile(r"\d+,\d{1,2}")
# "AK-47", "F-16", "A320", and as tokenised text prints them, "AK 47", "AK - 47"
_MODEL = re.compile(r"\s+[A-Z][A-Z0-9]*(?:-|\s-\s|\s)?\d+[A-Z0-9-]*(?=\s)")
_MODEL_NAME_BEFORE = re.compile(r"(?<![\w-])[A-Z][A-Z0-9]{0,3}(?:-|\s-\s|\s)\Z")  # "AK-" or "AK " before "47"
_SPLIT_DECIMAL = re.compile(r"(?<![\d,.])\d{1,2}\.\s*\Z")  # "6. 4" of a text split into tokens: the 4 is no figure


class _Reader(NamedTuple):
    numbers_gate: Gated  # a number with its hedge, currency, scale, range and unit
    lefts: Gated  # the phrasing before a number, ending where the number starts
    rights: re.Pattern  # the phrasing after a number
    spec: dict
    left: dict[str, str]  # group name → measure
    right: dict[str, str]
    hedges: dict[str, str]  # hedge words → kind
    number_words: dict[str, float]  # "forty": 40
    multipliers: dict[str, float]  # "dozen": 12
    ones: frozenset[str]  # "a" of "a hundred"
    scales: dict[str, float]  # "million", "bn"
    point_scales: frozenset[str]  # the scales written after a decimal point ("$1.125 billion")
    currency_scales: dict[str, float]  # and after a currency "m", "k"
    vague: dict[str, tuple[float, float]]
    unit_of: dict[str, str]  # written unit → canonical unit
    kind_of: dict[str, str]  # canonical unit → kind
    currency_after: dict[str, str]
    currency_before: re.Pattern
    never_before: frozenset[str]
    date_linkers: frozenset[str]  # "el 24 de enero": words between a day's number and its month
    context: re.Pattern | None
    cues: Gated  # "according to the health ministry"
    verbs: Gated  # "said the USGS"; "AFAD said" is read back from the verb
    bodies: frozenset[str]
    unnamed: frozenset[str]
    aux: frozenset[str]
    not_names: frozenset[str]
    speech: frozenset[str]
    not_things: frozenset[str]


def _alt(words, bound: bool = True) -> str:
    """``_trie`` of the words, built once for each list (the phrasings name the same lists hundreds of times)."""
    return _trie(tuple(words), bound)


@lru_cache(maxsize=None)
def _trie(words: tuple[str, ...], bound: bool = True) -> str:
    """Any of the words (a space is any run of white space), as a trie: the engine tries a long alternation branch by
    branch at every place it is asked, a trie only the branches of the next letter. Longer words win ("per cent"
    over "per"); ``bound`` keeps a word from ending inside a longer one."""
    trie: dict = {}
    seen: set[str] = set()
    for w in words:
        if w and w.lower() not in seen:  # the patterns ignore case: "Km" and "km" are one branch
            seen.add(w.lower())
            node = trie
            for ch in w.lower() if w.lower() == w or not any(c.isupper() for c in w) else w:
                node = node.setdefault(ch, {})
            node[""] = {}

    def emit(node: dict) -> str:
        branches = [(r"\s+" if ch == " " else re.escape(ch)) + emit(child)
                    for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
        return f"(?:{body})?" if "" in node else body

    return f"(?:{emit(trie)})" + (r"(?!\w)" if bound else "")


class _ByHead:
    """The phrasings before a number, one small pattern per first word (compiled when first met): a long
    alternation tried at every candidate word is what makes a reader slow."""

    def __init__(self, frames: dict[str, list[tuple[str, str]]]):
        self.frames = frames  # first word → [(group, regex)]
        self.compiled: dict[str, re.Pattern] = {}

    def match(self, text: str, pos: int, endpos: int) -> re.Match | None:
        w = _WORD.match(text, pos)
        key = w.group(0).lower() if w else ""
        p = self.compiled.get(key)
        if p is None:
            if key not in self.frames:
                return None
            by_group: dict[str, list[str]] = {}
            for group, regex in self.frames[key]:
                by_group.setdefault(group, []).append(regex)
            body = "|".join(f"(?P<{g}>{'|'.join(rs)})" for g, rs in by_group.items())
            p = self.compiled[key] = re.compile(rf"(?:{body}){SEP}\Z", re.I)
        return p.match(text, pos, endpos)


class _ByStart:
    """The number pattern: the one for a digit where a digit stands, the whole one where a word does."""

    def __init__(self, digit: re.Pattern, word: re.Pattern):
        self.digit, self.word = digit, word

    def match(self, text: str, pos: int, endpos: int) -> re.Match | None:
        return (self.digit if text[pos].isdigit() else self.word).match(text, pos, endpos)


@built_from_words
def _reader() -> _Reader:
    spec = data("measures")
    lists = spec["phrasing"]
    nums = spec["numbers"]
    hedge_of = {w.lower(): kind for kind, words in spec["hedges"].items() for w in words}
    vague = {k.lower(): (float(v[0]), float(v[1])) for k, v in spec["vague"].items()}

    def placeholder(name: str) -> str:
        words = lists[name]
        if name in ("people", "things", "cars"):  # "35 Palestinian civilians", "12 police officers"
            aside = rf"(?:\s*,\s*{_alt(lists['aside'])}\s[^,]{{1,60}},)?"  # "62 people, among them nine pilgrims, were"
            return rf"(?:(?:\s+[A-Za-z][\w'’-]*){{0,2}}?\s+{_alt(words)}{aside})?"
        if name == "be":
            return rf"(?:\s+{_alt(words)})*"
        return rf"\s+{_alt(words)}"

    def frame(text: str, lead: str) -> str:
        out = []
        for i, token in enumerate(text.split()):
            if token == "{gap}":  # any words but numbers: "the toll from Monday's quake in the south has risen to"
                out.append(rf"(?:\s+[^\s\d]+){{0,{GAP_WORDS}}}?")
                continue
            if token.startswith("{"):
                piece = placeholder(token.strip("{}"))
                if i == 0 and lead == "" and piece.startswith(r"\s+"):
                    piece = piece[3:]
                out.append(piece)
                continue
            word = re.escape(token.strip("-"))
            if not word:
                continue
            out.append((lead if i == 0 else r"\s+") + word + (r"(?!\w)" if token[-1].isalnum() else ""))
        return "".join(out)

    right_groups, heads, phrases = [], {}, []
    tails: dict[tuple[str, ...], dict[str, list[str]]] = {}
    left, right = {}, {}
    # "ignore" first: "98% of the votes counted" is no share of the vote
    for measure, m in sorted(spec["measures"].items(), key=lambda kv: kv[0] != "ignore"):
        name = f"L_{measure}"
        for f in m.get("left", []):
            left[name] = measure
            head = f.split()[0]
            if head.startswith("{"):
                starts = lists[head.strip("{}")]
                phrases.extend(starts)
            else:
                starts = [head]
                phrases.append(f.split(" {")[0])
            for word in {first_word(w) for w in starts}:
                heads.setdefault(word, []).append((name, frame(f, "")))
        for f in m.get("right", []):  # "{people} {be} killed": the common start is written once
            tokens = f.split()
            lead = tuple(tokens[:2]) if len(tokens) > 2 and tokens[0].startswith("{") and tokens[1] == "{be}" else ()
            tails.setdefault(lead, {}).setdefault(measure, []).append(" ".join(tokens[len(lead):]))
    for lead, by_measure in tails.items():
        branches = []
        for measure, frames in by_measure.items():
            name = f"R{len(right)}_{measure}"
            right[name] = measure
            sep = r"\s+" if lead else SEP
            branches.append(f"(?P<{name}>{'|'.join(frame(f, sep) for f in frames)})")
        prefix = frame(" ".join(lead), SEP) if lead else ""
        right_groups.append(f"{prefix}(?:{'|'.join(branches)})")

    unit_of, kind_of = {}, {}
    for unit, u in spec["units"].items():
        kind_of[unit] = u["kind"]
        for w in u["words"]:
            unit_of.setdefault(w.lower(), unit)
    currency_after = {}
    for code, c in spec["currencies"].items():
        kind_of[code] = "money"
        for w in c.get("after", []):
            currency_after.setdefault(w.lower(), code)
    currency_before_words = {w: code for code, c in spec["currencies"].items() for w in c.get("before", [])}

    words = {w.lower(): v for w, v in nums["words"].items()}
    mult = {w.lower(): v for w, v in nums["multipliers"].items()}
    one = [w.lower() for w in nums["one"]]
    word_number = (rf"(?:(?:{_alt(one)}\s+)?{_alt(mult)}|{_alt(words)}(?:[\s-]+{_alt(words)})?"
                   rf"(?:\s+{_alt(mult)})?)")
    never_after = rf"(?!{SEP}?{_alt(spec['never']['after'])}|[:/]\d|\.\d\d?\s*[ap]\.?m)"
    scale = _alt([*nums["scales"], *nums["currency_scales"]])
    digits = (r"(?<![\d:/#.,])(?:\d{1,3}(?:,\d{3}|,\s000)+(?!\d)(?:\.\d+)?"
              rf"|[1-9]\d{{0,2}}(?:\.\d{{3}})+(?![\d,])(?!\s*{scale})|\d{{1,3}}(?:[ \u00a0\u202f]\d{{3}})+(?![\d.,]\d)(?:,\d+)?"
              r"|\d+,\d{1,2}(?!\d)|\d+(?:\.\d+)?)(?![,.]?\d|\.\s\d)")
    number = rf"(?:{digits}|{_alt(vague)}(?:\s+of)?|{word_number})"
    cur = _alt(currency_before_words, bound=False)
    units = _alt([*unit_of, *currency_after])
    def num(hedge: str, currency: str, first: str) -> str:
        return (rf"(?P<hedge>{hedge}\s+)?(?P<cur>{currency}\s*)?(?P<n1>{first}){never_after}(?:\s*(?P<s1>{scale}))?"
                rf"(?:\s*{_alt(nums['range'], bound=False)}\s*(?P<n2>{digits}|{word_number}){never_after}"
                rf"(?:\s*(?P<s2>{scale}))?)?"
                rf"(?:(?:\s*-\s*|\s*)(?P<unit>{units}))?")

    starts = [*hedge_of, *vague, *words, *mult, *(f"{a} {m}" for a in one for m in mult)]
    # where a digit starts, neither a hedge nor a currency word nor a number word can: a pattern without them
    by_start = _ByStart(re.compile(num("(?!)", "(?!)", digits), re.I), re.compile(num(_alt(hedge_of), cur, number), re.I))
    numbers_gate = Gated(by_start, map(first_word, starts), digits=True,  # type: ignore[arg-type]
                         second_words=second_words(starts))
    lefts = Gated(_ByHead(heads), heads, second_words=second_words(phrases))  # type: ignore[arg-type]

    contexts = [f"(?P<{measure}>{_alt(m['context'])})" for measure, m in spec["measures"].items() if m.get("context")]
    src = spec["sources"]
    cap = r"(?:[A-Z][\w.&’'-]*)(?:\s+(?:(?:of|for|on|and|de)\s+(?:the\s+)?)?[A-Z][\w.&’'-]*){0,5}"
    body = rf"(?:[A-Za-z'’-]+\s+){{0,3}}?(?i:{_alt(src['bodies'])})"
    name = rf"(?:(?i:the)\s+)?(?:{body}|{cap})"
    cues = Gated(re.compile(rf"(?i:{_alt(src['cues_before'])})\s+(?P<a>{name})"), map(first_word, src["cues_before"]),
                 second_words=second_words(src["cues_before"]))
    verbs = Gated(re.compile(rf"(?i:{_alt(src['verbs'])})(?:\s+(?P<c>{name}))?"), map(first_word, src["verbs"]))
    return _Reader(
        numbers_gate=numbers_gate, lefts=lefts, rights=re.compile("|".join(right_groups), re.I), spec=spec,
        left=left, right=right, hedges=hedge_of, number_words=words, multipliers=mult,
        ones=frozenset(one), scales={k.lower(): float(v) for k, v in nums["scales"].items()},
        point_scales=frozenset(w.lower() for w in nums.get("point_scales", ())),
        currency_scales={k.lower(): float(v) for k, v in [*nums["scales"].items(), *nums["currency_scales"].items()]},
        vague=vague, unit_of=unit_of,
        kind_of=kind_of, currency_after=currency_after,
        currency_before=re.compile(rf"(?<![\w$€£¥])(?P<cur>{cur})\s*\Z"),
        never_before=frozenset(w.lower() for w in spec["never"]["before"]),
        date_linkers=frozenset(w.lower() for w in spec["never"].get("date_linkers", ())),
        context=re.compile("|".join(contexts), re.I) if contexts else None, cues=cues, verbs=verbs,
        bodies=frozenset(w.lower() for w in src["bodies"]), unnamed=frozenset(w.lower() for w in src["unnamed"]),
        aux=frozenset(w.lower() for w in src.get("aux", [])), not_names=frozenset(w.lower() for w in src["not_names"]),
        speech=frozenset(w.lower() for w in src["speech"]),
        not_things=frozenset(w.lower() for w in [*spec["phrasing"]["not_things"], *spec["phrasing"]["be"]]))


_NAME = r"[A-Z][\w'’-]+(?:\s+(?:[A-Z][\w'’-]+|bin|al|de|van|von|el|da)){0,3}"
AGE_MAX = 120  # "aged 130" is no one's age


_NAME_BEFORE = re.compile(rf"(?:^|(?<=\s))(?P<name>{_NAME})\s*$")
NAME_REACH = 60  # characters looked at before ", 31," for the name it belongs to


@built_from_words
def _age_patterns() -> tuple[re.Pattern, Gated]:
    """(the age that follows a name: ", 31," or " (31)"; an age by its words), from ``[ages]`` in
    ``data/measures.toml``."""
    spec = data("measures")["ages"]
    after, before = _alt(spec["after"], bound=False), _alt(spec["before"])
    marks = re.compile(rf",\s+(?i:{before}\s+)?(?P<age>\d{{1,3}})\s*,(?!\s*\d{{3}}\b)|\s\((?P<age2>\d{{1,3}})\)")
    worded = re.compile(rf"\b(?P<age>\d{{1,3}})(?i:{after})(?:\s+(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){{1,3}}))?"
                        rf"|\b(?i:{before})\s+(?P<age2>\d{{1,3}})\b")
    return marks, Gated(worded, spec["before"], digits=True)


def ages(text: str, start: int, end: int) -> list[Quantity]:
    """People's ages in one sentence, each an ``age`` figure of the person named beside it (its surname in ``of``),
    or of nobody named."""
    if _ANY_DIGIT.search(text, start, end) is None:  # every age is written in digits: most sentences hold none
        return []
    marks, worded = _age_patterns()
    found: dict[int, Quantity] = {}
    for m in marks.finditer(text, start, end):
        name = _NAME_BEFORE.search(text, max(start, m.start() - NAME_REACH), m.start())
        if name is not None:
            age = m.group("age") or m.group("age2")
            _add_age(found, m, age, name.group("name"), name.start("name"))
    for m in worded.finditer(text, start, end):
        if any(q.span.start <= m.start() < q.span.end for q in found.values()):
            continue  # "Arians, aged 65,": read once
        age = m.group("age") or m.group("age2")
        _add_age(found, m, age, m.group("name") if m.group("age") else None)
    return [found[k] for k in sorted(found)]


def _add_age(found: dict[int, Quantity], m: re.Match, age: str, name: str | None, begin: int | None = None) -> None:
    years = int(age)
    begin = m.start() if begin is None else begin
    if years > AGE_MAX or begin in found:
        return
    words = name.split() if name else []
    if words and words[0].lower() in _function_words():  # "In Paris, 30, ...": a phrase, not a name
        words = words[1:]
    of = words[-1] if words else None
    found[begin] = Quantity("age", years, years, Span(begin, m.end(), m.string[begin:m.end()]), unit="year",
                            stated=years, by_unit=True, of=of)


@built_from_words
def _function_words() -> frozenset[str]:
    return word_set("attachment", "function_words") | word_set("attachment", "linking")


def quantities(text: str, start: int, end: int) -> list[Quantity]:
    """Every figure in ``text[start:end]`` (one sentence) with its measure, unit and source; people's ages among
    them (``ages``)."""
    return _figures(text, start, end) + ages(text, start, end)


def _figures(text: str, start: int, end: int) -> list[Quantity]:
    r = _reader()
    found: list[Quantity] = []
    last_end = -1
    for m in r.numbers_gate.finditer(text, start, end):
        q = _read(r, text, start, end, m)
        if q is None:
            continue
        if found and q.unit and found[-1].unit and _CONVERSION.fullmatch(text, last_end, m.start()) \
                and r.kind_of.get(q.unit) == r.kind_of.get(found[-1].unit):
            continue  # "10 kilometres (6 miles)": the same figure in another unit
        if q.measure != "count" and _over_many_events(text, q.span.end, end):
            continue  # "20 people were injured in 112 tram accidents": a statistic, no figure of one event
        if _one_places_share(text, start, q):
            continue  # "St George's Hospital said 20 people have been brought in": that hospital's patients
        if found and q.measure == "count" and m.start() < found[-1].span.end:
            continue  # "51 had been taken to two hospitals": a number inside another figure's phrasing
        found.append(q)
        last_end = m.end()
    if found:
        found = _with_sources(r, text, start, end, found)
    return found


@built_from_words
def _one_place() -> dict[str, re.Pattern]:
    """For each measure with ``one_place`` words, a named place of that kind ("St George's Hospital")."""
    out = {}
    for name, spec in data("measures")["measures"].items():
        if spec.get("one_place"):
            words = "|".join(re.escape(w) for w in spec["one_place"])
            out[name] = re.compile(rf"(?:[A-Z][\w'’.-]*\s+){{1,4}}(?:{words})\b")
    return out


def _one_places_share(text: str, start: int, q: Quantity) -> bool:
    """Whether a figure is the share of one place its sentence names before it (``one_place`` of its measure in
    ``measures.toml``: a hospital's patients, not the event's injured)."""
    pattern = _one_place().get(q.measure)
    return pattern is not None and pattern.search(text, start, q.span.start) is not None


MANY_EVENTS_REACH = 40  # characters of a figure's clause looked at for a number of incidents after it
MANY_EVENTS_MODIFIERS = 2  # words between that number and the incidents ("112 tram-related accidents")


@built_from_words
def _many_events() -> tuple[re.Pattern, frozenset[str]]:
    """A number told in a figure's clause after ``many_events_after`` of ``[phrasing]`` ("injured in 112
    tram-related accidents"), with the words after it; and the incidents (the head nouns of ``incident`` classes in
    ``data/events.toml``, singular) such a number may count."""
    spec = data("measures")
    heads = frozenset(singular(n.split()[-1].lower()) for c in data("events")["classes"].values()
                      if c.get("incident") for n in c.get("nouns", []))
    hedges = [w for words in spec["hedges"].values() for w in words]
    pattern = re.compile(rf"[^\d,;.]{{0,{MANY_EVENTS_REACH}}}?\s{_alt(spec['phrasing']['many_events_after'])}\s+"
                         rf"(?:{_alt(hedges)}\s+)?\d[\d,]*(?P<words>(?:\s+[\w-]+){{1,{MANY_EVENTS_MODIFIERS + 1}}})",
                         re.I)
    return pattern, heads


def _over_many_events(text: str, at: int, end: int) -> bool:
    """Whether a figure is told over a number of incidents ("in 40 attacks": a plural whose singular is an incident):
    a total of many events, no figure of one."""
    pattern, heads = _many_events()
    m = pattern.match(text, at, end)
    return m is not None and any(w != singular(w) and singular(w) in heads for w in m.group("words").lower().split())


@built_from_words
def _particles() -> dict[str, frozenset[str]]:
    """Hedge words that are a verb's particle after the words of ``[hedges_not_after]``."""
    return {w.lower(): frozenset(v.lower() for v in verbs)
            for w, verbs in data("measures").get("hedges_not_after", {}).items()}


def _particle(text: str, start: int, at: int, hedge: str) -> bool:
    """Whether the hedge before a number is the particle of the verb before it ("handed over 21")."""
    verbs = _particles().get(hedge.strip().lower())
    if not verbs:
        return False
    before = _WORD_BEFORE.search(text, max(start, at - LEFT_WINDOW), at)
    return before is not None and before.group(1).lower() in verbs


def _group(r_groups: dict[str, str], m: re.Match | None) -> str | None:
    """The measure of a phrasing's match: its one named group that matched (the only capturing groups)."""
    return None if m is None else r_groups.get(m.lastgroup)


def _read(r: _Reader, text: str, start: int, end: int, m: re.Match) -> Quantity | None:
    groups = m.groupdict()
    for g, s in (("n1", "s1"), ("n2", "s2")):  # "3rd", "G7", "10am": a number glued to a word is no figure
        if groups[g] and m.end(g) < len(text) and text[m.end(g)].isalpha() and groups[s] is None \
                and (groups["unit"] is None or m.start("unit") != m.end(g)):
            return None
    if m.start("n1") > start and text[m.start("n1") - 1] in "#:/.":
        return None
    if _SPLIT_DECIMAL.search(text, max(0, m.start() - 4), m.start()):
        return None
    n_start = m.start()
    if groups["hedge"] and _particle(text, start, m.start(), groups["hedge"]):
        groups = {**groups, "hedge": None}  # "handed over 21 schoolgirls": 21, not more than 21
        n_start = m.start("cur") if groups["cur"] else m.start("n1")
    window = text[max(start, n_start - LEFT_WINDOW):n_start]
    currency, before = _currency(r, groups, window)
    n_start -= before  # "$2.6 billion": the symbol stands before the match
    if _a_date(r, text, start, end, m, window):
        return None
    right_match = r.rights.match(text, m.end(), end) if _RIGHT_START.match(text, m.end(), end) else None
    right = _group(r.right, right_match)
    lefts = r.lefts.finditer(text, max(start, n_start - LEFT_REACH), n_start)
    left_match = lefts[0] if lefts else None
    left = _group(r.left, left_match)
    if "ignore" in (left, right):
        return None
    unit = currency or (r.unit_of.get(_key(groups["unit"])) if groups["unit"] else None)
    kind = r.kind_of.get(unit) if unit else None
    if left is None and _not_a_figure(r, text, start, n_start, window[:len(window) - before], groups, right, unit):
        return None
    interval = _interval(r, groups, bool(currency))
    if interval is None:
        return None
    low, high, stated = interval
    if left == "it":  # "put it at 6.3", "the institute said 6.1": the sentence's words say what it is
        left = _context(r, text, m) if right is None and "." in groups["n1"] else None
    measure = _measure(r, left, right, kind)
    if measure is None:
        return _count(r, text, start, end, m, n_start, low, high, stated, unit)
    limit = r.spec["measures"].get(measure, {}).get("max")
    if limit is not None and low > limit:
        return None
    begin = left_match.start() if left_match is not None and left == measure else n_start
    finish = right_match.end() if right_match is not None and right == measure else m.end()
    by_unit = measure not in (left, right)
    thing = _thing(r, text, m.end(), end) if by_unit else None
    return Quantity(measure, low, high, Span(begin, finish, text[begin:finish]), unit=unit, stated=stated,
                    by_unit=by_unit, of=thing)


def _count(r: _Reader, text: str, start: int, end: int, m: re.Match, n_start: int, low: float,
           high: float | None, stated: float | None, unit: str | None) -> Quantity | None:
    """A number of things no phrasing names a measure for: "six AK-47 rifles", "four fire engines", "three pirate
    boats" are a ``count`` of the noun that follows, compared only with counts of that noun (``[counts]``)."""
    if unit is not None or stated is None or (n_start >= 2 and text[n_start - 1] == "-" and text[n_start - 2].isalpha()) \
            or _MODEL_NAME_BEFORE.search(text, max(start, n_start - 7), n_start):
        return None  # "AK-47", "F-16", "AK 47": a model's number; "net-zero": a word's part
    model = _MODEL.match(text, m.end(), end)  # "six AK-47 rifles": the noun after the model's name
    thing = _counted(text, model.end() if model else m.end(), end)
    if thing is None:
        return None
    return Quantity("count", low, high, Span(n_start, m.end(), text[n_start:m.end()]), stated=stated, by_unit=True,
                    of=thing)


def _counted(text: str, at: int, end: int) -> str | None:
    """The noun a count counts: "boats" of "three pirate boats", "engines" of "four fire engines", "crews" of "four
    fire and rescue crews" (a word that is not plural is a modifier, up to ``COUNT_NOUN_WORDS`` words); None for a
    word that counts nothing (``[counts] not_counted``), a function word, incidents ("four aftershocks"), a part
    told as a part ("five officers were among those killed"), or another set beside one ("two other rifles")."""
    spec = _counts()
    words = []
    pos = _past_names(text, at, end)
    reach = COUNT_NOUN_WORDS
    while len(words) < reach:
        w = _NEXT_WORD.match(text, pos, end)
        if w is None or not w.group(1).islower():
            break
        word = w.group(1).lower()
        if word in spec.coordinators and words and reach == COUNT_NOUN_WORDS:
            pos = w.end()  # "four fire and rescue crews": two modifiers joined, the noun still to come
            reach += 1
            continue
        if word in spec.stop or (not words and word in spec.others):
            break  # "two other rifles": beside the seven AK-47 rifles, no count of rifles
        words.append(word)
        pos = w.end()
        if word.endswith("s"):
            break
    if not words:
        return None
    head = words[-1]
    one = singular(head)
    if head in spec.not_counted or one in spec.not_counted or head.endswith(("ed", "ing", "ly")):
        return None
    if head != one and one in _many_events()[1]:
        return None  # "at least four aftershocks", "three explosions": a number of happenings, told as they come
    after = text[pos:pos + PART_WINDOW].lower().split()
    if any(w in spec.parts for w in after[:PART_WORDS]):
        return None
    return one


@built_from_words
def person_measures() -> frozenset[str]:
    """The measures of a person, not of an event (an age: ``of_person`` in ``measures.toml``)."""
    return frozenset(name for name, spec in data("measures")["measures"].items() if spec.get("of_person"))


def _past_names(text: str, at: int, end: int) -> int:
    """Where the counted noun's words begin past up to ``NAME_MODIFIERS_MAX`` capitalised names that modify it
    ("21 Chibok schoolgirls", "three Equifax executives", "209,000 US credit card numbers"): only when a lower-case
    word follows them, never past a month's name ("12 January talks" is a day) nor a plural name."""
    pos = at
    for _ in range(NAME_MODIFIERS_MAX):
        w = _NEXT_WORD.match(text, pos, end)
        if w is None or not w.group(1)[0].isupper() or is_month_name(w.group(1)):
            break
        if singular(w.group(1)) != w.group(1) or _of_a_country(w.group(1)):
            # "3 Senate Republicans": the name itself is what is counted; "12 Somali and 11 Yemeni pirates", "two
            # American soldiers": a country's share of a total, not the total
            return at
        pos = w.end()
    if pos == at:
        return at
    after = _NEXT_WORD.match(text, pos, end)
    return pos if after is not None and after.group(1).islower() else at


def _of_a_country(word: str) -> bool:
    if word in _demonyms():
        return True
    place = gazetteer().get(word)
    return place is not None and place.kind != "city"


@built_from_words
def _demonyms() -> frozenset[str]:
    return frozenset(name for names in data("actors")["demonyms"].values() for name in names)


NAME_MODIFIERS_MAX = 2  # capitalised names between a number and the noun it counts
COUNT_NOUN_WORDS = 3  # the counted noun is the first plural of up to this many words (three let lists run on)
PART_WINDOW, PART_WORDS = 40, 3  # "five officers were among those killed": a part of a total is told near its noun


class _Counts(NamedTuple):
    not_counted: frozenset[str]
    stop: frozenset[str]
    parts: frozenset[str]
    coordinators: frozenset[str]  # "fire and rescue crews": words that join two modifiers of one noun
    others: frozenset[str]  # "two other rifles": a set beside the one counted before it


@built_from_words
def _counts() -> _Counts:
    spec = data("measures")["counts"]
    return _Counts(frozenset(w.lower() for w in spec["not_counted"]),
                   _function_words() | frozenset(w.lower() for w in [*data("measures")["phrasing"]["not_things"],
                                                                       *spec["not_nouns"]]),
                   frozenset(w.lower() for w in spec["parts"]), frozenset(spec.get("coordinators", ())),
                   frozenset(w.lower() for w in spec.get("others", ())))


def _thing(r: _Reader, text: str, at: int, end: int) -> str | None:
    """The noun a figure known by its unit alone measures: "a 25-tonne truck", "a 19-ton delivery truck" (the last
    of up to two words), "nine billion tons of coal"; None when no noun follows ("drove 2 km along the front")."""
    words: list[str] = []
    pos = at
    for _ in range(3):
        w = _NEXT_WORD.match(text, pos, end)
        if w is None:
            break
        word = w.group(1).lower()
        if word == "of" and not words and pos == at:
            pos = w.end()
            continue
        if word in r.not_things or word.endswith(("ed", "ing", "ly")) or w.group(1)[0].isupper():
            break
        words.append(word)
        pos = w.end()
        if len(words) == 2:
            break
    if not words:
        return None
    return singular(words[-1])


def _measure(r: _Reader, left: str | None, right: str | None, kind: str | None) -> str | None:
    """The phrasing before the number names the measure, else the phrasing after it, if the unit fits; else the
    unit's own measure."""
    measures = r.spec["measures"]

    def fits(measure: str | None) -> bool:
        if measure is None or measure not in measures:
            return False
        wants = measures[measure].get("unit", "count")
        return wants == "any" or (kind is None if wants == "count" else kind == wants)

    if fits(right) and measures[right].get("over_left"):
        return right  # "pay $115 per share": the words after say what the amount is the price of
    for measure in (left, right):
        if fits(measure):
            return measure
    if kind is not None:
        return r.spec["kinds"].get(kind, {}).get("measure")
    return None


def _context(r: _Reader, text: str, m: re.Match) -> str | None:
    """What "put it at N" measures: the measure whose context words the sentence has ("quake": magnitude)."""
    if r.context is None:
        return None
    lo, hi = max(0, m.start() - 200), min(len(text), m.end() + 200)
    c = r.context.search(text, lo, hi)
    return c.lastgroup if c else None


def _currency(r: _Reader, groups: dict, window: str) -> tuple[str | None, int]:
    """The currency of a figure, and how many characters before the match its symbol stands ("$2.6 billion")."""
    spec = r.spec["currencies"]
    written, before = groups["cur"], 0
    if not written and not groups["hedge"]:
        c = r.currency_before.search(window)
        if c:
            written, before = c.group("cur"), len(window) - c.start()
    if written:
        w = _key(written)
        return next((code for code, c in spec.items() if w in (x.lower() for x in c.get("before", []))), None), before
    if groups["unit"]:
        return r.currency_after.get(_key(groups["unit"])), 0
    return None, 0


def _not_a_figure(r: _Reader, text: str, start: int, n_start: int, window: str, groups: dict, right: str | None,
                  unit: str | None) -> bool:
    """A number no phrasing introduces is no figure after "aged", "Flight", a month or a capitalised name
    ("Boeing 737 passengers", "the March 9 deaths")."""
    w = _WORD_BEFORE.search(window)
    before = w.group(1) if w else ""
    key = before.lower().strip(",;()\"'“”")
    if (key in r.never_before and unit is None) or is_month_name(key.rstrip(".")):
        return True  # "won 3", "Flight 370"; but "lost $1.3bn"
    if before[:1].isupper() and before[-1:].isalnum() and not at_sentence_start(text, start, n_start - len(w.group(0))) \
            and key not in r.hedges:
        return True
    return False


def _a_date(r: _Reader, text: str, start: int, end: int, m: re.Match, window: str) -> bool:
    """A day or a year, told before any phrasing is tried: "10 January", "January 10", "in 2014", "the 2014 deaths"."""
    if m.group("hedge") or m.group("unit") or m.group("s1"):
        return False
    after = _NEXT_WORD.match(text, m.end(), end)
    if after is not None and after.group(1).lower() in r.date_linkers:  # "el 24 de enero"
        after = _NEXT_WORD.match(text, after.end(), end)
    if after is not None and is_month_name(after.group(1)):
        return True
    w = _WORD_BEFORE.search(window)
    before = w.group(1).lower().strip(",;()\"'“”") if w else ""
    if is_month_name(before.rstrip(".")):
        return True
    n1 = m.group("n1")  # "the 2014 deaths", "in 2014": a count that size is written "2,014"
    return len(n1) == 4 and n1.isdigit() and 1800 <= int(n1) <= 2100


def _key(words: str) -> str:
    return re.sub(r"\s+", " ", words.strip().lower())


def _number(r: _Reader, written: str, scaled: bool = False) -> tuple[float, float] | None:
    """A written number as an interval: "3,475", "7.8", "1.600", "6,8", "Forty-two", "two dozen", "a hundred",
    "dozens" (``scaled``: a scale written after a decimal point follows, so "1.125 billion" is a decimal)."""
    word = _key(written)
    if word.endswith(" of"):
        word = word[:-3]
    if word in r.vague:
        return r.vague[word]
    if _DIGIT_RUN.fullmatch(word):
        if _COMMA_DECIMAL.fullmatch(word):
            value = float(word.replace(",", "."))
        elif _DOT_THOUSANDS.fullmatch(word) and not scaled:
            value = float(word.replace(".", ""))
        elif _SPACE_THOUSANDS.fullmatch(word):
            value = float(word.replace(" ", "").replace(",", "."))
        else:
            value = float(word.replace(",", "").replace(" ", ""))
        return value, value
    words, mult, one = r.number_words, r.multipliers, r.ones
    total, current = 0.0, 0.0
    for part in re.split(r"[\s-]+", word):
        if part in words:
            current += words[part]
        elif part in mult:
            current = (current or 1) * mult[part]
            if mult[part] >= 1000:
                total, current = total + current, 0.0
        elif part in one:
            current += 1
        else:
            return None
    value = total + current
    return value, value


def _interval(r: _Reader, groups: dict, currency: bool) -> tuple[float, float | None, float | None] | None:
    first = _number(r, groups["n1"], scaled=_key(groups["s1"] or "") in r.point_scales)
    if first is None:
        return None
    scales = r.currency_scales if currency else r.scales
    s1, s2 = (_key(groups[s]) if groups[s] else None for s in ("s1", "s2"))
    if (s1 and s1 not in scales) or (s2 and s2 not in scales):
        return None  # "25m" with no currency: metres, not millions
    second = _number(r, groups["n2"], scaled=_key(groups["s2"] or "") in r.point_scales) if groups["n2"] else None
    f1 = scales.get(s1 or s2 or "", 1)
    low, high = first[0] * f1, first[1] * f1
    exact = first[0] == first[1]
    if second is not None:
        f2 = scales.get(s2 or s1 or "", 1)
        high = max(high, second[1] * f2)
        return low, high, None
    stated = low if exact else None
    hedge = r.hedges.get(_key(groups["hedge"])) if groups["hedge"] else None
    if hedge == "at_least":
        return low, None, stated
    if hedge == "about":
        return low * (1 - ABOUT_MARGIN), high * (1 + ABOUT_MARGIN), stated
    if hedge == "nearly":
        return low * (1 - NEARLY_MARGIN), high, stated
    if hedge == "at_most":
        return 0, high, stated
    return low, high, stated


def _with_sources(r: _Reader, text: str, start: int, end: int, found: list[Quantity]) -> list[Quantity]:
    """Each figure's source: the body the sentence names nearest to it ("according to the health ministry", "the
    USGS put it at 6.3"); an unnamed one ("officials said") or none leaves it unknown."""
    mentions = _mentions(r, text, start, end)
    if not mentions:
        return found
    out = []
    for q in found:
        def distance(mention):
            lo, hi, _ = mention
            return 0 if lo < q.span.end and q.span.start < hi else min(abs(lo - q.span.end), abs(q.span.start - hi))
        nearest = min(mentions, key=distance)
        source = nearest[2] if distance(nearest) <= SOURCE_REACH else None
        out.append(replace(q, source=source) if source else q)
    return out


def _mentions(r: _Reader, text: str, start: int, end: int) -> list[tuple[int, int, str | None]]:
    """Who the sentence says speaks, with where: named (a name, an acronym, "the health ministry") or not (None)."""
    out = []
    for m in r.cues.finditer(text, start, end):
        at_start = at_sentence_start(text, start, m.start("a"))
        out.append((m.start("a"), m.end("a"), _source_name(r, m.group("a"), at_start)))
    for m in r.verbs.finditer(text, start, end):
        if m.group("c"):
            out.append((m.start("c"), m.end("c"), _source_name(r, m.group("c"), False)))
        verb = _WORD.match(text, m.start()).group(0)
        out.append(_name_before(r, text, max(start, m.start() - 80), m.start(), start, verb))
    return [x for x in out if x is not None]


_CONNECTORS = frozenset({"of", "for", "the", "de", "on"})
_DETERMINERS = frozenset({"the", "a", "an", "its", "their", "his", "her", "this", "that", "which", "who", "and", "or",
                          "of", "in", "at", "by", "for", "with", "from", "to"})
SOURCE_REACH = 120  # characters between a figure and the source it is given to, at most


def _name_before(r: _Reader, text: str, lo: int, hi: int, start: int, verb: str) -> tuple[int, int, str | None] | None:
    """The subject just before a verb: "the USGS [put]", "the country's seismology institute [said]",
    "officials [said]" (unnamed)."""
    tokens = [(t.start(), t.end(), t.group(0)) for t in _TOKENS.finditer(text, lo, hi)]
    while tokens and tokens[-1][2].lower() in r.aux:
        tokens.pop()
    if len(tokens) >= 3 and tokens[-1][2] == ")" and tokens[-3][2] == "(" and tokens[-2][2].isupper():
        at, stop, short = tokens[-2]  # "The U.S. Geological Survey (USGS) said": the body by its short name
        return at, stop, _source_name(r, short, False)
    if not tokens or not tokens[-1][2][0].isalnum():
        return None
    last = tokens[-1][2]
    run = [tokens.pop()]
    if last[0].isupper():
        while tokens and (tokens[-1][2][:1].isupper() or tokens[-1][2].lower() in _CONNECTORS):
            run.append(tokens.pop())
        while run and run[-1][2].lower() in _CONNECTORS:
            run.pop()
    elif last.lower() in r.bodies:
        while tokens and len(run) < 4 and tokens[-1][2][0].isalpha() and tokens[-1][2].lower() not in _DETERMINERS:
            run.append(tokens.pop())
    elif verb.lower() in r.speech:  # "officials said": somebody unnamed
        return run[0][0], run[0][1], None
    else:
        return None
    if not run:
        return None
    run.reverse()
    begin, finish = run[0][0], run[-1][1]
    return begin, finish, _source_name(r, text[begin:finish], at_sentence_start(text, start, begin))


def _source_name(r: _Reader, name: str, at_start: bool) -> str | None:
    name = re.sub(r"\s+", " ", name.strip(" ,.;:"))
    name = re.sub(r"^(?:the|The)\s+", "", name)
    name = re.sub(r"['’]s$", "", name)
    if name.endswith("-") or re.search(r"-(?:bound|based|led|backed|owned|born)$", name):
        return None  # "Wimbledon-bound", "Isle of Man-": no body
    if not name or name.lower() in r.unnamed or f"the {name.lower()}" in r.unnamed or name.lower() in r.not_names:
        return None
    if " " not in name and not name.isupper() and (name.islower() or at_start):
        return None  # "the agency said", "Losses were estimated": no name
    return name


def agree(a: Quantity, b: Quantity) -> bool:
    """Two figures of one measure can both be true: their intervals overlap."""
    a_high = float("inf") if a.high is None else a.high
    b_high = float("inf") if b.high is None else b.high
    return a.low <= b_high and b.low <= a_high
