"""Server-rendered SVG charts: pure functions that return safe markup, no JavaScript, no CSS.

Colours and sizes are SVG presentation attributes (fill, stroke, font-size), which the strict
Content-Security-Policy allows; a style attribute would not be. Every bar carries its number in
words beside it, so nothing depends on colour, and every chart is named by its <title> for a
screen reader (the page also shows the same figures as a table). The drawing is as wide as a
phone screen and scales with the page; in care mode the letters are larger.
"""
import unicodedata
from dataclasses import dataclass

from markupsafe import Markup, escape

PAD = 8
BAR = 18
INK = "#111111"
BAR_FILL = "#018942"     # brand green: 4.5:1 against the white background
FLAG_FILL = "#A51C1C"    # below target: 7:1 against white, and the note says so in words
FONT = "-apple-system, 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif"


@dataclass
class Bar:
    label: str
    fraction: float          # 0..1 of the longest possible bar
    text: str                # the number shown beside the bar
    note: str = ""           # a line under the bar: the target and whether it is met
    flagged: bool = False    # below its target
    marker: float | None = None  # 0..1: where this row's target lies


@dataclass(frozen=True)
class Size:
    width: int
    font: int

    @property
    def track(self) -> float:
        """Room for the longest bar, leaving space for a number such as 100.0% after it."""
        return self.width - 2 * PAD - self.font * 4.2

    @property
    def line(self) -> int:
        return self.font + 6


STANDARD, LARGE = Size(360, 14), Size(320, 19)


def _em(char: str) -> float:
    return 1.0 if unicodedata.east_asian_width(char) in ("W", "F") else 0.58


def fit(text: str, size: Size) -> str:
    """Cut a label to one line of the drawing (wide Chinese characters count double)."""
    text, room, used = str(text), (size.width - 2 * PAD) / size.font, 0.0
    for index, char in enumerate(text):
        used += _em(char)
        if used > room - 1:
            return text[:index] + "…"
    return text


def _clamp(value: float) -> float:
    return max(0.0, min(float(value), 1.0))


def _text(x: float, y: float, size: Size, words: str) -> str:
    return f'<text x="{round(x, 1)}" y="{y}" font-size="{size.font}" fill="{INK}">{escape(words)}</text>'


def hbar(chart_id: str, title: str, bars: list[Bar], empty_text: str = "", large: bool = False) -> Markup:
    """A horizontal bar chart: per row the label, the bar with its number, and an optional note."""
    size = LARGE if large else STANDARD
    row_height = [size.line + BAR + 10 + (size.line if bar.note else 0) for bar in bars]
    height = PAD * 2 + (sum(row_height) if bars else size.line * 2)
    chart_id = escape(chart_id)
    parts = [f'<svg class="chart" id="{chart_id}" role="img" aria-labelledby="{chart_id}-title" '
             f'viewBox="0 0 {size.width} {height}" width="100%" focusable="false" font-family="{FONT}">',
             f'<title id="{chart_id}-title">{escape(title)}</title>',
             f'<rect x="0" y="0" width="{size.width}" height="{height}" fill="#FFFFFF"/>']
    if not bars and empty_text:
        parts.append(_text(PAD, PAD + size.line, size, fit(empty_text, size)))
    top = PAD
    for bar, row in zip(bars, row_height):
        bar_y = top + size.line
        length = round(_clamp(bar.fraction) * size.track, 1)
        parts.append(_text(PAD, top + size.font, size, fit(bar.label, size)))
        # A zero still gets a thin dark tick, so the row does not look empty.
        parts.append(f'<rect x="{PAD}" y="{bar_y}" width="{length if length >= 2 else 2}" height="{BAR}" '
                     f'fill="{(FLAG_FILL if bar.flagged else BAR_FILL) if length >= 2 else INK}"/>')
        end = length
        if bar.marker is not None:
            mark = round(PAD + _clamp(bar.marker) * size.track, 1)
            parts.append(f'<line x1="{mark}" x2="{mark}" y1="{bar_y - 3}" y2="{bar_y + BAR + 3}" '
                         f'stroke="{INK}" stroke-width="3"/>')
            end = max(end, mark - PAD)
        parts.append(_text(PAD + max(end, 2) + 6, bar_y + BAR - 3, size, bar.text))
        if bar.note:
            parts.append(_text(PAD, bar_y + BAR + 4 + size.font, size, fit(bar.note, size)))
        top += row
    parts.append("</svg>")
    return Markup("".join(parts))


def counts_chart(chart_id: str, title: str, rows: list[tuple[str, int]], empty_text: str = "",
                 large: bool = False) -> Markup:
    """Bars for plain counts, scaled to the largest."""
    largest = max((count for _label, count in rows), default=0) or 1
    return hbar(chart_id, title, [Bar(label, count / largest, str(count)) for label, count in rows],
                empty_text, large)
