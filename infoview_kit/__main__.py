"""``python -m infoview_kit ...``: the ``infoview`` command where its script is not on the PATH."""

import sys

from infoview_kit.cli import main

if __name__ == "__main__":
    sys.exit(main())
