"""Checks an uploaded file from its bytes before anything is stored; no models, no views."""

from learningcity.attachments.checks.refusals import UploadRefused
from learningcity.attachments.checks.upload import Inspection, inspect_upload, sniff

__all__ = ["Inspection", "UploadRefused", "inspect_upload", "sniff"]
