"""The web app's overview of a programme, read only: the dashboard, the register of actions
(filtered, sorted, paged) and one action's whole history.

Each read model is a function over a Session that returns frozen values with the words
already chosen for the reader, so the pages never hold an ORM object or decide a rule.
"""
