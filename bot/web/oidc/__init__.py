"""Sign-in by OpenID Connect for organisations that have a provider of their own (Entra ID,
Keycloak and others): the flow (``oidc_flow``), the provider's documents, keys and token checks
(``oidc_provider``), the signed cookie between the two legs (``oidc_cookie``) and the pages
(``oidc_pages``)."""
