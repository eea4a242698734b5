"""The README's example outputs, made by running its commands on the seed articles.

Each example in README.md is a command in a comment, then its output in a text block:

    <!-- example: claimtrack diff -->
    ```text
    ...
    ```

This script extracts `seeds/` into a fresh store (the first example is that
extraction), runs each command there as a person at an 80-column terminal would see
it piped (COLUMNS=80, no colours), and writes the outputs into README.md. With
--check it changes nothing and exits 1 when an output differs; tests/test_docs.py
runs that check, so the README cannot drift from what claimtrack prints.

    python scripts/readme_examples.py          # rewrite the outputs
    python scripts/readme_examples.py --check  # exit 1 if any is stale
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
# An example: the command in a comment, then a text block whose body is its output.
EXAMPLE = re.compile(r"<!-- example: (?P<command>claimtrack [^>]*?) -->\n```text\n(?P<output>.*?)```", re.DOTALL)
WIDTH = "80"


def commands(readme: str) -> list[str]:
    return [match["command"] for match in EXAMPLE.finditer(readme)]


def updated(readme: str, run: Callable[[str], str]) -> str:
    """``readme`` with each example's output replaced by what ``run`` gives for its command."""
    return EXAMPLE.sub(lambda match: f"<!-- example: {match['command']} -->\n```text\n{run(match['command'])}```",
                       readme)


def runner(folder: Path) -> Callable[[str], str]:
    """Run a README command with the store in ``folder``, from the repository's root."""
    config = folder / "claimtrack.toml"
    config.write_text("", encoding="utf-8")  # no user configuration
    env = {**os.environ, "CLAIMTRACK_DB": str(folder / "claimtrack.db"), "CLAIMTRACK_CONFIG": str(config),
           "COLUMNS": WIDTH, "NO_COLOR": "1"}
    for name in ("TTY_COMPATIBLE", "FORCE_COLOR", "CLAIMTRACK_MODEL", "CLAIMTRACK_JOBS", "CLAIMTRACK_CLUSTER"):
        env.pop(name, None)

    def run(command: str) -> str:
        args = shlex.split(command)[1:]
        done = subprocess.run([sys.executable, "-m", "claimtrack", *args], cwd=ROOT, env=env, capture_output=True,
                              text=True, timeout=600)
        if done.returncode != 0:
            raise RuntimeError(f"{command} exited with {done.returncode}: {done.stderr}")
        # Trailing spaces (a table's padding) are not part of what anyone reads.
        return "".join(line.rstrip() + "\n" for line in done.stdout.splitlines())

    return run


def main(argv: list[str]) -> int:
    readme = README.read_text(encoding="utf-8")
    listed = commands(readme)
    if not listed or not listed[0].startswith("claimtrack extract seeds/"):
        print("README.md: the first example must be `claimtrack extract seeds/`, which makes the store", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as folder:
        fresh = updated(readme, runner(Path(folder)))
    if "--check" in argv:
        stale = [command for command, old, new in zip(listed, EXAMPLE.finditer(readme), EXAMPLE.finditer(fresh))
                 if old["output"] != new["output"]]
        for command in stale:
            print(f"README.md: the output of `{command}` is stale; run python scripts/readme_examples.py",
                  file=sys.stderr)
        return 1 if stale else 0
    README.write_text(fresh, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
