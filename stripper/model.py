"""Data model of the pipeline: plain frozen dataclasses, no logic beyond serialisation.

Every stage takes a `Document` and returns a new one (`dataclasses.replace`), so a
decision can always be traced: a block carries its current `Decision` and the
decisions it overrode, oldest first, in `history`.
"""
from __future__ import annotations

from dataclasses import MISSING, asdict, dataclass, field, fields, make_dataclass
from typing import Any, Callable, Literal, TypeVar

Label = Literal["keep", "drop"]
Stage = Literal["rules", "heuristics", "model", "revise", "default"]
Mode = Literal["html", "text"]


@dataclass(frozen=True, slots=True)
class Decision:
    """Why a block is kept or dropped: which rule or heuristic spoke, and its score."""

    label: Label
    source: str  # rule id ("share.buttons-en") or heuristic name ("model", "link_density")
    reason: str  # human sentence: "link_density 0.62 > max_link_density 0.40"
    stage: Stage
    score: float | None = None


@dataclass(frozen=True, slots=True)
class Block:
    """One block of the page: a block-level element's own text (HTML) or one line (text).

    `tokens` are the class/id tokens of the block element and its ancestors (HTML only);
    `tags` the tag names of its ancestors; `marks` ids of structural (xpath/css) rules
    that matched an ancestor while the page was segmented.
    """

    index: int
    text: str
    tag: str = "line"
    path: str = ""
    tokens: frozenset[str] = frozenset()
    tags: frozenset[str] = frozenset()
    marks: tuple[str, ...] = ()
    link_chars: int = 0
    container: int = -1  # id of the nearest content-bearing ancestor element (HTML)
    ancestors: tuple[int, ...] = ()  # ids of ancestor elements, outermost first (HTML)
    gap_before: bool = False  # text mode: a blank line precedes this line
    features: dict[str, float] | None = None
    decision: Decision | None = None
    history: tuple[Decision, ...] = ()

    @property
    def kept(self) -> bool:
        return self.decision is not None and self.decision.label == "keep"


_T = TypeVar("_T")


def _quick_constructor(cls: type[_T]) -> Callable[..., _T]:
    """A constructor of frozen slotted dataclass `cls` at a sixth of `cls(...)`'s cost (same object).

    Why: a frozen dataclass's `__init__` sets each field through `object.__setattr__`, about
    0.1 µs a field; a Block (14 fields) cost 1.5 µs and every block is built three or four
    times. This builds a plain slotted twin of the same fields, fills them by ordinary
    attribute stores and relabels the object as `cls` (`__class__` may change between classes
    of the same slots), so it returns an ordinary frozen `cls` instance, equal to `cls(...)`
    with the same arguments.

    The twin is made by `object.__new__` in a generated function, not by calling the twin
    class: a class call goes through `type.__call__` and `__init__` (an argument tuple and a
    call from C), 5,390 instructions a Block (callgrind) against 4,550 (was 0.34 -> 0.25 µs
    a Block with the twin's `__init__`).
    """
    namespace: dict[str, Any] = {"_new": object.__new__, "_twin": _twin(cls), "_cls": cls}
    params = []
    for f in fields(cls):
        if f.default_factory is not MISSING:
            raise TypeError(f"{cls.__name__}.{f.name}: a default factory needs `cls(...)`")
        if f.default is MISSING:
            params.append(f.name)
        else:
            namespace[f"_default_{f.name}"] = f.default
            params.append(f"{f.name}=_default_{f.name}")
    body = "".join(f"    obj.{f.name} = {f.name}\n" for f in fields(cls))
    return _generated(f"new_{cls.__name__.lower()}", ", ".join(params), body, namespace,
                      f"`{cls.__name__}(...)`, built as a mutable twin and relabelled (see `_quick_constructor`).")


def _quick_replacer(cls: type[_T], *names: str) -> Callable[..., _T]:
    """`dataclasses.replace(obj, **dict(zip(names, values)))` for `cls` objects, called as
    `replacer(obj, *values)`, built as `_quick_constructor` builds.

    Why: `with_features` and `with_decision` run for every block; as functions reading the
    block's fields into a call of `new_block` they made two Python calls a block, this one
    (5,110 -> 4,480 instructions a `with_features`, callgrind).
    """
    known = {f.name for f in fields(cls)}
    if not set(names) <= known:
        raise TypeError(f"{cls.__name__} has no field {sorted(set(names) - known)}")
    namespace: dict[str, Any] = {"_new": object.__new__, "_twin": _twin(cls), "_cls": cls}
    body = "".join(f"    obj.{f.name} = {f.name if f.name in names else 'old.' + f.name}\n" for f in fields(cls))
    return _generated("replacer", ", ".join(("old", *names)), body, namespace,
                      f"`dataclasses.replace` of a `{cls.__name__}`'s {', '.join(names)} (see `_quick_replacer`).")


_twins: dict[type, type] = {}


def _twin(cls: type) -> type:
    """The plain slotted twin of frozen slotted dataclass `cls`: the same slots, mutable."""
    twin = _twins.get(cls)
    if twin is None:
        twin = _twins[cls] = make_dataclass(f"_Mutable{cls.__name__}", [(f.name, f.type) for f in fields(cls)],
                                            slots=True, init=False, eq=False, repr=False)
        twin.__doc__ = f"`{cls.__name__}`'s slots, filled and relabelled (see `_quick_constructor`)."
    return twin


def _generated(name: str, params: str, body: str, namespace: dict[str, Any], doc: str) -> Callable:
    """A function `name(params)` that fills a new `_twin` object by `body` and relabels it `_cls`."""
    exec(f"def {name}({params}):\n    obj = _new(_twin)\n{body}    obj.__class__ = _cls\n    return obj\n",
         namespace)
    function = namespace[name]
    function.__qualname__ = name
    function.__doc__ = doc
    return function


new_block = _quick_constructor(Block)  # 1.5 -> 0.25 µs a block


with_features = _quick_replacer(Block, "features")
with_features.__name__ = with_features.__qualname__ = "with_features"
with_features.__doc__ = """`dataclasses.replace(b, features=...)` at a tenth of its cost: it runs for every block."""

with_decision = _quick_replacer(Block, "decision", "history")
with_decision.__name__ = with_decision.__qualname__ = "with_decision"
with_decision.__doc__ = """`dataclasses.replace(b, decision=..., history=...)`, as cheaply: it too runs for every block."""


@dataclass(frozen=True, slots=True)
class Document:
    """A segmented page on its way through the pipeline."""

    url: str | None
    mode: Mode
    blocks: tuple[Block, ...]
    title: str | None = None
    lang: str | None = None
    encoding: str | None = None
    paragraph_gaps: bool = False  # text input separates blocks by blank lines
    main_container: int = -1  # element id of the detected article container (HTML)
    matrix: Any = None  # numpy feature matrix, one row a block (see features.FEATURES)


new_document = _quick_constructor(Document)


def with_blocks(doc: Document, blocks: tuple[Block, ...]) -> Document:
    """`dataclasses.replace(doc, blocks=...)` at a tenth of its 4.7 µs: each stage and pass runs it."""
    return new_document(doc.url, doc.mode, blocks, doc.title, doc.lang, doc.encoding, doc.paragraph_gaps,
                        doc.main_container, doc.matrix)


@dataclass(frozen=True, slots=True)
class BlockReport:
    """The public, serialisable view of one block and its decision chain."""

    index: int
    text: str
    kept: bool
    source: str
    reason: str
    stage: str
    score: float | None
    tag: str
    path: str
    history: tuple[dict[str, Any], ...] = ()


new_decision = _quick_constructor(Decision)  # one a block: 0.75 -> 0.3 µs
new_report = _quick_constructor(BlockReport)  # one a block: 1.2 -> 0.35 µs


@dataclass(frozen=True, slots=True)
class Result:
    """What `stripper.strip` returns: the clean text, the title and every block's decision."""

    text: str
    title: str | None
    mode: Mode
    url: str | None
    lang: str | None
    encoding: str | None
    blocks: tuple[BlockReport, ...] = field(default_factory=tuple)

    @property
    def dropped(self) -> tuple[BlockReport, ...]:
        return tuple(b for b in self.blocks if not b.kept)

    def to_dict(self, *, with_blocks: bool = True) -> dict[str, Any]:
        """A JSON-serialisable dict; `with_blocks=False` leaves out the per-block decisions."""
        data = asdict(self)
        if not with_blocks:
            data.pop("blocks")
        return data
