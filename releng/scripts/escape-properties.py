#!/usr/bin/env python3
"""Escapes non-ASCII characters in .properties files as \\uXXXX.

Eclipse NLS and OSGi bundle localization read .properties as ISO-8859-1: an accented
UTF-8 file shows "Ã©" for "é". Run after editing any message file:
    python3 releng/scripts/escape-properties.py            (fixes files in place)
    python3 releng/scripts/escape-properties.py --check    (exit 1 if a file needs fixing)

It also checks apostrophes: a doubled one ('') is right only in a message that goes through
MessageFormat or NLS.bind (which turn it into one); a message shown as it is shows both. An entry
with '' is accepted when it has a {0}-style argument or when its key is passed to bind/format in
its bundle's Java sources; the others are reported (and make --check fail).
"""
import pathlib, re, sys

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
# Doubled apostrophes in messages that are not formatted.
sources = {}
for j in root.glob("bundles/*/src/**/*.java"):
    sources.setdefault(j.relative_to(root).parts[1], []).append(j.read_text(encoding="utf-8"))
doubled = []
for p in sorted(root.glob("bundles/*/**/messages*.properties")):
    if "/target/" in str(p) or "/bin/" in str(p):
        continue
    src = "\n".join(sources.get(p.relative_to(root).parts[1], []))
    for line in p.read_text(encoding="utf-8").splitlines():
        if not line or line.lstrip().startswith(("#", "!")) or "=" not in line:
            continue
        key, value = (x.strip() for x in line.split("=", 1))
        if "''" in value and not re.search(r"\{\d", value) \
                and not re.search(r"(bind|format)\(\s*(\w+\.)*Messages\.%s\b" % re.escape(key), src):
            doubled.append("%s: %s" % (p.relative_to(root), key))
if doubled:
    print("doubled apostrophes in messages shown without MessageFormat (write a single '):\n  "
          + "\n  ".join(doubled))
    if check:
        sys.exit(1)
if check and bad:
    print("non-ASCII .properties (run releng/scripts/escape-properties.py):\n  " + "\n  ".join(bad))
    sys.exit(1)
print(("fixed: " if bad else "all .properties are ASCII") + ", ".join(bad))
