"""Channels, the web page and the operator command line of the assistant."""
