"""Text from users is stored as plain text; rich text, where allowed, is cleaned by nh3."""

import nh3

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "ul",
    "ol",
    "li",
    "a",
    "h2",
    "h3",
    "blockquote",
}


def clean_html(value: str) -> str:
    return nh3.clean(value or "", tags=ALLOWED_TAGS, link_rel="noopener nofollow")
