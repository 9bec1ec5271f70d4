"""Compressed responses: brotli when the browser takes it, else gzip (Flask-Compress).

Levels chosen for two cores, measured on the training list (10,812 bytes of HTML at demo size):
gzip 1: 3,575 B in 0.03 ms, gzip 6: 3,276 B in 0.05 ms, gzip 9: 3,277 B in 0.05 ms;
brotli 4: 3,191 B in 0.08 ms, brotli 5: 2,707 B in 0.09 ms, brotli 6: 2,703 B in 0.10 ms,
brotli 9: 2,672 B in 5.0 ms, brotli 11: 2,451 B in 8.5 ms. Brotli 5 is the knee (17 % under gzip 6
for a tenth of a millisecond; 9 and 11 save 1 % and 10 % more for 50 and 90 times the time). Static files are
compressed once at the top levels instead (webapp/web/serving/assets.py). Bodies under 1 KB are sent as
they are (one packet either way), and so are pictures (already compressed: not in MIMETYPES).

BREACH (guessing a secret in a compressed page from its size, by making the victim's browser
send many requests that reflect the attacker's text next to the secret): what protects us is
- the session cookie is SameSite=Lax: another site's images, scripts, fetches and frames reach us
  without it, so their pages hold no secret of the victim's (X-Frame-Options DENY besides);
- the CSRF token in a page is signed with the second it was made (Flask-WTF, itsdangerous): the
  part that stays the same between requests is useless without a signature that changes every
  second, too fast to be guessed a character at a time;
- and what is left, another site opening our pages at the top level (Lax sends the cookie then):
  a page with a secret (signed in, or holding a CSRF token) is sent uncompressed when the browser
  says the request came from another site (Sec-Fetch-Site: cross-site). A person following a link
  from WeChat to a signed-in page gets that one page uncompressed; the next ones are same-origin.
"""
from flask import current_app, g, request
from flask_compress import Compress
from flask_login import current_user

compress = Compress()

SETTINGS = {
    "COMPRESS_ALGORITHM": ["br", "gzip"],
    "COMPRESS_LEVEL": 6,
    "COMPRESS_BR_LEVEL": 5,
    "COMPRESS_MIN_SIZE": 1024,
    "COMPRESS_MIMETYPES": ["text/html", "text/css", "text/javascript", "application/javascript",
                           "application/json", "application/manifest+json", "image/svg+xml",
                           "text/plain", "text/csv"],
    # Streamed responses are files (evidence photos, Flask's own static fallback): left as they are.
    "COMPRESS_STREAMS": False,
    "COMPRESS_REGISTER": False,  # registered below, behind the BREACH rule
}


def carries_secret() -> bool:
    """Whether this response holds something of one visitor's: a signed-in page or a CSRF token."""
    field = current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token")
    return field in g or current_user.is_authenticated


def init_app(app) -> None:
    """Registered before every other after_request hook: Flask runs them last-registered first, so this one
    compresses the finished response."""
    for key, value in SETTINGS.items():
        app.config.setdefault(key, value)
    compress.init_app(app)

    @app.after_request
    def _compress(response):
        if request.endpoint != "static" and carries_secret():  # a static file is nobody's secret
            response.vary.add("Sec-Fetch-Site")
            if request.headers.get("Sec-Fetch-Site") == "cross-site":
                response.vary.add("Accept-Encoding")
                return response
        return compress.after_request(response)
