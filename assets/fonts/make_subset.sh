#!/usr/bin/env bash
# Rebuilds assets/fonts/NotoSansSC-GBK.otf (and LICENSE-OFL.txt) from scratch.
#
# Why this exists: egui's built-in fonts have no CJK glyphs, so the app embeds
# a Chinese font with include_bytes!. The full Noto Sans CJK SC face carries
# 15.5 MB of CFF outlines (65,535 glyphs shared by JP/KR/SC/TC/HK). Subsetting it to the
# characters a Chinese business ledger can plausibly need (everything in GBK,
# plus punctuation and full-width forms) brings the file down to about 5 MB.
#
# Source: Noto Sans CJK SC Regular, face "Noto Sans CJK SC" in the Debian
# package fonts-noto-cjk (SIL Open Font License 1.1).
#
# Usage:  bash assets/fonts/make_subset.sh   (from any directory)
# Needs:  Debian/Ubuntu with apt-get (installs what is missing; uses sudo if
#         not root). Takes about a minute (the subsetter is single-threaded).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
OUT="$HERE/NotoSansSC-GBK.otf"
LICENSE_OUT="$HERE/LICENSE-OFL.txt"

SRC=/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
COPYRIGHT_FILE=/usr/share/doc/fonts-noto-cjk/copyright
WANT_FAMILY="Noto Sans CJK SC"
WANT_STYLE="Regular"

# Characters that must survive the subset, or the build fails.
# Rare characters common in personal names (all are in GBK, but check anyway):
NAME_CHARS="喆堃犇昇玥珺燊鑫淼焱垚赟祎甯彧"
# Words used in the app's own UI:
APP_CHARS="招商台账签约开工投产亿元"
# GBK has 21,886 two-byte code points; anything much below this means the
# enumeration or the subsetting went wrong.
MIN_CODEPOINTS=21000

PYTHON="${PYTHON:-python3}"

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi

apt_updated=0
apt_install() {
    if [ "$apt_updated" -eq 0 ]; then
        $SUDO apt-get update
        apt_updated=1
    fi
    $SUDO apt-get install -y "$@"
}

# --- 1. Dependencies ---------------------------------------------------------

# The source font. Only the Regular .ttc is used (NotoSansCJK-Bold.ttc, if
# present, is ignored): one weight keeps the binary small.
if [ ! -f "$SRC" ]; then
    apt_install fonts-noto-cjk
fi

# fontTools provides the subsetter (pyftsubset) and is also used to verify the
# result. On Debian the packaged python3-fonttools is preferred over pip,
# because pip refuses to install into the system Python (PEP 668).
if ! command -v "$PYTHON" >/dev/null 2>&1; then
    apt_install python3
fi
if ! "$PYTHON" -c 'import fontTools.subset' >/dev/null 2>&1; then
    if command -v apt-get >/dev/null 2>&1; then
        apt_install python3-fonttools
    else
        "$PYTHON" -m pip install --user fonttools
    fi
fi

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

echo "fontTools $("$PYTHON" -c 'import fontTools; print(fontTools.version)')"
echo "fonts-noto-cjk $(dpkg-query -W -f='${Version}' fonts-noto-cjk 2>/dev/null || echo '(version unknown)')"

# --- 2. Find the SC face in the collection -------------------------------------

# The .ttc holds 10 faces (JP, KR, SC, TC, HK, and their Mono variants). Today
# SC is face 2, but look it up by name instead of trusting the index: each face
# has its own cmap, and the SC face maps shared code points (e.g. 门, 骨) to
# the mainland-China glyph forms.
FACE="$("$PYTHON" - "$SRC" "$WANT_FAMILY" "$WANT_STYLE" <<'EOF'
import sys
from fontTools.ttLib import TTCollection
src, family, style = sys.argv[1:4]
coll = TTCollection(src, lazy=True)
hits = [i for i, f in enumerate(coll.fonts)
        if f["name"].getDebugName(1) == family and f["name"].getDebugName(2) == style]
if len(hits) != 1:
    sys.exit(f"expected exactly one face named {family!r} {style!r} in {src}, found {hits}")
print(hits[0])
EOF
)"
echo "using face $FACE of $SRC ($WANT_FAMILY $WANT_STYLE)"

# --- 3. Code points to cover ----------------------------------------------------

# Every character encodable in GBK, found by decoding every 2-byte sequence
# with Python's 'gbk' codec (lead 0x81-0xFE, trail 0x40-0xFE except 0x7F),
# plus some ranges users type or paste even though egui's default fonts cover
# part of them (the CJK font should be self-sufficient as a fallback):
#   U+0020-007E ASCII, U+00A0-00FF Latin-1, U+2000-206F General Punctuation,
#   U+3000-303F CJK Symbols and Punctuation, U+FF00-FFEF full-width forms,
# plus the must-have characters above (already in GBK; listed for clarity).
CODEPOINTS="$WORK/codepoints.txt"
"$PYTHON" - "$CODEPOINTS" "$NAME_CHARS$APP_CHARS" <<'EOF'
import sys
out, must = sys.argv[1], sys.argv[2]
cps = set()
for lead in range(0x81, 0xFF):
    for trail in range(0x40, 0xFF):
        if trail == 0x7F:
            continue
        try:
            s = bytes([lead, trail]).decode("gbk")
        except UnicodeDecodeError:
            continue  # unassigned or user-defined area: no character
        cps.update(map(ord, s))
n_gbk = len(cps)
with open(out + ".gbk", "w") as f:  # kept apart for the report in step 5
    f.writelines(f"U+{cp:04X}\n" for cp in sorted(cps))
for lo, hi in [(0x0020, 0x007E), (0x00A0, 0x00FF), (0x2000, 0x206F),
               (0x3000, 0x303F), (0xFF00, 0xFFEF)]:
    cps.update(range(lo, hi + 1))
cps.update(map(ord, must))
with open(out, "w") as f:
    f.writelines(f"U+{cp:04X}\n" for cp in sorted(cps))
print(f"{n_gbk} GBK characters, {len(cps)} requested code points in total")
EOF

# --- 4. Subset -------------------------------------------------------------------

# "python3 -m fontTools.subset" is pyftsubset; calling it through $PYTHON
# guarantees the same fontTools as the verification step below.
#
# Options, and why:
#   --no-hinting           Drops CFF stem hints and blue zones: about 1 MB less.
#                          egui (skrifa) then renders these glyphs unhinted,
#                          which at UI sizes looks fine on CJK.
#   --layout-features=kern Keep only horizontal kerning. The default feature
#                          set (vert, locl, fwid, hwid, pwid, aalt, ...) pulls
#                          in thousands of alternate glyphs (about 9 MB total)
#                          that horizontal UI text never uses.
#   --drop-tables+=vhea,vmtx,VORG
#                          Vertical metrics: egui only lays out horizontally.
#   --no-glyph-names       Smaller 'post' table (CID-keyed CFF has none anyway).
#   --name-IDs='*'         Keep the whole English name table, including the
#                          copyright (0), trademark (7) and licence (13, 14)
#                          records, as OFL condition 2 asks.
#   Outlines stay CFF: a TrueType (glyf) conversion of the same subset is about
#   6.9 MB. --desubroutinize is not used: it makes this font larger (5.27 MB).
#   The timestamp is not recalculated, so reruns give byte-identical output
#   for the same fontTools and fonts-noto-cjk versions.
SUBSET="$WORK/subset.otf"
"$PYTHON" -m fontTools.subset "$SRC" \
    --font-number="$FACE" \
    --unicodes-file="$CODEPOINTS" \
    --output-file="$SUBSET" \
    --no-hinting \
    --layout-features=kern \
    --drop-tables+=vhea,vmtx,VORG \
    --no-glyph-names \
    --name-IDs='*'

# --- 5. Verify before replacing the committed file ------------------------------

"$PYTHON" - "$SUBSET" "$CODEPOINTS" "$NAME_CHARS" "$APP_CHARS" "$MIN_CODEPOINTS" <<'EOF'
import os, sys, unicodedata
from fontTools.ttLib import TTFont
path, cp_file, name_chars, app_chars, min_cps = sys.argv[1:6]
font = TTFont(path)
cmap = font.getBestCmap()
errors = []
for label, chars in (("name character", name_chars), ("app character", app_chars)):
    for ch in chars:
        if ord(ch) not in cmap:
            errors.append(f"missing {label} {ch} U+{ord(ch):04X}")
if len(cmap) < int(min_cps):
    errors.append(f"only {len(cmap)} code points in cmap, expected >= {min_cps}")
if "CFF " not in font:
    errors.append("expected CFF outlines")
if errors:
    sys.exit("subset verification failed:\n  " + "\n  ".join(errors))

# Requested characters the source font does not have (informational only).
# Known: U+2252 (GBK A8 8E) is not in Noto Sans CJK SC 2.004, and neither are
# about 50 rare General Punctuation code points (typographic spaces, U+203D
# etc.); egui's default fonts or a placeholder box cover those.
def read(p):
    return {int(l[2:], 16) for l in open(p)}
wanted, gbk = read(cp_file), read(cp_file + ".gbk")
absent = sorted(cp for cp in wanted - set(cmap)
                if unicodedata.category(chr(cp)) not in ("Cn", "Cc", "Cf", "Zl", "Zp", "Co"))
gbk_absent = [cp for cp in absent if cp in gbk]
print(f"note: {len(absent)} requested characters are not in the source font; "
      f"GBK ones: " + (" ".join(f"U+{cp:04X} {chr(cp)}" for cp in gbk_absent) or "none"))
print(f"GBK coverage: {len(gbk & set(cmap))} of {len(gbk)}")
print(f"ok: {len(cmap)} code points, {len(font.getGlyphOrder())} glyphs, "
      f"{os.path.getsize(path)} bytes, CFF outlines")
EOF

mv -f "$SUBSET" "$OUT"
chmod 0644 "$OUT"
echo "wrote $OUT ($(stat -c %s "$OUT") bytes)"

# --- 6. Licence --------------------------------------------------------------

# OFL condition 2: every copy must carry the copyright notice and the licence.
# The OFL text is taken verbatim from Debian's copyright file (where it is
# indented by one space, with "." for blank lines). Debian's file has no
# per-font copyright header, so the header is the upstream noto-cjk LICENSE
# line, which matches the font's own copyright record (name ID 0). Note the
# Reserved Font Name is "Source" (from Source Han Sans), not "Noto".
{
    echo "Copyright 2014-2021 Adobe (http://www.adobe.com/), with Reserved Font Name 'Source'."
    echo
    echo "This Font Software is licensed under the SIL Open Font License, Version 1.1."
    echo "This license is copied below, and is also available with a FAQ at:"
    echo "https://openfontlicense.org"
    echo
    echo
    # The first "License: SIL-1.1" line (in the "Files: *" stanza) has no
    # body; the stand-alone stanza with the indented text is the one wanted.
    awk '
        /^License: SIL-1.1$/ { inlic = 1; cur = ""; next }
        inlic && /^ / {
            line = substr($0, 2); if (line == ".") line = ""
            cur = cur line "\n"; next
        }
        inlic { inlic = 0; if (cur != "") text = cur }
        END { if (inlic && cur != "") text = cur; printf "%s", text }
    ' "$COPYRIGHT_FILE"
} > "$WORK/LICENSE-OFL.txt"
if ! grep -q "SIL OPEN FONT LICENSE Version 1.1" "$WORK/LICENSE-OFL.txt" ||
   ! grep -q "OTHER DEALINGS IN THE FONT SOFTWARE" "$WORK/LICENSE-OFL.txt"; then
    echo "could not extract the OFL text from $COPYRIGHT_FILE" >&2
    exit 1
fi
mv -f "$WORK/LICENSE-OFL.txt" "$LICENSE_OUT"
chmod 0644 "$LICENSE_OUT"
echo "wrote $LICENSE_OUT"
