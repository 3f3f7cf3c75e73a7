"""Signing in to the web app: by a one-time link (signin_pages), on the console's own
dashboard (local_sign_in), and through an organisation's OpenID Connect provider (bot.web.oidc)."""
