"""Rasa's prediction graphs run in order, without dask: Rasa 3.6 hands each message's graphs (NLU, then policies:
three runs a turn) to dask's synchronous scheduler, whose task bookkeeping cost about 0.5 ms a turn, for graphs
that are chains of components (the NLU pipeline) and providers without side effects. Each node runs once, after
the nodes it needs, with the same inputs and the same result as under dask.
"""

from __future__ import annotations

from typing import Any

import rasa.core.processor
from rasa.engine.exceptions import GraphRunError
from rasa.engine.runner.dask import DaskGraphRunner


class InOrderGraphRunner(DaskGraphRunner):
    """DaskGraphRunner's nodes, run depth first from the targets."""

    def run(self, inputs: dict[str, Any] | None = None, targets: list[str] | None = None) -> dict[str, Any]:
        run_targets = targets if targets else self._graph_schema.target_names
        nodes = self._graph_schema.minimal_graph_schema(run_targets).nodes
        graph = {name: None for name in nodes}
        self._add_inputs_to_graph(inputs, graph)  # refuses an input named like a node, as Rasa does
        # As under dask, an input is the pair (name, value) and a node's result the pair its GraphNode returns.
        results: dict[str, Any] = {name: (name, value) for name, value in (inputs or {}).items()}

        def result(name: str) -> Any:
            if name not in results:
                needed = [result(need) for need in nodes[name].needs.values()]
                results[name] = self._instantiated_nodes[name](*needed)
            return results[name]

        try:
            return dict(result(target) for target in run_targets)
        except RuntimeError as e:
            raise GraphRunError("Error running runner.") from e


def install() -> None:
    rasa.core.processor.DaskGraphRunner = InOrderGraphRunner  # the runner MessageProcessor loads models with
