"""The public side of the web app: the councils' page of a programme with its downloads and
feeds, and each person's own calendar feed with the page that hands out its address."""
