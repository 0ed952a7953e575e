"""Backup, restore and the integrity check of the database and the files."""
