"""Where a message is understood: custom Rasa NLU components for Chinese, English and a mix."""
