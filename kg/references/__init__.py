"""The references stage: the grammar per language and the resolver. The public verb is
:func:`resolve_references`."""

from kg.references.resolve import References, Unresolved, resolve_references

__all__ = ["References", "Unresolved", "resolve_references"]
