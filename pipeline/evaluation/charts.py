"""The report's charts as inline SVG: F1 per label and language (grouped bars),
precision against recall per label (with curves of equal F1) and normalisation accuracy.

Each function returns one ``<svg>`` element; every text in it is escaped here. The page
(:mod:`pipeline.evaluation.html`) places them.
"""

from __future__ import annotations

import html
import json
from collections.abc import Sequence
from typing import Any

from pipeline.types import LABELS

# displaCy colours (PERSON, GPE, DATE, CARDINAL, ORG); the CSS template holds the same values.
LABEL_COLOURS: dict[str, str] = {
    "PERSON": "#aa9cfc",
    "PLACE": "#feca74",
    "DATE": "#bfe1d9",
    "COUNT": "#e4e7d2",
    "ORG": "#7aecec",
}
SERIES_COLOURS: tuple[str, ...] = ("#4c72b0", "#00a3c4", "#dd8452", "#55a868", "#c44e52", "#8172b2")


def esc(value: object) -> str:
    """HTML-escape any value (quotes included, so it is safe in attributes too)."""
    return html.escape(str(value), quote=True)


def data_value(value: Any) -> str:
    """A number as report.json writes it (``json.dumps``), for ``data-value`` attributes."""
    return json.dumps(value)


def _fmt(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".") if x != int(x) else str(int(x))


def svg_grouped_bars(
    groups: Sequence[str],
    series: Sequence[tuple[str, str, Sequence[float | None]]],
    *,
    width: int = 1100,
    height: int = 300,
    chart_id: str = "chart-f1",
    metric: str = "F1",
) -> str:
    """Vertical grouped bars on a 0–1 scale; ``series`` is ``(name, colour, value per group)``."""
    left, right, top, bottom = 46, 16, 36, 30
    pw, ph = width - left - right, height - top - bottom
    out = [
        f'<svg id="{esc(chart_id)}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'role="img" aria-label="{esc(metric)} per group and series">'
    ]
    for k in range(6):
        v = k / 5
        y = top + ph - v * ph
        out.append(
            f'<line class="grid" x1="{left}" y1="{_fmt(y)}" x2="{left + pw}" y2="{_fmt(y)}"/>'
        )
        out.append(
            f'<text class="tick" x="{left - 6}" y="{_fmt(y + 4)}" text-anchor="end">{v:.1f}</text>'
        )
    gw = pw / max(1, len(groups))
    usable = gw * 0.8
    bw = usable / max(1, len(series))
    for gi, group in enumerate(groups):
        gx = left + gi * gw
        out.append(
            f'<text class="tick" x="{_fmt(gx + gw / 2)}" y="{height - 10}" '
            f'text-anchor="middle" font-weight="600">{esc(group)}</text>'
        )
        for si, (name, colour, values) in enumerate(series):
            v = values[gi] if gi < len(values) else None
            x = gx + (gw - usable) / 2 + si * bw
            if v is None:
                out.append(
                    f'<text class="val" x="{_fmt(x + bw / 2)}" y="{_fmt(top + ph - 4)}" '
                    f'text-anchor="middle">n/a</text>'
                )
                continue
            bh = max(0.0, min(1.0, v)) * ph
            y = top + ph - bh
            out.append(
                f'<rect class="bar" x="{_fmt(x + 1)}" y="{_fmt(y)}" width="{_fmt(bw - 2)}" '
                f'height="{_fmt(bh)}" fill="{esc(colour)}" data-series="{esc(name)}" '
                f'data-group="{esc(group)}" data-value="{esc(data_value(v))}">'
                f"<title>{esc(group)} · {esc(name)}: {esc(metric)} {v:.3f}</title></rect>"
            )
            out.append(
                f'<text class="val" x="{_fmt(x + bw / 2)}" y="{_fmt(y - 3)}" '
                f'text-anchor="middle">{v:.2f}</text>'
            )
    out.append(f'<line class="axis" x1="{left}" y1="{top + ph}" x2="{left + pw}" y2="{top + ph}"/>')
    lx = left + pw
    for name, colour, _ in reversed(series):
        tw = 14 + 8 * len(name)
        lx -= tw + 14
        out.append(
            f'<rect x="{_fmt(lx)}" y="10" width="12" height="12" rx="2" fill="{esc(colour)}"/>'
        )
        out.append(f'<text class="tick" x="{_fmt(lx + 17)}" y="20">{esc(name)}</text>')
    out.append("</svg>")
    return "".join(out)


def _marker(
    shape: str,
    x: float,
    y: float,
    size: float,
    fill: str,
    stroke: str,
    attrs: str = "",
    tip: str = "",
) -> str:
    """One scatter marker (circle, square, triangle or diamond) with an optional tooltip."""
    paint = f'fill="{esc(fill)}" stroke="{esc(stroke)}" stroke-width="1.5"{attrs}'
    if shape == "square":
        tag = "rect"
        geom = f'x="{_fmt(x - size)}" y="{_fmt(y - size)}" width="{_fmt(2 * size)}" height="{_fmt(2 * size)}"'
    elif shape in ("triangle", "diamond"):
        tag = "polygon"
        if shape == "triangle":
            pts = [
                (x, y - size * 1.2),
                (x - size * 1.1, y + size * 0.8),
                (x + size * 1.1, y + size * 0.8),
            ]
        else:
            d = size * 1.3
            pts = [(x, y - d), (x + d, y), (x, y + d), (x - d, y)]
        geom = 'points="' + " ".join(f"{_fmt(a)},{_fmt(b)}" for a, b in pts) + '"'
    else:
        tag = "circle"
        geom = f'cx="{_fmt(x)}" cy="{_fmt(y)}" r="{_fmt(size)}"'
    inner = f"<title>{esc(tip)}</title>" if tip else ""
    return f"<{tag} {geom} {paint}>{inner}</{tag}>"


_LABEL_SPOTS = (
    (10, -7, "start"),
    (10, 15, "start"),
    (-10, -7, "end"),
    (-10, 15, "end"),
    (0, -13, "middle"),
    (0, 23, "middle"),
    (16, -19, "start"),
    (-16, -19, "end"),
    (16, 27, "start"),
    (-16, 27, "end"),
    (0, -27, "middle"),
    (0, 37, "middle"),
)


def _place_label(
    x: float,
    y: float,
    text: str,
    obstacles: Sequence[tuple[float, float, float, float]],
    bounds: tuple[float, float, float, float],
) -> tuple[float, float, str, tuple[float, float, float, float]]:
    """A spot for a point's label that overlaps no marker or earlier label, if one exists."""
    w, h = 6.6 * len(text), 11.0

    def box(dx: float, dy: float, anchor: str) -> tuple[float, float, float, float]:
        x0 = {"start": x + dx, "end": x + dx - w, "middle": x + dx - w / 2}[anchor]
        return (x0, y + dy - h + 2, x0 + w, y + dy + 2)

    def cost(b: tuple[float, float, float, float]) -> float:
        area = 0.0
        for o in obstacles:
            ox = min(b[2], o[2]) - max(b[0], o[0])
            oy = min(b[3], o[3]) - max(b[1], o[1])
            if ox > 0 and oy > 0:
                area += ox * oy
        outside = max(0.0, bounds[0] - b[0]) + max(0.0, b[2] - bounds[2])
        outside += max(0.0, bounds[1] - b[1]) + max(0.0, b[3] - bounds[3])
        return area + 50 * outside

    best = None
    for rank, (dx, dy, anchor) in enumerate(_LABEL_SPOTS):
        b = box(dx, dy, anchor)
        c = cost(b)
        if c == 0:
            return x + dx, y + dy, anchor, b
        if best is None or (c, rank) < best[0]:
            best = ((c, rank), (x + dx, y + dy, anchor, b))
    assert best is not None
    return best[1]


def svg_precision_recall(result: dict[str, Any], *, width: int = 540, height: int = 400) -> str:
    """Scatter of precision (y) against recall (x) per label, overall and per language."""
    left, top, side = 52, 16, height - 16 - 44
    out = [
        f'<svg id="chart-pr" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        'role="img" aria-label="precision against recall per label">'
    ]

    def px(r: float) -> float:
        return left + r * side

    def py(p: float) -> float:
        return top + side - p * side

    for k in range(6):
        v = k / 5
        out.append(
            f'<line class="grid" x1="{_fmt(px(v))}" y1="{top}" x2="{_fmt(px(v))}" y2="{top + side}"/>'
        )
        out.append(
            f'<line class="grid" x1="{left}" y1="{_fmt(py(v))}" x2="{left + side}" y2="{_fmt(py(v))}"/>'
        )
        out.append(
            f'<text class="tick" x="{_fmt(px(v))}" y="{top + side + 16}" text-anchor="middle">{v:.1f}</text>'
        )
        out.append(
            f'<text class="tick" x="{left - 6}" y="{_fmt(py(v) + 4)}" text-anchor="end">{v:.1f}</text>'
        )
    for f in (0.2, 0.4, 0.6, 0.8):
        pts = []
        lo = f / (2 - f)
        for i in range(41):
            p = lo + (1 - lo) * i / 40
            r = f * p / (2 * p - f)
            pts.append(f"{_fmt(px(r))},{_fmt(py(p))}")
        out.append(f'<polyline class="iso" points="{" ".join(pts)}"/>')
        out.append(
            f'<text class="tick" x="{_fmt(px(lo) + 3)}" y="{_fmt(py(1) + 11)}" font-size="9">F1={f}</text>'
        )
    out.append(
        f'<line class="axis" x1="{left}" y1="{top + side}" x2="{left + side}" y2="{top + side}"/>'
    )
    out.append(f'<line class="axis" x1="{left}" y1="{top}" x2="{left}" y2="{top + side}"/>')
    out.append(
        f'<text class="tick" x="{_fmt(left + side / 2)}" y="{height - 6}" text-anchor="middle" '
        'font-weight="600">recall</text>'
    )
    out.append(
        f'<text class="tick" x="14" y="{_fmt(top + side / 2)}" text-anchor="middle" font-weight="600" '
        f'transform="rotate(-90 14 {_fmt(top + side / 2)})">precision</text>'
    )
    langs = list(result.get("per_language", {}))
    shapes = {lang: ("square", "triangle", "circle")[i % 3] for i, lang in enumerate(langs)}
    for lang in langs:
        for lab in LABELS:
            r = result["per_language"][lang].get("per_label", {}).get(lab)
            if not r or not r.get("support"):
                continue
            x, y = px(r["recall"]), py(r["precision"])
            colour = LABEL_COLOURS.get(lab, "#ccc")
            tip = f"{lab} · {lang}: P {r['precision']:.3f}, R {r['recall']:.3f}, F1 {r['f1']:.3f}"
            attrs = f' class="pt" data-label="{esc(lab)}" data-lang="{esc(lang)}"'
            out.append(_marker(shapes[lang], x, y, 4.5, colour, "#57606a", attrs, tip))
    clusters: list[tuple[float, float, list[str]]] = []
    for lab in LABELS:
        r = result["per_label"].get(lab)
        if not r or not r.get("support"):
            continue
        x, y = px(r["recall"]), py(r["precision"])
        tip = f"{lab}: P {r['precision']:.3f}, R {r['recall']:.3f}, F1 {r['f1']:.3f}, support {r['support']}"
        attrs = f' class="pt" data-label="{esc(lab)}" data-lang="all"'
        out.append(
            _marker("circle", x, y, 7, LABEL_COLOURS.get(lab, "#ccc"), "#24292f", attrs, tip)
        )
        for c in clusters:
            if abs(c[0] - x) < 16 and abs(c[1] - y) < 12:
                c[2].append(lab)
                break
        else:
            clusters.append((x, y, [lab]))
    h = result["headline"]
    hx, hy = px(h["recall"]), py(h["precision"])
    tip = f"headline micro: P {h['precision']:.3f}, R {h['recall']:.3f}, F1 {h['f1']:.3f}"
    attrs = ' class="pt" data-label="headline" data-lang="all"'
    out.append(_marker("diamond", hx, hy, 6, "#24292f", "#ffffff", attrs, tip))
    clusters.append((hx, hy, ["micro"]))
    obstacles = [(x - 8, y - 8, x + 8, y + 8) for x, y, _ in clusters]
    bounds = (left + 2, top - 4, left + side + 6, top + side - 2)
    for x, y, names in sorted(clusters, key=lambda c: (c[1], c[0])):
        text = ", ".join(names)
        tx, ty, anchor, box = _place_label(x, y, text, obstacles, bounds)
        obstacles.append(box)
        out.append(
            f'<text class="tick" x="{_fmt(tx)}" y="{_fmt(ty)}" text-anchor="{anchor}">{esc(text)}</text>'
        )
    lx, ly = left + side + 18, top + 8
    legend = [
        ("circle", "all languages", 6, "#ffffff", "#24292f"),
        ("diamond", "headline micro", 5, "#24292f", "#ffffff"),
    ]
    legend += [(shapes[lang], lang, 4.5, "#ffffff", "#57606a") for lang in langs]
    for i, (shape, name, size, fill, stroke) in enumerate(legend):
        y = ly + i * 20
        out.append(_marker(shape, lx + 6, y, size, fill, stroke))
        out.append(f'<text class="tick" x="{lx + 18}" y="{y + 4}">{esc(name)}</text>')
    for i, lab in enumerate(LABELS):
        y = ly + (len(legend) + 1) * 20 + i * 20
        out.append(
            f'<rect x="{lx}" y="{y - 6}" width="12" height="12" rx="2" fill="{LABEL_COLOURS[lab]}" stroke="#57606a"/>'
        )
        out.append(f'<text class="tick" x="{lx + 18}" y="{y + 4}">{esc(lab)}</text>')
    out.append("</svg>")
    return "".join(out)


def svg_normalisation(result: dict[str, Any], *, width: int = 540, height: int = 400) -> str:
    """Horizontal bars of normalisation accuracy per label (``n/a`` when nothing matched)."""
    rows = list(result.get("normalisation", {}).items())
    left, right, top = 80, 110, 20
    pw = width - left - right
    rh = min(56.0, (height - top - 40) / max(1, len(rows)))
    out = [
        f'<svg id="chart-norm" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        'role="img" aria-label="normalisation accuracy per label">'
    ]
    base = top + rh * len(rows)
    for k in range(6):
        v = k / 5
        x = left + v * pw
        out.append(
            f'<line class="grid" x1="{_fmt(x)}" y1="{top}" x2="{_fmt(x)}" y2="{_fmt(base)}"/>'
        )
        out.append(
            f'<text class="tick" x="{_fmt(x)}" y="{_fmt(base + 16)}" text-anchor="middle">{v:.1f}</text>'
        )
    out.append(
        f'<text class="tick" x="{_fmt(left + pw / 2)}" y="{_fmt(base + 34)}" text-anchor="middle" '
        'font-weight="600">accuracy (correct / matched spans)</text>'
    )
    for i, (lab, r) in enumerate(rows):
        y = top + i * rh
        cy = y + rh / 2
        out.append(
            f'<text class="tick" x="{left - 8}" y="{_fmt(cy + 4)}" text-anchor="end" font-weight="600">{esc(lab)}</text>'
        )
        acc = r.get("accuracy")
        if acc is None:
            out.append(
                f'<rect x="{left}" y="{_fmt(y + rh * 0.2)}" width="{pw}" height="{_fmt(rh * 0.6)}" fill="none" stroke="#d0d7de" stroke-dasharray="4 3"/>'
            )
            out.append(
                f'<text class="val" x="{_fmt(left + 8)}" y="{_fmt(cy + 4)}">n/a — no matched span with a gold norm</text>'
            )
            continue
        bw = max(0.0, min(1.0, acc)) * pw
        tip = f"{lab}: {r['correct']}/{r['matched']} = {acc:.3f}"
        out.append(
            f'<rect class="bar" x="{left}" y="{_fmt(y + rh * 0.2)}" width="{_fmt(bw)}" height="{_fmt(rh * 0.6)}" '
            f'rx="3" fill="{LABEL_COLOURS.get(lab, "#ccc")}" stroke="#57606a" data-label="{esc(lab)}" '
            f'data-value="{esc(data_value(acc))}"><title>{esc(tip)}</title></rect>'
        )
        out.append(
            f'<text class="val" x="{_fmt(left + pw + 8)}" y="{_fmt(cy + 4)}" font-size="12">'
            f"{acc:.3f} ({r['correct']}/{r['matched']})</text>"
        )
    out.append(f'<line class="axis" x1="{left}" y1="{top}" x2="{left}" y2="{_fmt(base)}"/>')
    out.append("</svg>")
    return "".join(out)


def render_f1_chart(result: dict[str, Any]) -> str:
    groups = [*LABELS, "headline"]
    series = [
        (
            "all",
            SERIES_COLOURS[0],
            [result["per_label"].get(lab, {}).get("f1", 0.0) for lab in LABELS]
            + [result["headline"]["f1"]],
        )
    ]
    for i, (lang, r) in enumerate(result.get("per_language", {}).items(), start=1):
        values = [r.get("per_label", {}).get(lab, {}).get("f1", 0.0) for lab in LABELS]
        series.append(
            (lang, SERIES_COLOURS[i % len(SERIES_COLOURS)], [*values, r["headline"]["f1"]])
        )
    return svg_grouped_bars(groups, series)
