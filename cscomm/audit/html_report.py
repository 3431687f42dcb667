"""``report.html``: one self-contained page of charts, tables and example replies.

Charts are drawn by plotly with its JavaScript inlined once, so the page opens offline
(no CDN): the score of each category by week with 95% intervals, each category's pass
rate, and heatmaps of the mean category scores per agent and per macro (worst first).
The example replies are the lowest-scoring ones per category, with each finding's span
highlighted; their personal data is redacted unless ``redact`` is false.
"""

from __future__ import annotations

import html
import itertools
from pathlib import Path
from typing import Any

from cscomm.audit.redact import Redaction, redact_message, redactions

MAX_ROWS = 30
"""Agents or macros shown in a heatmap: the lowest-scoring ones."""

_STYLE = """
body { font-family: system-ui, sans-serif; margin: 2rem; color: #222; max-width: 1200px; }
h1, h2, h3 { font-weight: 600; } table { border-collapse: collapse; margin: 1rem 0; }
td, th { border: 1px solid #ccc; padding: .25rem .5rem; text-align: right; }
td:first-child, th:first-child { text-align: left; } .low { color: #888; }
pre { white-space: pre-wrap; background: #f7f7f7; padding: 1rem; border-radius: 4px; }
mark { background: #ffd5a8; } .redacted { background: #ddd; color: #555; }
.chart { margin: 1rem 0; }
"""


def write_report(out_dir: Path, summary: dict[str, Any], *, redact: bool = True) -> Path:
    """Write ``out_dir/report.html`` from ``summary`` (with its ``examples``)."""
    import plotly.offline

    names = list(summary["scorecard"]["categories"])
    overall = summary["overall"]
    sections = [
        f"<h1>cscomm audit</h1><p>{overall['replies']} replies; mean score "
        f"{overall['score']['mean']:.1f} (95% CI {overall['score']['ci95'][0]:.1f}"
        f"&ndash;{overall['score']['ci95'][1]:.1f}); {overall['auto_fail']['count']} auto-failed "
        f"(send-stoppers). Groups of fewer than 30 replies are greyed: their intervals are wide.</p>",
        "<h2>Categories by week</h2>",
        _figure(_trend(summary, names), "trend"),
        "<h2>Pass rate per category</h2>",
        _figure(_pass_rates(overall, names), "pass-rates"),
        "<h2>Worst categories per agent</h2>",
        _figure(_heatmap(summary["by"]["agent"], names, "agent"), "agents"),
        _table(summary["by"]["agent"], "agent"),
        "<h2>Worst categories per macro</h2>",
        _figure(_heatmap(summary["by"]["macro"], names, "macro"), "macros"),
        _table(summary["by"]["macro"], "macro"),
        "<h2>Example replies</h2>",
        "<p>The lowest-scoring replies of each category, findings highlighted"
        f"{'; personal data redacted' if redact else ''}.</p>",
        *(_examples(name, rows, redact) for name, rows in summary["examples"].items()),
    ]
    page = (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>cscomm audit</title>'
        f"<style>{_STYLE}</style><script>{plotly.offline.get_plotlyjs()}</script></head><body>"
        + "\n".join(sections)
        + "</body></html>"
    )
    path = out_dir / "report.html"
    path.write_text(page, encoding="utf-8")
    return path


def _figure(figure: Any, name: str) -> str:
    return str(
        figure.to_html(
            full_html=False, include_plotlyjs=False, div_id=f"chart-{name}", config={"responsive": True}
        )
    ).replace("<div>", '<div class="chart">', 1)


def _trend(summary: dict[str, Any], names: list[str]) -> Any:
    import plotly.graph_objects as go

    weeks = sorted(w for w in summary["by"]["week"] if w != "(none)")
    figure = go.Figure()
    for name in names:
        stats = [summary["by"]["week"][w]["categories"][name] for w in weeks]
        means = [s["mean"] if s["n"] else None for s in stats]
        figure.add_trace(
            go.Scatter(
                x=weeks,
                y=means,
                name=name,
                mode="lines+markers",
                error_y={
                    "type": "data",
                    "symmetric": False,
                    "array": [s["ci95"][1] - s["mean"] for s in stats],
                    "arrayminus": [s["mean"] - s["ci95"][0] for s in stats],
                    "thickness": 1,
                },
            )
        )
    figure.update_layout(yaxis={"title": "mean score", "range": [0, 101]}, height=420, margin={"t": 20})
    return figure


def _pass_rates(overall: dict[str, Any], names: list[str]) -> Any:
    import plotly.graph_objects as go

    stats = [overall["categories"][name] for name in names]
    rates = [s["pass_rate"] or 0.0 for s in stats]
    figure = go.Figure(
        go.Bar(
            x=names,
            y=rates,
            error_y={
                "type": "data",
                "symmetric": False,
                "array": [s["pass_ci95"][1] - r for s, r in zip(stats, rates, strict=True)],
                "arrayminus": [r - s["pass_ci95"][0] for s, r in zip(stats, rates, strict=True)],
            },
        )
    )
    figure.update_layout(
        yaxis={"title": "replies with full marks", "range": [0, 1]}, height=360, margin={"t": 20}
    )
    return figure


def _heatmap(groups: dict[str, Any], names: list[str], label: str) -> Any:
    import plotly.graph_objects as go

    worst = sorted(groups.items(), key=lambda item: (item[1]["score"]["mean"], item[0]))[:MAX_ROWS]
    figure = go.Figure(
        go.Heatmap(
            z=[
                [group["categories"][n]["mean"] if group["categories"][n]["n"] else None for n in names]
                for _, group in worst
            ],
            x=names,
            y=[f"{key} (n={group['replies']})" for key, group in worst],
            colorscale="RdYlGn",
            zmin=0,
            zmax=100,
            hovertemplate=f"{label} %{{y}}<br>%{{x}}: %{{z:.1f}}<extra></extra>",
        )
    )
    figure.update_layout(
        height=max(240, 28 * len(worst) + 120), margin={"t": 20}, yaxis={"autorange": "reversed"}
    )
    return figure


def _table(groups: dict[str, Any], label: str) -> str:
    rows = sorted(groups.items(), key=lambda item: (item[1]["score"]["mean"], item[0]))[:MAX_ROWS]
    body = "".join(
        f'<tr class="{"low" if g["low_confidence"] else ""}"><td>{html.escape(key)}</td>'
        f"<td>{g['replies']}</td>"
        f"<td>{g['score']['mean']:.1f}</td><td>{g['score']['ci95'][0]:.1f}&ndash;{g['score']['ci95'][1]:.1f}</td>"
        f"<td>{g['auto_fail']['count']}</td></tr>"
        for key, g in rows
    )
    return (
        f"<table><tr><th>{label}</th><th>replies</th><th>mean score</th><th>95% CI</th>"
        f"<th>auto-failed</th></tr>{body}</table>"
    )


def _examples(name: str, rows: list[dict[str, Any]], redact: bool) -> str:
    title = "auto-failed (send-stoppers)" if name == "auto_fail" else name
    parts = [f"<h3>{html.escape(title)}</h3>"]
    for row in rows:
        text = str(row["text"])
        spans = redactions(text) if redact else []
        findings = row["findings"]
        items = "".join(
            f"<li><b>{html.escape(f['code'])}</b> {html.escape(f['severity'])}: "
            f"{html.escape(redact_message(f['message'], text, spans) if redact else f['message'])}</li>"
            for f in findings
        )
        parts.append(
            f"<p>Reply {html.escape(str(row['reply_id']))} by {html.escape(str(row['agent']))}, "
            f"score {row['score']:.1f}</p><pre>{_highlighted(text, findings, spans)}</pre><ul>{items}</ul>"
        )
    return "".join(parts)


def _highlighted(text: str, findings: list[dict[str, Any]], spans: list[Redaction]) -> str:
    """``text`` as HTML with the findings' spans in ``<mark>`` and redacted spans replaced."""
    marked = [(int(f["start"]), int(f["end"])) for f in findings if int(f["end"]) > int(f["start"])]
    cuts = sorted(
        {0, len(text), *(p for s in marked for p in s), *(p for r in spans for p in (r.start, r.end))}
    )
    out = []
    for start, end in itertools.pairwise(cuts):
        redaction = next((r for r in spans if r.start <= start and end <= r.end), None)
        if redaction is not None:
            if start == redaction.start:
                out.append(f'<span class="redacted">[{html.escape(redaction.label)}]</span>')
            continue
        piece = html.escape(text[start:end])
        if any(s <= start and end <= e for s, e in marked):
            piece = f"<mark>{piece}</mark>"
        out.append(piece)
    return "".join(out)
