"""Rasa's own command line with the assistant's speed-ups: `python -m server run ...` takes `rasa`'s arguments.

Each leaves what Rasa answers unchanged: action replies are checked by a validator built once (`replies.py`),
the prediction graphs run in order without dask (`graph.py`), action calls reuse their HTTP connections
(`sessions.py`), an unchanging check is worked out once (`domain.py`) and a text's parse is kept (`parses.py`).
`run` imports Rasa without TensorFlow, which the model never uses (`no_tensorflow.py`).
"""


def install() -> None:
    """Install the speed-ups; this imports Rasa's core."""
    from server import domain, graph, parses, replies, sessions

    for speed_up in (replies, graph, sessions, domain, parses):
        speed_up.install()
