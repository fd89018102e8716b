"""Adds up the JUnit XML reports of a test run and prints 'total: N passed, N failed'."""

from __future__ import annotations

import argparse
import sys
import xml.etree.ElementTree as ET
from pathlib import Path


def count(path: Path) -> tuple[int, int, int]:
    """Passed, failed (failures + errors) and skipped test cases in one JUnit file."""
    passed = failed = skipped = 0
    for case in ET.parse(path).getroot().iter("testcase"):
        if case.find("failure") is not None or case.find("error") is not None:
            failed += 1
        elif case.find("skipped") is not None:
            skipped += 1
        else:
            passed += 1
    return passed, failed, skipped


def main() -> int:
    """Print the per-report counts and the total line."""
    parser = argparse.ArgumentParser()
    parser.add_argument("reports", type=Path)
    parser.add_argument("--failed-stage", default="")
    args = parser.parse_args()
    total = [0, 0, 0]
    for path in sorted(args.reports.glob("*.xml")):
        numbers = count(path)
        total = [a + b for a, b in zip(total, numbers)]
        print(f"{path.stem:9s} {numbers[0]} passed, {numbers[1]} failed, {numbers[2]} skipped")
    if args.failed_stage:
        total[1] += 1  # a stage that failed outside pytest counts as one failure
        print(f"stage '{args.failed_stage}' failed")
    line = f"total: {total[0]} passed, {total[1]} failed"
    print(line + (f", {total[2]} skipped" if total[2] else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
