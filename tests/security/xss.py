"""A corpus of script-injection vectors, and a check for markup that would run code.

Each vector tries to call ``alert`` or set ``window.__xss``; the browser test fails on
either. The checker reads rendered HTML as a browser does (html5lib-like parsing by
lxml) and reports every place where code could run: script elements that are not
JSON data, event-handler attributes, script-bearing URLs in any URL attribute, frames
with inline documents, plug-ins, ``<base>`` and refresh redirects.
"""

from __future__ import annotations

import json
import re

from bs4 import BeautifulSoup

VECTORS = [
    "<script>window.__xss=1;alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<img src="x" onerror="&#97;lert(1)">',
    "<img src=x:alert(alt) onerror=eval(src) alt=1>",
    "<img srcset=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">x</text></a></svg>',
    '<iframe src="javascript:alert(1)"></iframe>',
    '<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>',
    '<a href="javascript:alert(1)">bağlantı</a>',
    '<a href="JaVaScRiPt:alert(1)">bağlantı</a>',
    '<a href="java&#x09;script:alert(1)">bağlantı</a>',
    '<a href="&#106;avascript:alert(1)">bağlantı</a>',
    '<a href="  javascript:alert(1)">bağlantı</a>',
    '<a href="vbscript:msgbox(1)">bağlantı</a>',
    '<a href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;">bağlantı</a>',
    "<body onload=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    "<video><source onerror=alert(1)></video>",
    "<audio src=x onerror=alert(1)>",
    "<marquee onstart=alert(1)>x</marquee>",
    '<object data="javascript:alert(1)"></object>',
    '<embed src="javascript:alert(1)">',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<style>@import 'javascript:alert(1)';</style>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<div style="width:expression(alert(1))">x</div>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
    '<form action="javascript:alert(1)"><button>x</button></form>',
    '<button formaction="javascript:alert(1)">x</button>',
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    "</title><script>alert(1)</script>",
    "</textarea><script>alert(1)</script>",
    "</script><script>alert(1)</script>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    '<!--<img src="--><img src=x onerror=alert(1)//">',
    "<xss id=x tabindex=1 onfocusin=alert(1)></xss>",
    '<link rel=stylesheet href="javascript:alert(1)">',
    "\u2028\u2029<script>alert(1)</script>",
    "{{ request.user }}{% debug %}<script>alert(1)</script>",
    "javascript:alert(1)",
]

URL_ATTRIBUTES = {
    "href",
    "src",
    "action",
    "formaction",
    "data",
    "xlink:href",
    "poster",
    "background",
}
RUNNABLE_SCHEMES = re.compile(r"^\s*(?:javascript|vbscript|data)\s*:", re.IGNORECASE)
JSON_TYPES = {"application/ld+json", "application/json"}


def _scheme_text(value: str) -> str:
    # Browsers drop tabs and newlines inside URLs and controls at the edges.
    return re.sub(r"[\t\n\r]", "", value).strip("\x00 \x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c")


def runnable_markup(html: str, *, own_scripts: set[str] | None = None) -> list[str]:
    """Everything in ``html`` that would run code; empty when the page is inert.

    ``own_scripts`` are the ``src`` of the site's own script files, which may run.
    """
    own_scripts = own_scripts or set()
    found = []
    # A second <html> or <body> tag lends its attributes to the first in a browser, while
    # parsers used here drop it: look for those in the source.
    for match in re.finditer(r"<(?:body|html)\b[^>]*?\son[a-z]+\s*=", html, re.IGNORECASE):
        found.append(f"event handler on a document tag: {match.group(0)[:80]!r}")
    document = BeautifulSoup(html, "lxml")
    for element in document.find_all(True):
        name = element.name.lower()
        if name == "script":
            kind = (element.get("type") or "").lower()
            if kind in JSON_TYPES:
                text = element.string or ""
                if "</script" in text.lower():
                    found.append(f"JSON script block that closes itself: {text[:80]!r}")
                try:
                    json.loads(text)
                except ValueError:
                    found.append(f"JSON script block that is not JSON: {text[:80]!r}")
            elif element.get("src") not in own_scripts:
                found.append(f"script: {str(element)[:80]!r}")
        if name in {"object", "embed", "base", "applet"}:
            found.append(f"<{name}>: {str(element)[:80]!r}")
        if name == "iframe" and element.has_attr("srcdoc"):
            found.append(f"iframe srcdoc: {str(element)[:80]!r}")
        if name == "meta" and (element.get("http-equiv") or "").lower() == "refresh":
            found.append(f"meta refresh: {str(element)[:80]!r}")
        for attribute, value in element.attrs.items():
            if attribute.lower().startswith("on"):
                found.append(f"event handler {attribute}= on <{name}>")
            values = value if isinstance(value, list) else [value]
            for item in values:
                if (
                    attribute.lower() in URL_ATTRIBUTES
                    and RUNNABLE_SCHEMES.match(_scheme_text(str(item)))
                    and not (name == "img" and str(item).startswith("data:image/"))
                ):
                    found.append(f"{attribute}={str(item)[:60]!r} on <{name}>")
                if attribute.lower() == "style" and re.search(
                    r"expression\s*\(|javascript:", str(item), re.IGNORECASE
                ):
                    found.append(f"style with code on <{name}>")
    return found


def own_script_sources(html: str) -> set[str]:
    """The script files of the site's own templates (from a page without any vector)."""
    document = BeautifulSoup(html, "lxml")
    return {script["src"] for script in document.find_all("script", src=True)}
