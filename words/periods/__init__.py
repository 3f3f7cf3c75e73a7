"""Periods and days in words, for summaries ("samenvatting vorige maand") and absences.

Pure functions: no database, no clock; ``today`` is always a parameter.

A summary looks back, so a period without a year is the most recent one that has begun
("november" on 22 November 2026 is November 2026, "december" is December 2025). In a range
the end is read forward from the start: "1 december t/m 3 januari" ends the January after
that December. Absences look ahead instead (``parse_day(..., forward=True)``): "1 december"
is the next 1 December on or after today.

Accepted periods (Dutch and English):

- nothing: the last 7 days, today included;
- ``week``, ``maand``, ``kwartaal``, ``halfjaar``, ``jaar`` (also ``afgelopen maand``,
  ``past month``, ``afgelopen 30 dagen``, ``last 30 days``): that long back from today;
- ``deze week`` / ``this week``, ``vorige week`` / ``last week``, and the same for maand,
  kwartaal, halfjaar and jaar: calendar periods (ISO weeks start on Monday);
- ``2026-Q4``, ``Q4 2026``, ``Q4``; ``2026-H2``, ``H2 2026``; ``2026``; ``2026-11``,
  ``november 2026``, ``november``; ``week 47``, ``2026-W47``; one day (``1 november``);
- ``sinds 1 november`` / ``since 1 November``: from then up to today;
- ``1 november t/m 30 november``, ``september - november``, ``2026-01-01..2026-06-30``,
  ``from 1 November to 30 November``: from the start of the first to the end of the second.

Numbers are ASCII digits. Years lie between 1900 and 2200, as deadlines in words do: a year
outside them is refused with its own reason ("out_of_range"), before any date is made of it
(year 0 does not exist, and a day after 9999-12-31 cannot be counted to).

The modules: ``model`` (Period, how it is said), ``error`` (PeriodError, the years allowed),
``vocabulary`` (the words), ``days`` (parse_day), ``named`` (periods by name, number or
length) and ``parse`` (parse_period: one term, a range, or "sinds").
"""
