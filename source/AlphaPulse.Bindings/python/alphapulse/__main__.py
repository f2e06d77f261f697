"""``python3 -m alphapulse``: see ``cli``."""

import sys

from .cli import main

sys.exit(main())
