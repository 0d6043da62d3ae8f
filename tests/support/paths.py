"""Where the test data lives, so a test module can move without counting parent folders."""

from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
CASES = TESTS / "data"
REPO = TESTS.parent
# The shared data folder lies beside the repository (../shared), as on the build machine.
SHARED_DATA = REPO.parent / "shared" / "data"
