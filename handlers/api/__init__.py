"""The read-only API's view of a programme: what an integration with the programme's token
may read, as plain values, named as the programme's letter names people (issue 18)."""
