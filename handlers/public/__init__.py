"""The public side: the councils' page of a programme (published letters, the overview of
actions), its Atom and iCal feeds, and each person's own calendar feed."""
