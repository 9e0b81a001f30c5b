"""Rasa's entity extractor for the report: the entities nlu/names.py finds (store names and patterns),
added to each message."""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from nlu.names import NameMatcher, extract, store_names


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False)
class ReportEntityExtractor(GraphComponent, EntityExtractorMixin):
    """Adds mission, priority, document, year, paragraph, figure and language entities."""

    def __init__(self, config: dict[str, Any]) -> None:
        self._config = config
        self._matcher: NameMatcher | None = None

    @classmethod
    def create(
        cls, config: dict[str, Any], model_storage: ModelStorage, resource: Resource, execution_context: ExecutionContext
    ) -> ReportEntityExtractor:
        return cls(config)

    @property
    def matcher(self) -> NameMatcher:
        if self._matcher is None:
            self._matcher = NameMatcher(store_names())
        return self._matcher

    def train(self, training_data: TrainingData) -> Resource:  # pragma: no cover - not trainable
        raise NotImplementedError

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            found = extract(message.get(TEXT) or "", self.matcher)
            entities = self.add_extractor_name(
                [{"start": s, "end": e, "value": v, "entity": ent, "confidence": 1.0} for s, e, ent, v in found]
            )
            message.set(ENTITIES, message.get(ENTITIES, []) + entities, add_to_output=True)
        return messages
