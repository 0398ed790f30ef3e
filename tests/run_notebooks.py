"""Execute notebooks (outputs stay in memory; the committed files stay stripped).

    python tests/run_notebooks.py notebooks/*.ipynb

Each notebook runs with its own folder as the working directory against the installed
package; any cell error fails the run with the notebook and cell named.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError


def main(paths: list[str]) -> int:
    failed = 0
    for path in map(Path, paths):
        nb = nbformat.read(path, as_version=4)
        start = time.perf_counter()
        client = NotebookClient(nb, timeout=600, kernel_name="python3",
                                resources={"metadata": {"path": str(path.parent.resolve())}})
        try:
            client.execute()
        except CellExecutionError as e:
            failed += 1
            print(f"FAILED {path}: {e}", file=sys.stderr)
            continue
        print(f"ok {path} ({time.perf_counter() - start:.1f} s)")
    print(f"{len(paths) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
