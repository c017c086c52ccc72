"""Values as plain data: what may cross between a student's sandbox and the judge.

The judge never unpickles anything and never receives an object whose
methods a student wrote. Everything crosses as JSON, one message per line,
built from these shapes only:

* JSON's own scalars (None, bool, int, float — NaN and infinities included —
  and str) and lists;
* a JSON object tagged ``"$"`` for everything else: ``tuple``, ``dict``
  (its items as pairs, so keys keep their type), ``set``, ``frozenset``,
  ``bytes``, ``path``, ``counter``, ``ndarray`` (dtype, shape, values),
  ``masked`` (a masked array), ``series`` and ``frame`` (pandas, column by
  column with their dtypes), ``dataclass`` (a class from the ``framelab``
  package, field by field), ``ref`` (a handle on an object that stays where
  it lives, with its class names for messages), ``error``.

:func:`encode` turns a value into that shape; anything it cannot express as
data becomes a ``ref`` through the ``keep`` callback. :func:`decode` rebuilds
values, and only with classes the decoding side trusts: builtins, pathlib,
collections, numpy, pandas, and dataclasses defined in ``framelab``. A
student's subclass of ``dict`` or ``str`` arrives as a plain ``dict`` or
``str``, so its ``__eq__`` never reaches the judge.

This module runs on both sides (it is copied into the sandbox), so it
imports only the standard library at module level.

>>> from pathlib import Path
>>> value = {"a": (1, 2.5), 3: {"x"}, "p": Path("seeds")}
>>> decode(encode(value, keep=None), resolve=None) == value
True
>>> class Sneaky(str):
...     def __eq__(self, other): return True
>>> type(decode(encode(Sneaky("x"), keep=None), resolve=None)) is str
True
"""

from __future__ import annotations

import base64
import dataclasses
import importlib
import json
import math
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path, PurePath
from typing import Any

MAX_DEPTH = 64  # nesting deeper than this is not data a test compares
MAX_ITEMS = 2_000_000  # elements in one value: a bound on what a reply may hold
TRUSTED_DATACLASS_ROOTS = ("framelab",)  # dataclasses rebuilt by the judge come from here only


class WireError(ValueError):
    """A message that is not well-formed plain data (or is too large); the message says which part."""


Keep = Callable[[Any], int] | None  # object -> handle number, for what cannot cross as data
Resolve = Callable[[dict], Any] | None  # a "ref" -> the object it stands for on this side


def _qualname(cls: type) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


def class_names(value: Any) -> list[str]:
    """The qualified names of ``type(value)``'s classes, most derived first (for messages and isinstance)."""
    return [_qualname(c) for c in type(value).__mro__ if c is not object]


def _trusted_dataclass(value: Any) -> type | None:
    """The first dataclass from a trusted package in ``type(value)``'s MRO (a student subclass → its base)."""
    for cls in type(value).__mro__:
        if dataclasses.is_dataclass(cls) and cls.__module__.split(".")[0] in TRUSTED_DATACLASS_ROOTS:
            return cls
    return None


def encode(value: Any, keep: Keep, _depth: int = 0) -> Any:
    """``value`` as JSON-ready plain data; objects that are not data go through ``keep`` as refs.

    With ``keep=None`` such an object raises :class:`WireError` instead.
    Exact types are tested, so a subclass of a builtin crosses as its base
    type's data (``str.__str__`` of it), never as itself.
    """
    if _depth > MAX_DEPTH:
        raise WireError(f"a value nested more than {MAX_DEPTH} levels deep")
    nxt = _depth + 1
    if value is None or type(value) is bool:
        return value
    if isinstance(value, bool):  # a bool subclass: keep the truth value only
        return bool(value)
    if isinstance(value, int) and not _is_numpy(value):
        return int(value)
    if isinstance(value, float) and not _is_numpy(value):
        return float(value)
    if isinstance(value, str):
        return str.__str__(value)
    if isinstance(value, (bytes, bytearray)):
        return {"$": "bytes", "v": base64.b64encode(bytes(value)).decode("ascii")}
    if isinstance(value, PurePath):
        text = str(PurePath(value))
        return {"$": "path", "v": _PATHS[0](text) if _PATHS[0] else text}
    if isinstance(value, Counter):
        return {"$": "counter", "v": [[encode(k, keep, nxt), encode(v, keep, nxt)] for k, v in dict.items(value)]}
    if isinstance(value, dict):
        return {"$": "dict", "v": [[encode(k, keep, nxt), encode(v, keep, nxt)] for k, v in dict.items(value)]}
    if isinstance(value, list):
        return [encode(v, keep, nxt) for v in list.__iter__(value)]
    if isinstance(value, tuple):  # a namedtuple too: its values, as a tuple
        return {"$": "tuple", "v": [encode(v, keep, nxt) for v in tuple.__iter__(value)]}
    if isinstance(value, (set, frozenset)):
        tag = "frozenset" if isinstance(value, frozenset) else "set"
        return {"$": tag, "v": [encode(v, keep, nxt) for v in (frozenset.__iter__(value) if tag == "frozenset" else set.__iter__(value))]}
    numpy_data = _encode_numpy(value, keep, nxt)
    if numpy_data is not None:
        return numpy_data
    pandas_data = _encode_pandas(value, keep, nxt)
    if pandas_data is not None:
        return pandas_data
    cls = _trusted_dataclass(value)
    if cls is not None and not isinstance(value, type):
        fields = {f.name: encode(object.__getattribute__(value, f.name), keep, nxt) for f in dataclasses.fields(cls)}
        return {"$": "dataclass", "type": _qualname(cls), "v": fields}
    if _PATHS[0] is not None and callable(value):  # the judge hands a library function to student code
        return _encode_callable(value, keep, nxt)
    if keep is None:
        raise WireError(f"a {type(value).__name__} object is not plain data")
    custom_eq = type(value).__module__ == "__main__" and type(value).__eq__ is not object.__eq__
    return {"$": "ref", "id": keep(value), "types": class_names(value)[:8], "custom_eq": custom_eq}


_PATHS: list[Callable[[str], str] | None] = [None]  # the folder map of the current encode call (judge side)
_CODE = [False]  # True in the sandbox only: library functions named by the judge may be rebuilt there


def allow_library_functions() -> None:
    """Let :func:`decode` rebuild ``func``/``method`` values: called by the sandbox's runner, never by the judge."""
    _CODE[0] = True


def encode_paths(value: Any, keep: Keep, paths: Callable[[str], str]) -> Any:
    """:func:`encode`, with every ``Path`` passed through ``paths`` (the judge's folders → the sandbox's)."""
    _PATHS[0] = paths
    try:
        return encode(value, keep)
    finally:
        _PATHS[0] = None


def _resolve_name(module: str, qualname: str) -> Any:
    found: Any = importlib.import_module(module)
    for part in qualname.split("."):
        found = getattr(found, part)
    return found


def _encode_callable(value: Any, keep: Keep, depth: int) -> Any:
    """A library function by name (``str.split``), or a bound method of a library object with its state.

    Only the judge sends these (a test passing ``str.split`` to a student's
    function); only the sandbox decodes them (:func:`decode` with ``code=True``).
    """
    import types

    if isinstance(value, types.MethodType) and not isinstance(value.__self__, type):
        owner = type(value.__self__)
        return {"$": "method", "module": owner.__module__, "qualname": owner.__qualname__, "name": value.__name__,
                "state": encode(dict(getattr(value.__self__, "__dict__", {})), keep, depth)}
    owner = getattr(value, "__objclass__", None)
    module = owner.__module__ if owner is not None else getattr(value, "__module__", None)
    qualname = getattr(value, "__qualname__", "")
    try:
        if module and _resolve_name(module, qualname) is value or (owner is not None and _resolve_name(module, qualname) == value):
            return {"$": "func", "module": module, "qualname": qualname}
    except (ImportError, AttributeError):
        pass
    if keep is None:
        raise WireError(f"a {type(value).__name__} object is not plain data")
    return {"$": "ref", "id": keep(value), "types": class_names(value)[:8], "custom_eq": False}


def _is_numpy(value: Any) -> bool:
    return type(value).__module__ == "numpy"


def _encode_numpy(value: Any, keep: Keep, depth: int) -> Any:
    numpy = sys.modules.get("numpy")
    if numpy is None:
        return None
    if isinstance(value, numpy.generic):
        return encode(value.item(), keep, depth)
    if isinstance(value, numpy.ma.MaskedArray):
        return {"$": "masked", "data": _encode_numpy(numpy.asarray(value.data), keep, depth),
                "mask": numpy.ma.getmaskarray(value).tolist()}
    if isinstance(value, numpy.ndarray):
        if value.size > MAX_ITEMS:
            raise WireError(f"an array of {value.size} items")
        if value.dtype.kind not in "biufcUSO":
            raise WireError(f"an array of dtype {value.dtype}")
        return {"$": "ndarray", "dtype": value.dtype.str if value.dtype.kind != "O" else "O",
                "shape": list(value.shape), "v": encode(value.tolist(), keep, depth)}
    return None


def _encode_pandas(value: Any, keep: Keep, depth: int) -> Any:
    pandas = sys.modules.get("pandas")
    if pandas is None:
        return None
    if isinstance(value, pandas.DataFrame):
        if value.size > MAX_ITEMS:
            raise WireError(f"a table of {value.size} cells")
        return {
            "$": "frame",
            "columns": encode(list(value.columns), keep, depth),
            "columns_name": encode(value.columns.name, keep, depth),
            "index": _encode_index(value.index, keep, depth),
            "data": [_encode_column(value.iloc[:, n], keep, depth) for n in range(value.shape[1])],
        }
    if isinstance(value, pandas.Series):
        return {"$": "series", "name": encode(value.name, keep, depth), "index": _encode_index(value.index, keep, depth),
                "data": _encode_column(value, keep, depth)}
    if isinstance(value, pandas.Index):
        return _encode_index(value, keep, depth)
    return None


def _encode_index(index: Any, keep: Keep, depth: int) -> Any:
    names = [encode(n, keep, depth) for n in index.names]
    if getattr(index, "nlevels", 1) > 1:
        return {"$": "index", "tuples": encode([tuple(t) for t in index.tolist()], keep, depth), "names": names}
    return {"$": "index", "v": encode(index.tolist(), keep, depth), "dtype": str(index.dtype), "names": names}


def _encode_column(series: Any, keep: Keep, depth: int) -> Any:
    dtype = str(series.dtype)
    return {"dtype": dtype if dtype in _SAFE_DTYPES else "object", "v": encode(series.tolist(), keep, depth)}


_SAFE_DTYPES = {"int64", "int32", "float64", "float32", "bool", "object", "string", "category", "boolean", "Int64"}


def decode(data: Any, resolve: Resolve, _depth: int = 0) -> Any:
    """Rebuild a value from :func:`encode`'s shape with trusted classes only; refs go to ``resolve``.

    Raises :class:`WireError` on anything else (an unknown tag, a dataclass
    from outside framelab, a ref with ``resolve=None``).
    """
    if _depth > MAX_DEPTH:
        raise WireError(f"a value nested more than {MAX_DEPTH} levels deep")
    nxt = _depth + 1
    if data is None or type(data) in (bool, int, float, str):
        return data
    if type(data) is list:
        return [decode(v, resolve, nxt) for v in data]
    if type(data) is not dict or not isinstance(data.get("$"), str):
        raise WireError(f"not plain data: {type(data).__name__}")
    tag = data["$"]
    if tag == "tuple":
        return tuple(decode(v, resolve, nxt) for v in _list(data, "v"))
    if tag in ("dict", "counter"):
        pairs = [(decode(k, resolve, nxt), decode(v, resolve, nxt)) for k, v in _pairs(data)]
        return Counter(dict(pairs)) if tag == "counter" else dict(pairs)
    if tag in ("set", "frozenset"):
        items = (decode(v, resolve, nxt) for v in _list(data, "v"))
        return set(items) if tag == "set" else frozenset(items)
    if tag == "bytes":
        return base64.b64decode(_str(data, "v"))
    if tag == "path":
        return Path(_str(data, "v"))
    if tag in ("ndarray", "masked"):
        return _decode_numpy(data, resolve, nxt)
    if tag in ("frame", "series", "index"):
        return _decode_pandas(data, resolve, nxt)
    if tag == "dataclass":
        return _decode_dataclass(data, resolve, nxt)
    if tag in ("func", "method") and _CODE[0]:
        target = _resolve_name(_str(data, "module"), _str(data, "qualname"))
        if tag == "func":
            return target
        instance = target.__new__(target)
        instance.__dict__.update(decode(data.get("state"), resolve, nxt))
        return getattr(instance, _str(data, "name"))
    if tag == "ref":
        if resolve is None:
            raise WireError("a reference where only data may cross")
        return resolve(data)
    raise WireError(f"unknown tag {tag!r}")


def _list(data: dict, key: str) -> list:
    value = data.get(key)
    if type(value) is not list:
        raise WireError(f"{data.get('$')}: {key} is not a list")
    return value


def _str(data: dict, key: str) -> str:
    value = data.get(key)
    if type(value) is not str:
        raise WireError(f"{data.get('$')}: {key} is not a string")
    return value


def _pairs(data: dict) -> list:
    pairs = _list(data, "v")
    if any(type(p) is not list or len(p) != 2 for p in pairs):
        raise WireError("dict: items are not pairs")
    return pairs


def _decode_numpy(data: dict, resolve: Resolve, depth: int) -> Any:
    import numpy

    if data["$"] == "masked":
        inner = _decode_numpy(data.get("data"), resolve, depth) if isinstance(data.get("data"), dict) else None
        if inner is None:
            raise WireError("masked: no data")
        return numpy.ma.masked_array(inner, mask=numpy.asarray(decode(data.get("mask"), None, depth), dtype=bool))
    dtype, shape = data.get("dtype"), data.get("shape")
    if type(dtype) is not str or type(shape) is not list or not all(type(n) is int and n >= 0 for n in shape):
        raise WireError("ndarray: bad dtype or shape")
    kind = numpy.dtype(dtype).kind if dtype != "O" else "O"
    if kind not in "biufcUSO":
        raise WireError(f"ndarray: dtype {dtype} is not data")
    values = decode(data.get("v"), resolve, depth)
    array = numpy.array(values, dtype=object if dtype == "O" else numpy.dtype(dtype))
    if math.prod(shape) != array.size:
        raise WireError("ndarray: shape does not match the values")
    return array.reshape(shape)


def _decode_pandas(data: dict, resolve: Resolve, depth: int) -> Any:
    import pandas

    tag = data["$"]
    if tag == "index":
        names = decode(data.get("names"), resolve, depth)
        if "tuples" in data:
            return pandas.MultiIndex.from_tuples(decode(data["tuples"], resolve, depth), names=names)
        values = decode(data.get("v"), resolve, depth)
        dtype = data.get("dtype") if data.get("dtype") in _SAFE_DTYPES and values else object  # an empty index: object
        return pandas.Index(values, name=(names or [None])[0], dtype=dtype)
    if tag == "series":
        column = data.get("data") or {}
        return pandas.Series(decode(column.get("v"), resolve, depth), index=_decode_pandas(data["index"], resolve, depth),
                             name=decode(data.get("name"), resolve, depth), dtype=_dtype(column.get("dtype")))
    columns = decode(data.get("columns"), resolve, depth)
    index = _decode_pandas(data.get("index"), resolve, depth)
    stored = data.get("data")
    if type(columns) is not list or type(stored) is not list or len(columns) != len(stored):
        raise WireError("frame: columns and data differ in length")
    series = [pandas.Series(decode(c.get("v"), resolve, depth), index=index, dtype=_dtype(c.get("dtype"))) for c in stored]
    frame = pandas.concat(series, axis=1) if series else pandas.DataFrame(index=index)
    frame.columns = pandas.Index(columns, name=decode(data.get("columns_name"), resolve, depth), dtype=object if not columns else None)
    return frame


def _dtype(name: Any) -> Any:
    return name if name in _SAFE_DTYPES else "object"


def _decode_dataclass(data: dict, resolve: Resolve, depth: int) -> Any:
    name = _str(data, "type")
    module_name, _, qualname = name.rpartition(".")
    if module_name.split(".")[0] not in TRUSTED_DATACLASS_ROOTS or "." in qualname:
        raise WireError(f"dataclass {name} is not a framelab class")
    module = sys.modules.get(module_name) or importlib.import_module(module_name)
    cls = getattr(module, qualname, None)
    if not (isinstance(cls, type) and dataclasses.is_dataclass(cls)):
        raise WireError(f"{name} is not a dataclass")
    fields = data.get("v")
    if type(fields) is not dict:
        raise WireError(f"dataclass {name}: fields are not a mapping")
    known = {f.name for f in dataclasses.fields(cls)}
    if set(fields) - known:
        raise WireError(f"dataclass {name}: unknown fields {sorted(set(fields) - known)}")
    instance = object.__new__(cls)  # no __init__/__post_init__: the values are checked by the tests
    for key, value in fields.items():
        object.__setattr__(instance, key, decode(value, resolve, depth))
    return instance


def dumps(message: dict) -> bytes:
    """One message as a line of JSON (NaN and infinities allowed)."""
    return json.dumps(message, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"


def loads(line: bytes) -> dict:
    """Parse one message line; :class:`WireError` when it is not a JSON object."""
    try:
        message = json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as error:
        raise WireError(f"not a JSON message ({type(error).__name__})") from None
    if type(message) is not dict:
        raise WireError("a message is not a JSON object")
    return message
