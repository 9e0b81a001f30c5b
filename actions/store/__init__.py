"""The fact store: one data-access layer for the action server and the bot tools."""
