"""`python -m server ARGS` is `rasa ARGS` with the speed-ups of server/__init__.py (imported first, as the package)."""

import sys

from rasa.__main__ import main

if __name__ == "__main__":
    sys.argv[0] = "rasa"
    main()
