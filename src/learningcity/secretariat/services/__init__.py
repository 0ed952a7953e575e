"""The secretariat's rules as plain functions that views and tests call."""
