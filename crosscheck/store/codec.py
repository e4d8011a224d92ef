"""Cached values as JSON of plain values: a cache row is data, never code.

A cache folder may come from anywhere (committed to a repository, restored by CI, named by a pull
request's own ``crosscheck.toml``), so reading a row must not be able to run anything: no pickle.
Values are the frozen dataclasses the pipeline hands on (``crosscheck.model``, ``group.Reading``,
``incremental.Outline`` and ``Found``, ``pipeline._Known``), tuples, frozensets, dates, JSON's own
scalars, and a dict as a whole value (the partition). JSON's encoder and decoder (C code) do the
walking; what JSON has no word for is an object with one tag:

    [...]  a tuple              {"f": [...]}  a frozenset         {"D": "2022-01-12"}  a date
    {"d": [[k, v], ...]}  a dict   {"@": "Claim", "v": [field, field, ...]}  a dataclass, fields in order

A class is looked up by its name in an explicit allow-list (``_classes``), never imported by a name
read from the data. Anything that does not decode (unknown tag, wrong number of fields, not JSON)
raises ``CodecError``, which the cache treats as a miss.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import fields, is_dataclass
from functools import lru_cache


class CodecError(ValueError):
    """A stored value that does not decode to one the pipeline makes."""


@lru_cache(maxsize=1)
def _classes() -> dict[str, tuple[type, tuple[str, ...], tuple]]:
    """The only classes a row may name: tag → (class, its fields' names, a check of each field's value)."""
    from crosscheck import model
    from crosscheck.group import Reading
    from crosscheck.pipeline import _Known
    from crosscheck.store.incremental import Found, Outline

    # the pipeline's own value classes: every dataclass crosscheck.model defines (but a Report or a Corpus, never
    # stored) and the stores' own; the list is made here, from the modules, never from a row
    allowed = (*(cls for cls in vars(model).values() if isinstance(cls, type) and is_dataclass(cls)
                 and cls.__module__ == model.__name__ and cls not in (model.Report, model.Corpus)),
               Reading, Outline, Found, _Known)
    by_name = {cls.__name__: cls for cls in allowed}
    return {cls.__name__: (cls, tuple(f.name for f in fields(cls)), tuple(_checker(f.type, by_name) for f in fields(cls)))
            for cls in allowed}


@lru_cache(maxsize=1)
def _tags() -> dict[type, tuple[str, tuple[str, ...]]]:
    return {cls: (tag, names) for tag, (cls, names, _) in _classes().items()}


# ---------------------------------------------------------------- field types, from the dataclasses' annotations

_TOKEN = re.compile(r"\s*(\.\.\.|[A-Za-z_][\w.]*|[\[\],|])")
_BASIC = {"str": (str,), "int": (int,), "float": (float, int), "bool": (bool,), "None": (type(None),),
          "dt.date": (dt.date,), "dict": (dict,)}


def _checker(annotation: str, classes: dict[str, type]):
    """A function that tells whether a value has the type an annotation such as ``tuple[tuple[int, str], ...]``
    or ``TimeValue | None`` names: a row of the right shape and the wrong types is refused, not served."""
    tokens = _TOKEN.findall(annotation)
    at = [0]

    def peek() -> str | None:
        return tokens[at[0]] if at[0] < len(tokens) else None

    def take() -> str:
        at[0] += 1
        return tokens[at[0] - 1]

    # a check is a frozenset of types (the value's type is one of them) or a function
    def union():
        options = [term()]
        while peek() == "|":
            take()
            options.append(term())
        if all(isinstance(o, frozenset) for o in options):
            return frozenset().union(*options)
        functions = [_function(o) for o in options]
        return lambda v: any(f(v) for f in functions)

    def term():
        name = take()
        args = []
        if peek() == "[":
            take()
            while True:
                if peek() == "...":
                    take()
                    args.append(...)
                else:
                    args.append(union())
                if take() == "]":
                    break
        if name == "tuple":
            if len(args) == 2 and args[1] is ...:
                return _all_of(tuple, args[0])
            checks = [_function(a) for a in args]
            return lambda v: type(v) is tuple and len(v) == len(checks) and all(c(x) for c, x in zip(checks, v))
        if name == "frozenset":
            return _all_of(frozenset, args[0] if args else None)
        if name == "dict" and len(args) == 2:
            key, item = _function(args[0]), _function(args[1])
            return lambda v: type(v) is dict and all(key(k) and item(x) for k, x in v.items())
        if name in _BASIC:
            return frozenset(_BASIC[name])
        if name in classes:
            return frozenset({classes[name]})
        raise CodecError(f"cannot check the type {annotation!r}")

    try:
        return _function(union())
    except (CodecError, IndexError):  # an annotation this parser does not read: its values go unchecked
        return lambda v: True


def _function(check):
    if isinstance(check, frozenset):
        return lambda v: type(v) in check
    return check


def _all_of(container: type, element):
    """A container whose every element passes ``element`` (for a set of types: one pass in C over the types)."""
    if element is None:
        return lambda v: type(v) is container
    if isinstance(element, frozenset):
        return lambda v: type(v) is container and element.issuperset(map(type, v))
    return lambda v: type(v) is container and all(map(element, v))


@lru_cache(maxsize=None)
def _expected(annotation: str):
    return _checker(annotation, {name: cls for name, (cls, _, _) in _classes().items()})


def _default(value: object) -> dict:
    """What JSON's encoder cannot write itself: a dataclass of the allow-list, a frozenset, a date."""
    tagged = _tags().get(type(value))
    if tagged is not None:
        tag, names = tagged
        state = value.__dict__
        return {"@": tag, "v": [state[name] for name in names]}
    if type(value) is frozenset or type(value) is set:
        return {"f": list(value)}
    if type(value) is dt.date:
        return {"D": value.isoformat()}
    raise CodecError(f"cannot store a {type(value).__name__}")


def _tuple(item: object) -> object:
    """JSON's arrays are the values' tuples (a stored value holds no list)."""
    return tuple(map(_tuple, item)) if type(item) is list else item


def _object(obj: dict) -> object:
    """One JSON object, decoded: a tagged dataclass, frozenset, date or dict; anything else is not ours."""
    if len(obj) == 2 and "@" in obj:
        known = _classes().get(obj["@"]) if type(obj["@"]) is str else None
        values = obj.get("v")
        if known is None or type(values) is not list:
            raise CodecError(f"unknown tag {str(obj['@'])[:40]!r}")
        cls, names, checks = known
        if len(values) != len(names):
            raise CodecError(f"{obj['@']} with {len(values)} fields, expected {len(names)}")
        values = [_tuple(v) for v in values]
        for name, check, value in zip(names, checks, values):
            if not check(value):
                raise CodecError(f"{obj['@']}.{name} of the wrong type")
        made = object.__new__(cls)  # a frozen dataclass, its fields set as its own __init__ sets them
        made.__dict__.update(zip(names, values))
        return made
    if len(obj) == 1:
        if type(obj.get("f")) is list:
            return frozenset(map(_tuple, obj["f"]))
        if type(obj.get("D")) is str:
            return dt.date.fromisoformat(obj["D"])
        if type(obj.get("d")) is list:
            return {_tuple(k): _tuple(v) for k, v in obj["d"]}
    raise CodecError("not a stored value")


def dumps(value: object) -> bytes:
    """``value`` as UTF-8 JSON (lone surrogates kept, as the texts read may hold them)."""
    if type(value) is dict:  # the only dict stored is a whole value (the partition); its keys may be any
        value = {"d": [[k, v] for k, v in value.items()]}
    return json.dumps(value, default=_default, ensure_ascii=False, check_circular=False,
                      separators=(",", ":")).encode("utf-8", "surrogatepass")


def loads(data: bytes, expect: str | None = None) -> object:
    """The value ``dumps`` wrote; ``CodecError`` for anything else, or for a value that is not of the type
    ``expect`` names (an annotation: "Outline", "dict[str, int]", "tuple[_Known, ...]")."""
    try:
        value = _tuple(json.loads(data.decode("utf-8", "surrogatepass"), object_hook=_object))
    except CodecError:
        raise
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError, UnicodeDecodeError) as err:
        raise CodecError(f"not a stored value: {type(err).__name__}") from None
    if expect is not None and not _expected(expect)(value):
        raise CodecError(f"not a stored {expect}")
    return value
