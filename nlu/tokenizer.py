"""Jieba tokens for Chinese, English or both in one message, read as simplified Chinese."""

from __future__ import annotations

from typing import Any

import jieba
from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.tokenizers.tokenizer import Token, Tokenizer
from rasa.shared.nlu.training_data.message import Message

from actions.store.text import aligned

BLANK = "__blank__"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=False)
class MixedTokenizer(Tokenizer):
    """Rasa's JiebaTokenizer keeps spaces and punctuation as tokens; this one drops them and
    lower-cases, after traditional-to-simplified conversion so both scripts share features."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {
            "intent_tokenization_flag": False,
            "intent_split_symbol": "_",
            "token_pattern": None,
            "prefix_separator_symbol": None,
        }

    @classmethod
    def create(
        cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource, execution_context: ExecutionContext
    ) -> MixedTokenizer:
        return cls(config)

    def tokenize(self, message: Message, attribute: str) -> list[Token]:
        source = aligned(message.get(attribute) or "")
        tokens = [
            Token(word, start) for word, start, _ in jieba.tokenize(source) if word.strip() and any(c.isalnum() for c in word)
        ]
        # Emoji, symbols or nothing at all: the classifiers still need a token to featurize.
        return self._apply_token_pattern(tokens) or [Token(BLANK, 0)]
