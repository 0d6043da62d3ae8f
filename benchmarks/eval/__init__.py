"""The assessment's evaluation set and the command that scores it."""
