"""The entity stage: registry, matcher, morphology, discovery. The public verb is :func:`extract_entities`."""

from kg.entities.extract import EntityStage, extract_entities

__all__ = ["EntityStage", "extract_entities"]
