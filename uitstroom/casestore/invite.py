"""`make invite CLIENT=C-1001`: prints a personal chat link that binds the chat to that client's case.

Also `python -m uitstroom.casestore.invite --begeleider B-01` for a begeleider's link.
"""

from __future__ import annotations

import argparse
import sys

from uitstroom.casestore.access import issue_token
from uitstroom.casestore.repository import CaseStore


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("client", nargs="?", help="cliëntnummer, bijvoorbeeld C-1001")
    parser.add_argument("--begeleider", help="begeleidercode, bijvoorbeeld B-01")
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--base-url", default="http://127.0.0.1:8080/")
    args = parser.parse_args(argv)
    store = CaseStore()
    if args.begeleider:
        if store.begeleider(args.begeleider) is None:
            print(f"Onbekende begeleider: {args.begeleider}", file=sys.stderr)
            return 1
        token = issue_token("begeleider", args.begeleider, args.days)
    elif args.client:
        if store.client(args.client) is None:
            print(f"Onbekend cliëntnummer: {args.client}", file=sys.stderr)
            return 1
        token = issue_token("client", args.client, args.days)
    else:
        parser.print_usage(sys.stderr)
        return 2
    print(f"{args.base_url}?token={token}")
    print(f"Geldig: {args.days} dagen. Deel deze link alleen met die ene persoon.", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
