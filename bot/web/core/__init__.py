"""The web app's core: who is signed in, the checks every request passes (session, CSRF,
permissions' refusals) and how pages are rendered, shared by every page group."""
