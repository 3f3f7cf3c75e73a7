"""Changing actions from the web pages, with exactly the rights chat gives and recorded as chat
records it: a status update from the update form (a new deadline set by whoever decides,
proposed by an owner), and correcting or withdrawing one's own update. Chat has no command that
changes an action's title, description or owners, so neither do the pages.

Every change also writes one audit row (``storage.audit.record``) in its own transaction.
"""
