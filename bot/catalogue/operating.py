"""Catalogue texts: when something went wrong on the bot's side, and what operators see."""

from __future__ import annotations

from typing import Final, Literal

MESSAGES: Final[dict[str, dict[Literal["nl", "en"], str]]] = {
    # The first time handling someone's message fails: it is kept and tried again.
    "inbox.sorry": {
        "nl": "Sorry, bij het verwerken van je bericht ging bij mij iets mis. Je bericht is "
        "bewaard en ik probeer het zo opnieuw; lukt dat niet, dan kijkt de beheerder ernaar.",
        "en": "Sorry, something went wrong on my side while handling your message. It is kept "
        "and I will try again shortly; if that fails, the administrator will look into it.",
    },
}
