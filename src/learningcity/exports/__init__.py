"""XLSX, CSV and ZIP exports, run as background tasks."""
