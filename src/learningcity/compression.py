"""HTML compressed by the application itself when no nginx is in front (the embedded default).

Only text (HTML, JSON, plain text) is compressed: stored files (PDF, JPEG, ZIP) are already
compressed or are sent whole, and static files come pre-compressed from WhiteNoise.

BREACH, the attack on compressed pages that hold a secret and reflect what an attacker sends:
Django's CSRF token is masked anew in every response, so compression never repeats it; since
Django 4.2 this middleware also adds random bytes to each gzip header ("Heal the BREACH"), which
blurs the length an attacker measures; session cookies are headers, never compressed. Behind
nginx (``LEARNINGCITY_X_ACCEL``), nginx compresses and this middleware is not installed.
"""

from django.middleware.gzip import GZipMiddleware

COMPRESSED_TYPES = ("text/", "application/json")


class TextGZipMiddleware(GZipMiddleware):
    def process_response(self, request, response):
        content_type = response.get("Content-Type", "")
        if response.streaming or not content_type.startswith(COMPRESSED_TYPES):
            return response
        return super().process_response(request, response)
