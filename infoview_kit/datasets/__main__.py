"""``python -m infoview_kit.datasets FOLDER``: write the sample files (as ``make sample``)."""

from infoview_kit.datasets.simulate import main

raise SystemExit(main())
