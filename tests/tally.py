"""tally.py - the count of passed and failed checks every checker script
keeps, and the closing "N passed, N failed" line tests/run adds up."""
import sys

passed = failed = 0


def check(ok, what):
    """Counts one check; prints what failed."""
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print(f"FAIL: {what}")


def finish():
    """Prints the closing line and exits 1 when anything failed."""
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)
