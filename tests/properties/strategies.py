"""Hostile input for forms: any Unicode, huge strings, XSS payloads, odd numbers."""

from hypothesis import strategies as st

MARK = "x7q9"
XSS = [
    f'<script>alert("{MARK}")</script>',
    f'"><img src=x onerror=alert("{MARK}")>',
    f"javascript:alert('{MARK}')",
    f'<svg onload=alert("{MARK}")>',
    f"{{{{ {MARK} }}}}{{% debug %}}",
    f'=HYPERLINK("http://evil/{MARK}")',
]
# Text the database can hold: no NUL (PostgreSQL refuses it) but every other code point.
unicode_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=300)
huge_text = st.integers(min_value=1_000, max_value=200_000).map(lambda n: "ก" * n)
xss = st.sampled_from(XSS)
anything = st.one_of(unicode_text, huge_text, xss, st.just(""))
numbers = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.sampled_from(["-1", "0", "1e308", "NaN", "-0", "٣", "๓๕", "1_000", " 12 ", "0x10"]),
    unicode_text,
)
