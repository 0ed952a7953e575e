"""Personal data under Thailand's PDPA: consent, the person's own data, retention."""
