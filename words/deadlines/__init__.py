"""Deadlines stated in words (Dutch, and English for English speakers), read as a date plus
how precise that date is, and kept as a phrase that carries its year.

Policy texts and chat replies say "voor de zomer van 2024" or "uiterlijk 1 oktober". A letter
written later must be able to repeat "uiterlijk eind 2025" instead of inventing an exact day,
so every reading keeps the phrase and a precision next to the date. The conventions are
described in the README ("Deadlines in words"); this package is their one implementation.

Absolute days go through dateutil's parser (with Dutch names) and are then checked against
the numbers actually written, because dateutil's lenient defaults swap day and month or
invent a year. Relative phrases and named periods are read by small grammars; English phrases
are first rewritten into the Dutch phrase that means the same.

The modules, from the ground up: ``model`` (Deadline, Precision, the years allowed),
``error`` (DeadlineError and its explanation), ``vocabulary`` (the calendar words),
``normalise`` (a phrase made plain), ``reckoning`` (date arithmetic that fails loudly),
``english`` (English made Dutch), ``days``, ``named``, ``moments`` and ``workdays`` (the
readers), ``parse`` (parse_deadline), ``find`` (find_deadline, a deadline inside a longer
text) and ``absolute`` (a deadline as a phrase with its year, as the register keeps it).
"""
