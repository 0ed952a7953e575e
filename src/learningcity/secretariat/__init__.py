"""The secretariat's workspace: dashboard, lists, eligibility review, prizes, the next edition."""
