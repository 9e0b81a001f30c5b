"""The web chat page: a small widget of our own that talks to Rasa's REST channel from the browser."""
