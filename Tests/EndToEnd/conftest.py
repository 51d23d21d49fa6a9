"""pytest set-up shared by the end-to-end suites: `import harness` works from every folder."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
