"""Understanding what a person sends: a command, small talk, an update, or not understood.

``classify`` reads a text alone (pure, fast, on every message); ``step`` adds what the
register knows and answers. ``handlers.dispatch`` hands every text here.
"""
