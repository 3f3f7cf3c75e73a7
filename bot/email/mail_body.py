"""A neutral message as the two bodies of a mail: plain text and accessible HTML.

The plain text is ``Message.text`` itself (what notifications and the console show), with how
to answer and the footer. The HTML draws the sections: a real heading per action, its facts in
a definition list, and its buttons as links to the personal update form, when there is one.
Every piece of text that came from people (titles, themes, comments) is escaped with
``html.escape``; links are built from our own button values and quoted as well.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from html import escape
from urllib.parse import quote

from words.catalogue import Language, language, t
from words.chat.messages import Button, Message, Section

# Colours with a contrast far above WCAG AA's 4.5:1 on white (#1a1a1a: 17:1, #0b57d0: 6.6:1,
# #4a4a4a: 8.9:1); styles inline, as mail clients drop <style> blocks.
BODY_STYLE = (
    "margin:0;padding:16px;background:#ffffff;color:#1a1a1a;"
    "font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5"
)
LINK_STYLE = "color:#0b57d0;text-decoration:underline"
FOOTER_STYLE = "font-size:14px;color:#4a4a4a"
HEADING_STYLE = "font-size:18px;margin:24px 0 8px"
FIELD_STYLE = "font-weight:bold"

STATUS = "status"  # a quick-status button: value "ACTIONID:STATUS"
FORM = "form"  # the button that opens the form: value ACTIONID


@dataclass(frozen=True, slots=True)
class Bodies:
    text: str
    html: str


def _link(form_url: str, button: Button) -> str | None:
    """Where a button leads in a mail, or None for a button that means nothing there.

    The quick-status link only opens the form prefilled: nothing changes until the person
    submits, so a mail scanner that follows every link changes nothing.
    """
    if button.action == STATUS:
        action, _, status = button.value.partition(":")
        if not action or not status:
            return None
        glue = "&" if "?" in form_url else "?"
        return f"{form_url}{glue}actie={quote(action, safe='')}&status={quote(status, safe='')}"
    if button.action == FORM and button.value:
        return f"{form_url}#actie-{quote(button.value, safe='')}"
    return None


def _paragraphs(text: str) -> list[str]:
    """Plain text as HTML paragraphs, escaped; a single line break stays one."""
    blocks = [b.strip("\n") for b in text.replace("\r\n", "\n").split("\n\n")]
    return [f"<p>{'<br>'.join(escape(line) for line in b.split(chr(10)))}</p>" for b in blocks if b]


def _buttons_html(buttons: Iterable[Button], form_url: str | None, lang: Language) -> list[str]:
    if form_url is None:
        return []  # without the form, the text says to reply; buttons mean nothing in a mail
    links = []
    for button in buttons:
        href = _link(form_url, button)
        if href is not None:
            links.append(
                f'<a href="{escape(href)}" style="{LINK_STYLE}">{escape(button.label)}</a>'
            )
    if not links:
        return []
    intro = escape(t("email.quick_links", lang))
    return [f"<p>{intro} {' · '.join(links)}</p>"]


def _section_html(section: Section, form_url: str | None, lang: Language) -> list[str]:
    parts: list[str] = []
    if section.heading:
        parts.append(f'<h2 style="{HEADING_STYLE}">{escape(section.heading)}</h2>')
    parts += _paragraphs(section.text)
    if section.fields:
        items = "".join(
            f'<dt style="{FIELD_STYLE}">{escape(f.label)}</dt>'
            f'<dd style="margin:0 0 4px 0">{escape(f.value)}</dd>'
            for f in section.fields
        )
        parts.append(f'<dl style="margin:0 0 8px 0">{items}</dl>')
    parts += _buttons_html(section.buttons, form_url, lang)
    return parts


def _asks_anything(message: Message) -> bool:
    buttons = [*message.buttons, *(b for s in message.sections for b in s.buttons)]
    return bool(message.asks) or any(b.action in (STATUS, FORM) for b in buttons)


def render(message: Message, lang: str, title: str, form_url: str | None) -> Bodies:
    """The text and HTML bodies of ``message`` in ``lang``; ``title`` is the mail's subject."""
    code = language(lang)
    asks = _asks_anything(message)
    text = [message.text.replace("\r\n", "\n").strip("\n")]
    html: list[str] = []
    if message.sections:
        for section in message.sections:
            html += _section_html(section, form_url, code)
    else:
        html += _paragraphs(message.text)
    html += _buttons_html(message.buttons, form_url, code)
    if asks and form_url is not None:
        text += [t("email.form_all_text", code, url=form_url), t("email.or_reply", code)]
        label = escape(t("email.form_all", code))
        link = f'<a href="{escape(form_url)}" style="{LINK_STYLE}">{label}</a>'
        html += [f"<p><strong>{link}</strong></p>", f"<p>{escape(t('email.or_reply', code))}</p>"]
    elif asks:
        text.append(t("email.reply_only", code))
        html.append(f"<p>{escape(t('email.reply_only', code))}</p>")
    footer = t("email.footer_actions" if asks else "email.footer", code)
    text += ["-- ", footer]
    html.append(f'<hr><p style="{FOOTER_STYLE}">{escape(footer)}</p>')
    return Bodies("\n\n".join(text) + "\n", _document(code, title, html))


def file_bodies(comment: str, name: str, lang: str, title: str) -> Bodies:
    """The bodies of a mail that carries a document: its comment, or a note naming it."""
    code = language(lang)
    said = comment.strip() if comment.strip() else t("email.attachment", code, name=name)
    footer = t("email.footer", code)
    text = f"{said}\n\n-- \n{footer}\n"
    html = [*_paragraphs(said), f'<hr><p style="{FOOTER_STYLE}">{escape(footer)}</p>']
    return Bodies(text, _document(code, title, html))


def _document(lang: Language, title: str, body: list[str]) -> str:
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n</head>\n"
        f'<body style="{BODY_STYLE}">\n<div role="article" lang="{lang}">\n'
        + "\n".join(body)
        + "\n</div>\n</body>\n</html>\n"
    )
