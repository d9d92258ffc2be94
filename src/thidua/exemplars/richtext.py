"""The exemplar's story as rich text: what an officer writes is kept only as a small safe
subset of HTML (`sanitise`), so the story can be shown as HTML on signed-in and public
pages alike without ever carrying a script, an event handler or a `javascript:` link."""

import html as html_module
import re

import nh3
from django.utils.html import linebreaks

# Paragraphs, emphasis, underline, lists, links, two heading levels and quotations: what a
# story written in a word processor and pasted needs, and everything the story editor
# (static/thidua/story-editor.js) writes; nothing that runs, styles or embeds (no img: the
# exemplar's photos have their own upload).
TAGS = frozenset({"p", "br", "strong", "em", "u", "ul", "ol", "li", "a", "h3", "h4", "blockquote"})
ATTRIBUTES = {"a": {"href"}}
SCHEMES = frozenset({"http", "https"})
_TAG = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>")
_BREAK = re.compile(r"<\s*(?:br|/\s*(?:p|h[1-6]|li|blockquote|div))\b[^>]*>", re.IGNORECASE)


def sanitise(text: str) -> str:
    """TEXT as safe HTML: the tags of TAGS only, a link's href only with http or https
    (opened without referrer or opener), every other tag dropped and the content of
    script and style elements removed. Plain text (no tag at all) becomes paragraphs, so an
    officer who types without markup keeps their line breaks."""
    text = (text or "").strip()
    if not text:
        return ""
    if not _TAG.search(text):
        text = linebreaks(text, autoescape=True)
    return nh3.clean(text, tags=set(TAGS), attributes={k: set(v) for k, v in ATTRIBUTES.items()},
                     url_schemes=set(SCHEMES), link_rel="noopener noreferrer nofollow").strip()


def plain(text: str) -> str:
    """TEXT's text without tags (for search keys and spreadsheets): words of two blocks
    (a heading and its paragraph, two list items) or either side of a line break stay apart."""
    text = _BREAK.sub(" ", text or "")
    return re.sub(r"\s+", " ", html_module.unescape(nh3.clean(text, tags=set()))).strip()
