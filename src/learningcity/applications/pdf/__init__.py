"""Printable PDFs of an application: the whole application, and the certification letter."""

from .documents import application_pdf, certification_pdf
from .stored import submitted_pdf

__all__ = ["application_pdf", "certification_pdf", "submitted_pdf"]
