"""Email: pings, digests and letters sent over SMTP; replies read from an IMAP mailbox."""
