"""The offline zip (`make offline`, Material's offline plugin): its search runs from file://.

Browsers start no web worker from a file:// page, so the plugin adds the iframe-worker shim
to the page's polyfills, as a URL on a CDN. The site serves the same shim itself, from the
pinned npm package, so the unzipped site loads nothing from outside.
"""
from __future__ import annotations

from .katex import PROJECT

SHIM = PROJECT / "node_modules" / "iframe-worker" / "shim" / "index.js"
SHIM_ON_SITE = "assets/javascripts/iframe-worker-shim.js"


def local_polyfills(polyfills: list[str]) -> tuple[list[str], bool]:
    """(the polyfills with the shim served by the site, whether the shim is among them)."""
    local = [SHIM_ON_SITE if "iframe-worker" in url else url for url in polyfills]
    return local, SHIM_ON_SITE in local
