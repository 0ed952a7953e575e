"""The judging pages: the judge's own (judge.py) and the secretariat's (manage.py)."""
