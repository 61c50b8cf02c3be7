"""Build the packs' bundled typeface from Liberation Sans 2 (SIL Open Font License 1.1).

Developers only; the output is committed in ``src/lineofsight/packs/fonts/``. Why bundle a font:
a pack must look the same, and be byte-identical, on every machine, and the font the system
happens to have (DejaVu on a bare Debian, Liberation once Chromium is installed) changed both the
page count and the time to render. Why derive rather than copy: cut to the scripts English
council text uses, and without the OpenType layout and hinting tables a pack does not need (no
ligatures in a sans for English, kerning kept in ``kern``, hinting unused in print), each face
is about 50 KB, small enough to embed whole in every PDF rather than subset it each time. The
OFL reserves the names "Liberation", "Arimo", "Tinos" and "Cousine" for unmodified fonts, so
the result is renamed "Line of Sight Sans".

Run: ``uv run python scripts/build_fonts.py DIR`` where DIR holds LiberationSans-Regular.ttf,
-Bold.ttf and -Italic.ttf from Liberation 2.1.5 (Debian's fonts-liberation2 package:
``apt-get download fonts-liberation2 && dpkg -x fonts-liberation2_*.deb x``, the files are in
``x/usr/share/fonts/truetype/liberation2``).
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

FAMILY = "Line of Sight Sans"
OUT = Path(__file__).resolve().parent.parent / "src" / "lineofsight" / "packs" / "fonts"
STYLES = ("Regular", "Bold", "Italic")
# Latin (Basic to Extended-B), spacing modifiers, general punctuation, currency, letterlike
# symbols, arrows, mathematical operators and geometric shapes: what English council text uses.
# Anything else falls back to the next font in the stylesheet's list, glyph by glyph.
UNICODES = [
    *range(0x0020, 0x0250),
    *range(0x02B0, 0x0300),
    *range(0x2000, 0x2070),
    *range(0x20A0, 0x20C0),
    *range(0x2100, 0x2150),
    *range(0x2190, 0x2200),
    *range(0x2200, 0x2300),
    *range(0x25A0, 0x2600),
    0xFFFD,
]


def build(source: Path, style: str) -> Path:
    font = TTFont(source / f"LiberationSans-{style}.ttf")
    options = subset.Options()
    options.layout_features = []
    options.hinting = False
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "FFTM", "DSIG"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.legacy_kern = True  # keep the 'kern' table: the only kerning left once GPOS goes
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=UNICODES)
    subsetter.subset(font)
    _rename(font, style)
    target = OUT / f"LineOfSightSans-{style}.ttf"
    font.save(target)
    return target


def _rename(font: TTFont, style: str) -> None:
    """Replace every Reserved Font Name, as the OFL requires of a modified version."""
    postscript = f"LineOfSightSans-{style}"
    names = {
        1: FAMILY,
        2: style,
        3: f"{postscript};Line of Sight",
        4: f"{FAMILY} {style}" if style != "Regular" else FAMILY,
        6: postscript,
        16: FAMILY,
        17: style,
    }
    table = font["name"]
    for record in list(table.names):
        if record.nameID in names:
            table.setName(
                names[record.nameID],
                record.nameID,
                record.platformID,
                record.platEncID,
                record.langID,
            )
        elif record.nameID in (18, 21, 22):
            table.removeNames(nameID=record.nameID)
    left = [r for r in table.names if "Liberation" in r.toUnicode() and r.nameID not in (0, 7, 13)]
    if left:
        raise SystemExit(f"a reserved name is left in name IDs {sorted({r.nameID for r in left})}")


def main() -> None:
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    source = Path(sys.argv[1])
    OUT.mkdir(parents=True, exist_ok=True)
    for style in STYLES:
        target = build(source, style)
        print(
            f"{target.relative_to(OUT.parent.parent.parent.parent)}: {target.stat().st_size:,} bytes"
        )


if __name__ == "__main__":
    main()
