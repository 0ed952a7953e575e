"""The committee's decision, publication of results, certificates and the winners' showcase."""
