"""The web pages of the web process: the personal update form."""
