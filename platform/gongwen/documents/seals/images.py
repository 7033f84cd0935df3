"""Demo seal images: a red ring, a five-pointed star and the organ name along the top arc.

Real seals are scanned or issued by the public-security seal registry; these images only make
the demo and tests look right. The picture is the visible part of a seal; the signature is what
proves integrity (docs/documents/seals.md).
"""

from __future__ import annotations

import functools
import io
import logging
import math
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

logger = logging.getLogger(__name__)

SEAL_RED = (230, 0, 18, 255)
DEFAULT_SIZE = 600  # pixels; a 42 mm seal at about 360 dpi
# Bold CJK faces found on Debian (fonts-noto-cjk, fonts-wqy-zenhei, fonts-arphic-uming).
FONT_CANDIDATES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
)
_NOTO_SC_INDEX = 2  # in the Noto CJK collections: JP, KR, SC, TC, HK


def find_cjk_font() -> Path | None:
    """Return the first installed CJK font of :data:`FONT_CANDIDATES`, if any."""
    return next((Path(p) for p in FONT_CANDIDATES if Path(p).is_file()), None)


@functools.cache
def _warn_no_cjk_font() -> None:
    """Say once per process that seal images lack the organ's name, and how to fix it."""
    logger.warning(
        "No CJK font found: seal images are drawn without the organ's name "
        "(install the fonts with .ci/install-fonts, docs/documents/rendering.md)."
    )


def render_seal_png(
    organ_name: str, *, size: int = DEFAULT_SIZE, font: Path | None = None
) -> bytes:
    """Draw the seal of ``organ_name`` and return it as a PNG with a transparent background.

    Without a CJK font the name is left out (logged), the ring and star are still drawn.
    """
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    width = max(2, size // 28)
    draw.ellipse((width, width, size - width, size - width), outline=SEAL_RED, width=width)
    draw.polygon(_star_points(size / 2, size / 2, size * 0.17), fill=SEAL_RED)
    font = font or find_cjk_font()
    if font is None:
        _warn_no_cjk_font()
        logger.debug("No CJK font found: the seal image of %s has no name", organ_name)
    else:
        _draw_arc_text(image, organ_name, _load_font(font, size))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _star_points(cx: float, cy: float, radius: float) -> list[tuple[float, float]]:
    inner = radius * math.sin(math.radians(18)) / math.sin(math.radians(54))
    points = []
    for i in range(10):
        r = radius if i % 2 == 0 else inner
        angle = math.radians(-90 + i * 36)
        points.append((cx + r * math.cos(angle), cy + r * math.sin(angle)))
    return points


def _load_font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    index = _NOTO_SC_INDEX if path.suffix == ".ttc" and "Noto" in path.name else 0
    return ImageFont.truetype(str(path), size=int(size * 0.12), index=index)


def _draw_arc_text(image: Image.Image, text: str, font: ImageFont.FreeTypeFont) -> None:
    """Place each character upright along the top arc, centred on the vertical axis."""
    size = image.width
    radius = size * 0.36
    span = min(250.0, 24.0 * max(len(text) - 1, 1))
    step = span / max(len(text) - 1, 1)
    glyph_box = int(font.size * 1.4)
    for i, char in enumerate(text):
        theta = -span / 2 + i * step if len(text) > 1 else 0.0
        glyph = Image.new("RGBA", (glyph_box, glyph_box), (0, 0, 0, 0))
        ImageDraw.Draw(glyph).text(
            (glyph_box / 2, glyph_box / 2), char, font=font, fill=SEAL_RED, anchor="mm"
        )
        glyph = glyph.rotate(-theta, resample=Image.Resampling.BICUBIC)
        x = size / 2 + radius * math.sin(math.radians(theta)) - glyph_box / 2
        y = size / 2 - radius * math.cos(math.radians(theta)) - glyph_box / 2
        image.alpha_composite(glyph, (round(x), round(y)))
