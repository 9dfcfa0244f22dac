"""Read-only value objects, written by hand for the classes the app imports as it starts.

`@dataclass(frozen=True)` builds each class by compiling generated methods when its module is
imported: about 0.8 ms a class. Across the ~25 value classes the app's start imports, that was
the largest part of what leakguide adds to Textual's own start (README, Performance). A `Record`
costs what any class costs: its `__init__` is written out, and equality, hashing, `repr` and
`replace` work from the instance's fields.
"""

from __future__ import annotations

from typing import Any, TypeVar

R = TypeVar("R", bound="Record")


class ReadOnlyError(AttributeError):
    """Raised on assigning to (or deleting) a field of a `Record`."""


class Record:
    """A value object: fields set once in `__init__`, equal and hashed by their values.

    Subclasses set their fields with `vars(self).update(...)` in `__init__`, whose parameters are
    the fields, in order. Attributes whose names start with "_" (caches) are not fields.
    """

    def __setattr__(self, name: str, value: Any) -> None:
        raise ReadOnlyError(f"cannot assign to field {name!r} of a {type(self).__name__}")

    def __delattr__(self, name: str) -> None:
        raise ReadOnlyError(f"cannot delete field {name!r} of a {type(self).__name__}")

    @classmethod
    def field_names(cls) -> tuple[str, ...]:
        """The fields, in order: the parameters of `__init__`."""
        code = cls.__init__.__code__
        return code.co_varnames[1 : code.co_argcount + code.co_kwonlyargcount]

    def fields(self) -> dict[str, Any]:
        """The fields and their values, in order."""
        return {name: value for name, value in vars(self).items() if name[0] != "_"}

    def replace(self: R, **changes: Any) -> R:
        """A copy with some fields changed, made through `__init__` (so its checks apply)."""
        return type(self)(**{**self.fields(), **changes})

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self.fields() == other.fields()  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash(tuple(self.fields().values()))

    def __repr__(self) -> str:
        inside = ", ".join(f"{name}={value!r}" for name, value in self.fields().items())
        return f"{type(self).__name__}({inside})"
