"""Write the rule reference, docs/rules/, from the rules' metadata (see cscomm/rule_docs.py).

    python scripts/gen_rule_docs.py            # rewrite docs/rules/
    python scripts/gen_rule_docs.py --check    # exit 1 if docs/rules/ is out of date

The measured precision comes from the README's table (benchmarks/rule_precision.py --markdown).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cscomm.registry import Registry
from cscomm.rule_docs import read_precision, reference, stale, write

ROOT = Path(__file__).resolve().parent.parent


def pages() -> dict[str, str]:
    """The reference for the built-in rules, with the README's precision figures."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return reference(Registry.build().rules, read_precision(readme))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only report pages that are out of date")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "rules", help="the reference's folder")
    args = parser.parse_args(argv)
    reference_pages = pages()
    if args.check:
        outdated = stale(args.out, reference_pages)
        for name in outdated:
            print(f"{args.out / name}: out of date; run python scripts/gen_rule_docs.py", file=sys.stderr)
        return 1 if outdated else 0
    write(args.out, reference_pages)
    return 0


if __name__ == "__main__":
    sys.exit(main())
