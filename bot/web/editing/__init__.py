"""The web app's editing pages: an action's update form, a member's own actions and history,
and correcting or withdrawing one's own update (the feature is ``handlers.editing``)."""
