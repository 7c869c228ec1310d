"""Ingestion: files to :class:`~kg.model.Source` values. The one public verb is :func:`ingest`."""

from kg.ingest.decode import IngestError
from kg.ingest.source import ingest

__all__ = ["IngestError", "ingest"]
