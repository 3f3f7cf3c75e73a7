"""The voortgangsbrief's pages: the draft as a page with its forms, publishing, downloads."""
