"""`python -m server ARGS` is `rasa ARGS` with the speed-ups of server/__init__.py; `run` without TensorFlow."""

import sys

import server
from server import no_tensorflow

if __name__ == "__main__":
    sys.argv[0] = "rasa"
    if sys.argv[1:2] == ["run"]:
        no_tensorflow.install()  # before anything imports Rasa
    server.install()
    from rasa.__main__ import main

    main()
