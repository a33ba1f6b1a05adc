"""Where each diagram's labels, shapes and lines land on the page as served, in the fonts it
really uses: measured in the browser visits (tests/browser/conftest.py) and judged by
tests/browser/test_diagrams.py.

DIAGRAM_LAYOUT, run in a loaded page, returns one entry per inline drawing (div.diagram > svg):
its id, the box it is seen through (the svg element: what lies outside is cut, what lies inside
and is blank is blank), and in CSS px relative to that box's top left corner:
- `labels`: every piece of text, with the box of its glyphs, the box of the shape drawn around it
  (the label's own box for an edge label; none for a message on a sequence diagram), the box
  Mermaid reserved for it (a foreignObject, which clips what overflows it) and its rendered size
  in CSS px (font size times the drawing's scale); the lines of one note are one label;
- `drawn`: the box of everything drawn (shapes, lines, text);
- `lines`: the box of every edge, lifeline and message line;
- `offset`: where the drawing starts in the box that scrolls it (div.diagram).
"""

from __future__ import annotations

DIAGRAM_LAYOUT = r"""() => {
  const round = v => Math.round(v * 10) / 10;
  const boxOf = (r, o) => r && r.width + r.height > 0
    ? {left: round(r.left - o.left), top: round(r.top - o.top), right: round(r.right - o.left), bottom: round(r.bottom - o.top)}
    : null;
  const union = rects => rects.filter(Boolean).reduce((u, r) => u
    ? {left: Math.min(u.left, r.left), top: Math.min(u.top, r.top), right: Math.max(u.right, r.right), bottom: Math.max(u.bottom, r.bottom)}
    : r, null);
  const SHAPES = 'rect, path, polygon, circle, ellipse';
  const article = document.querySelector('article.md-content__inner') || document.body;
  return [...article.querySelectorAll('div.diagram > svg')].map((svg, index) => {
    const origin = svg.getBoundingClientRect();
    const box = el => boxOf(el.getBoundingClientRect(), origin);
    const scale = el => { const m = el.getScreenCTM(); return m ? Math.hypot(m.a, m.b) : 1; };
    const range = document.createRange();
    const labels = [];
    // HTML labels (state diagrams, flowcharts): text in a foreignObject.
    for (const fo of svg.querySelectorAll('foreignObject')) {
      const text = fo.textContent.replace(/\s+/g, ' ').trim();
      if (!text) continue;
      range.selectNodeContents(fo);
      const node = fo.closest('g.node');
      const shape = node ? [...node.querySelectorAll(SHAPES)].find(s => !s.closest('g.label')) : null;
      const leaf = [...fo.querySelectorAll('*')].filter(e => e.textContent.trim()).pop() || fo;
      labels.push({
        text, text_box: boxOf(range.getBoundingClientRect(), origin),
        shape: shape ? box(shape) : box(fo), reserved: box(fo),
        px: round(parseFloat(getComputedStyle(leaf).fontSize) * scale(fo)),
      });
    }
    // SVG text (sequence diagrams): a text drawn after a rect or polygon sits in it, and so do the
    // further lines of the same note or box (one text of the same class each): one label.
    const framed = new Map();
    for (const t of svg.querySelectorAll('text')) {
      const text = t.textContent.replace(/\s+/g, ' ').trim();
      if (!text || t.closest('foreignObject')) continue;
      let before = t.previousElementSibling;
      while (before && before.matches('text') && before.className.baseVal === t.className.baseVal) before = before.previousElementSibling;
      const shape = before && before.matches('rect, polygon') ? before : null;
      const label = {
        text, text_box: box(t), shape: shape ? box(shape) : null, reserved: null,
        px: round(parseFloat(getComputedStyle(t).fontSize) * scale(t)),
      };
      const same = shape && framed.get(shape);
      if (same) {
        same.text += ' / ' + text;
        same.text_box = union([same.text_box, label.text_box]);
        same.px = Math.min(same.px, label.px);
      } else {
        labels.push(label);
        if (shape) framed.set(shape, label);
      }
    }
    const graphics = [...svg.querySelectorAll('path, line, rect, polygon, circle, ellipse, polyline')]
      .filter(g => !g.closest('defs, marker, foreignObject') && getComputedStyle(g).display !== 'none');
    const lines = [...svg.querySelectorAll('g.edgePaths path, path.transition, path.flowchart-link, line')]
      .filter(g => !g.closest('defs, marker'));
    const holder = svg.parentElement;
    return {
      index, id: svg.id,
      view: {width: round(origin.width), height: round(origin.height)},
      // where the drawing starts in the scrolling box around it: below 0, its start is out of reach
      offset: round(origin.left - holder.getBoundingClientRect().left - holder.clientLeft + holder.scrollLeft),
      labels,
      drawn: union([...graphics.map(box), ...labels.map(l => l.text_box)]),
      lines: lines.map(box).filter(Boolean),
    };
  });
}"""
