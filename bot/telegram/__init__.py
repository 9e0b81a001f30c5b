"""The Telegram bridge: Telegram updates in, the assistant's replies (over Rasa's REST channel) out."""
