#!/usr/bin/env python3
"""Escapes non-ASCII characters in .properties files as \\uXXXX.

Eclipse NLS and OSGi bundle localization read .properties as ISO-8859-1: an accented
UTF-8 file shows "Ã©" for "é". Run after editing any message file:
    python3 releng/scripts/escape-properties.py            (fixes files in place)
    python3 releng/scripts/escape-properties.py --check    (exit 1 if a file needs fixing)
"""
import pathlib, sys

check = "--check" in sys.argv
root = pathlib.Path(__file__).resolve().parents[2]
bad = []
for p in sorted(root.glob("bundles/*/**/*.properties")):
    if "/target/" in str(p) or "/bin/" in str(p):
        continue
    text = p.read_text(encoding="utf-8")
    # UTF-16 code units, as Java's \u escapes expect (emoji become surrogate pairs).
    units = text.encode("utf-16-be")
    escaped = "".join(chr(u) if u < 128 else "\\u%04x" % u
                      for u in (int.from_bytes(units[i:i + 2], "big") for i in range(0, len(units), 2)))
    if escaped != text:
        bad.append(str(p.relative_to(root)))
        if not check:
            p.write_text(escaped, encoding="ascii")
if check and bad:
    print("non-ASCII .properties (run releng/scripts/escape-properties.py):\n  " + "\n  ".join(bad))
    sys.exit(1)
print(("fixed: " if bad else "all .properties are ASCII") + ", ".join(bad))
