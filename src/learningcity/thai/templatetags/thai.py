"""Template filters for Thai formatting; loaded as builtins, so no ``{% load %}`` is needed.

``{{ d|thai_date }}``, ``{{ d|thai_date_short }}``, ``{{ d|thai_datetime }}``,
``{{ d|thai_time }}``, ``{{ year|be_year }}``, ``{{ n|thai_digits }}``, ``{{ n|number }}``,
``{{ n|baht_words }}``,
``{% date_range start end %}``.
"""

from django import template

from learningcity.thai import formatting

register = template.Library()

register.filter("thai_date", formatting.format_date)
register.filter("thai_time", formatting.format_time)
register.filter("thai_datetime", formatting.format_datetime)
register.filter("be_year", formatting.be_year)
register.filter("thai_digits", formatting.thai_digits)
register.filter("baht_words", formatting.baht_words)


@register.filter
def thai_date_short(value):
    return formatting.format_date(value, short=True)


@register.filter
def thai_datetime_short(value):
    return formatting.format_datetime(value, short=True)


@register.filter
def number(value, decimals=0):
    return formatting.format_number(value, int(decimals))


@register.simple_tag
def date_range(start, end, short=False):
    return formatting.format_date_range(start, end, short=short)


@register.filter
def tr(obj, name):
    """``{{ edition|tr:"title" }}``: the English field in English when it is filled, else Thai."""
    if not formatting.is_thai():
        english = getattr(obj, f"{name}_en", "")
        if english:
            return english
    return getattr(obj, f"{name}_th", "")
