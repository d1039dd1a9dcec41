"""Runs Rasa's prediction graph in a fixed order instead of handing it to dask on every message.

Rasa 3.6 builds a dask graph per message and lets `dask.get` work out the order of its
nodes each time; dask also walks every input (the tracker, the messages) looking for
task keys. Measured with py-spy under load: ~14% of a Rasa worker's CPU. The graph
never changes while the server runs, so we work out the order once per set of targets
and call the same GraphNode objects with the same arguments dask would give them.
"""

from __future__ import annotations

from graphlib import TopologicalSorter
from typing import Any

from rasa.engine.exceptions import GraphRunError
from rasa.engine.runner.dask import DaskGraphRunner

# (node name, names of the nodes or inputs it needs, in the order the node takes them)
Plan = list[tuple[str, tuple[str, ...]]]


def plan(runner: DaskGraphRunner, targets: tuple[str, ...]) -> Plan:
    schema = runner._graph_schema.minimal_graph_schema(list(targets))
    order = TopologicalSorter({name: set(node.needs.values()) for name, node in schema.nodes.items()})
    nodes = schema.nodes
    return [(name, tuple(nodes[name].needs.values())) for name in order.static_order() if name in nodes]


def run_in_order(
    self: DaskGraphRunner, inputs: dict[str, Any] | None = None, targets: list[str] | None = None
) -> dict[str, Any]:
    key = tuple(targets if targets else self._graph_schema.target_names)
    plans: dict[tuple[str, ...], Plan] = self.__dict__.setdefault("_uitstroom_plans", {})
    if key not in plans:
        plans[key] = plan(self, key)
    steps = plans[key]
    # Like dask: an input is the pair (name, value), every node returns (its name, its output).
    results: dict[str, Any] = {}
    for name, value in (inputs or {}).items():
        if isinstance(value, str) and value in self._graph_schema.nodes:
            raise GraphRunError(f"Input value '{value}' clashes with a node name.")
        results[name] = (name, value)
    try:
        for name, needs in steps:
            results[name] = self._instantiated_nodes[name](*(results[need] for need in needs))
    except RuntimeError as error:
        raise GraphRunError("Error running runner.") from error
    return dict(results[target] for target in key)


def install() -> None:
    DaskGraphRunner.run = run_in_order  # type: ignore[method-assign]
