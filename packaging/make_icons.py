"""Render the app icon set in resources/icons/ from its two SVG sources.

    python packaging/make_icons.py          # rewrite the PNG, ICO and ICNS files
    python packaging/make_icons.py --check  # exit 1 if a committed file is missing or has the wrong sizes

The rendered files are committed, so a build never needs these tools. Regenerate them only after
changing an SVG. Needs `rsvg-convert` (Debian: librsvg2-bin) and Pillow (a dependency of reportlab).

- facilitator.svg        the icon, drawn for 48 px and up
- facilitator-small.svg  the same idea simplified for 16-32 px (menus, title bars, file lists)
- facilitator-SIZE.png   16 ... 512 px, for the Linux hicolor theme and the window icon
- facilitator.ico        Windows: 16, 20, 24, 32, 40, 48, 64, 96, 128 and 256 px in one file
- facilitator.icns       macOS: 16 ... 1024 px incl. Retina entries (16 and 32 from the small drawing)
"""

from __future__ import annotations

import argparse
import io
import shutil
import struct
import subprocess
import sys
from pathlib import Path

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
LARGE_SVG = ICONS / "facilitator.svg"
SMALL_SVG = ICONS / "facilitator-small.svg"
SMALL_UP_TO = 32  # sizes up to this use the simplified drawing

PNG_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)  # hicolor theme sizes (22 is KDE's toolbar size)
ICO_SIZES = (16, 20, 24, 32, 40, 48, 64, 96, 128, 256)  # what Windows asks for at 100-250 % scaling
# ICNS element types holding PNG data, and the pixel size of each (the "@2x" ones are for Retina).
ICNS_TYPES = (
    (b"icp4", 16), (b"icp5", 32), (b"ic11", 32),   # 16, 32, 16@2x
    (b"icp6", 64), (b"ic12", 64),                  # 64, 32@2x
    (b"ic07", 128), (b"ic08", 256), (b"ic13", 256),  # 128, 256, 128@2x
    (b"ic09", 512), (b"ic14", 512), (b"ic10", 1024),  # 512, 256@2x, 512@2x
)


def png_path(size: int) -> Path:
    return ICONS / f"facilitator-{size}.png"


def render(size: int) -> bytes:
    """The icon at `size` px as PNG bytes, from the drawing meant for that size."""
    rsvg = shutil.which("rsvg-convert")
    if rsvg is None:
        sys.exit("make_icons: rsvg-convert not found (Debian: apt-get install librsvg2-bin)")
    svg = SMALL_SVG if size <= SMALL_UP_TO else LARGE_SVG
    return subprocess.run(
        [rsvg, "--width", str(size), "--height", str(size), "--keep-aspect-ratio", str(svg)],
        check=True, capture_output=True,
    ).stdout


def build() -> None:
    from PIL import Image

    rendered: dict[int, Image.Image] = {}

    def image(size: int) -> Image.Image:
        if size not in rendered:
            rendered[size] = Image.open(io.BytesIO(render(size))).convert("RGBA")
        return rendered[size]

    for size in PNG_SIZES:
        image(size).save(png_path(size), optimize=True)
    ico_images = [image(size) for size in ICO_SIZES]
    # Pillow writes one entry per size and takes each from append_images when its size matches,
    # so 16-32 px come from the small drawing rather than a downscaled large one.
    ico_images[-1].save(ICONS / "facilitator.ico", sizes=[(s, s) for s in ICO_SIZES], append_images=ico_images[:-1])
    (ICONS / "facilitator.icns").write_bytes(icns({size: png(image(size)) for _, size in ICNS_TYPES}))
    print(f"wrote {len(PNG_SIZES)} PNGs, facilitator.ico and facilitator.icns in {ICONS}")


def png(image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def icns(pngs: dict[int, bytes]) -> bytes:
    """An Apple icon family: 'icns', total length, then (type, length, PNG) per element, big-endian.

    Written by hand because Pillow's writer leaves out the 16 and 32 px entries (icp4, icp5), which
    are the ones that should show the small drawing."""
    elements = b"".join(kind + struct.pack(">I", 8 + len(pngs[size])) + pngs[size] for kind, size in ICNS_TYPES)
    return b"icns" + struct.pack(">I", 8 + len(elements)) + elements


def problems() -> list[str]:
    """What is wrong with the committed icon files (empty when they are complete)."""
    from PIL import Image

    found = []
    for size in PNG_SIZES:
        path = png_path(size)
        if not path.exists():
            found.append(f"{path.name} is missing")
            continue
        with Image.open(path) as im:
            if im.size != (size, size) or im.mode != "RGBA":
                found.append(f"{path.name} is {im.size} {im.mode}, expected ({size}, {size}) RGBA")
    ico = ICONS / "facilitator.ico"
    if not ico.exists():
        found.append("facilitator.ico is missing")
    else:
        with Image.open(ico) as im:
            sizes = {s[0] for s in im.info.get("sizes", set())}
        if sizes != set(ICO_SIZES):
            found.append(f"facilitator.ico holds {sorted(sizes)}, expected {list(ICO_SIZES)}")
    icns = ICONS / "facilitator.icns"
    if not icns.exists():
        found.append("facilitator.icns is missing")
    else:
        kinds = icns_types(icns.read_bytes())
        if kinds != [kind.decode() for kind, _ in ICNS_TYPES]:
            found.append(f"facilitator.icns holds {kinds}, expected {[k.decode() for k, _ in ICNS_TYPES]}")
    return found


def icns_types(data: bytes) -> list[str]:
    """The element types in an ICNS file, in order (raises ValueError when the structure is broken)."""
    if data[:4] != b"icns" or struct.unpack(">I", data[4:8])[0] != len(data):
        raise ValueError("not an icns file, or its length is wrong")
    kinds, offset = [], 8
    while offset < len(data):
        kind, length = data[offset:offset + 4], struct.unpack(">I", data[offset + 4:offset + 8])[0]
        if length < 8 or offset + length > len(data):
            raise ValueError(f"icns element {kind!r} has a bad length")
        kinds.append(kind.decode("ascii"))
        offset += length
    return kinds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="check the committed files instead of writing them")
    args = parser.parse_args(argv)
    if args.check:
        found = problems()
        for problem in found:
            print(f"make_icons: {problem}", file=sys.stderr)
        return 1 if found else 0
    build()
    return 0


if __name__ == "__main__":
    sys.exit(main())
