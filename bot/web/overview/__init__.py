"""The overview pages of a programme (read only): the dashboard, the register of actions and
an action's page with its whole history."""
