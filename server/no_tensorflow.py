"""Rasa's core imported without TensorFlow, for serving a model none of whose components uses it.

Rasa 3.6 imports TensorFlow (and, through it, Keras and JAX) on its way to the message processor: the policies'
featurizers import the entity extractors, which import `rasa.utils.train_utils`, which subclasses Keras callbacks;
the registry of default components imports DIET and TED. This assistant's pipeline and policies (config.yml) use
none of it, yet the imports held about 360 MB of the Rasa server's 740 MB and several seconds of its start.

`install()` answers every import of TensorFlow, Keras and TensorFlow's add-on packages with a module of
placeholders: any name in it is a class, so Rasa's modules can still subclass `tf.keras.Model`, annotate with
`tf.Tensor` and name `tf.function`; calling one (which building or running a TensorFlow model does) raises
`TensorFlowAbsent`, so a model that needs TensorFlow fails at load rather than answering wrongly. Serving this
model calls none: its answers are those of Rasa with TensorFlow (tests/test_server.py). `python -m server run`
installs it; training (`rasa train`) and every other command keep TensorFlow.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import sys
import types
from typing import Any, NoReturn

ABSENT = ("tensorflow", "keras", "tensorflow_addons", "tensorflow_hub", "tensorflow_text")


class TensorFlowAbsent(RuntimeError):
    pass


class Placeholder(type):
    """A TensorFlow name: subclassing it and reading its attributes work, calling it does not."""

    def __getattr__(cls, name: str) -> type:
        if name.startswith("__"):  # Python's own protocols (`__wrapped__`, `__mro_entries__`...) find nothing
            raise AttributeError(name)
        return placeholder(f"{cls.__qualname__}.{name}")

    def __call__(cls, *args: Any, **kwargs: Any) -> NoReturn:
        raise TensorFlowAbsent(
            f"{cls.__qualname__}() needs TensorFlow, which `python -m server run` does not load (server/no_tensorflow.py): "
            "serve a model with TensorFlow components with `rasa run`"
        )


def placeholder(name: str) -> type:
    return Placeholder(name, (), {"__qualname__": name})


class _Module(types.ModuleType):
    def __getattr__(self, name: str) -> type:
        if name.startswith("__"):
            raise AttributeError(name)
        return placeholder(f"{self.__name__}.{name}")


class _Finder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Finds every module under ABSENT: each a package of placeholders, so `from tensorflow.keras import x` works."""

    def find_spec(self, name: str, path: Any = None, target: Any = None) -> importlib.machinery.ModuleSpec | None:
        if name.partition(".")[0] in ABSENT:
            return importlib.machinery.ModuleSpec(name, self, is_package=True)
        return None

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> types.ModuleType:
        return _Module(spec.name)

    def exec_module(self, module: types.ModuleType) -> None:
        module.__path__ = []


def install() -> None:
    """Before Rasa is first imported; refused once TensorFlow has been."""
    loaded = [name for name in sys.modules if name.partition(".")[0] in ABSENT]
    if loaded:
        raise RuntimeError(f"TensorFlow is imported already ({loaded[0]}): install() must come before Rasa's imports")
    if not any(isinstance(finder, _Finder) for finder in sys.meta_path):
        sys.meta_path.insert(0, _Finder())
