import { describe, expect, it } from 'vitest';
import { assertInert, decodeLabelEntities, linkNodes, naturalSize, normaliseSvg } from '../../site/lib/svg.ts';

const svg = [
  '<svg id="hbr-3" width="100%" xmlns="http://www.w3.org/2000/svg" style="max-width: 300px;" viewBox="0 0 300.5 120">',
  '<style>#hbr-3 .node rect{fill:#fff}</style>',
  '<marker id="hbr-3_flowchart-v2-pointEnd"/>',
  '<g class="nodes">',
  '<g class="node default" id="hbr-3-flowchart-s0-0"><rect/><g class="label"><text>a&amp;quot;b</text></g></g>',
  '<g class="node default" id="hbr-3-flowchart-s1-1"><rect/><g><g/></g></g>',
  '<g class="node default terminal" id="hbr-3-flowchart-start-2"><circle/></g>',
  '</g>',
  '<path marker-end="url(#hbr-3_flowchart-v2-pointEnd)"/>',
  '</svg>',
].join('');

describe('SVG post-processing', () => {
  it('drops Mermaid’s stylesheet and renames the render id everywhere', () => {
    const out = normaliseSvg(svg, 'hbr-3', 'hbd');
    expect(out).not.toContain('<style>');
    expect(out).not.toContain('hbr-3');
    expect(out).toContain('url(#hbd_flowchart-v2-pointEnd)');
  });
  it('gives the SVG its natural size', () => {
    expect(naturalSize(svg)).toMatch(/^<svg width="301" height="120" style="--hb-w: 301px" id="hbr-3"/);
  });
  it('decodes label entities once, inside <text> only', () => {
    expect(decodeLabelEntities(svg)).toContain('<text>a&quot;b</text>');
  });
  it('wraps each step node (with nested groups) in a link to its row, and nothing else', () => {
    const out = linkNodes(svg, [
      { nodeId: 's0', href: '#step-receive', label: '接收 "x" <y>' },
      { nodeId: 's1', href: '#step-close', label: '归档' },
    ]);
    expect(out).toContain('<a class="hb-node-link" href="#step-receive" aria-label="接收 &quot;x&quot; &lt;y&gt;"><g class="node default" id="hbr-3-flowchart-s0-0"><rect/><g class="label"><text>a&amp;quot;b</text></g></g></a>');
    expect(out).toContain('<a class="hb-node-link" href="#step-close" aria-label="归档"><g class="node default" id="hbr-3-flowchart-s1-1"><rect/><g><g/></g></g></a>');
    expect(out).toContain('<g class="node default terminal" id="hbr-3-flowchart-start-2"><circle/></g></g>');
    expect(out.match(/<a /g)).toHaveLength(2);
  });
  it('removes anything executable or external', () => {
    const hostile = '<svg><script>alert(1)</script><g onclick="alert(1)" onmouseover=\'x\'><a href="javascript:alert(1)"><text>t</text></a><image href="https://evil/x.png"/></g></svg>';
    const out = assertInert(hostile);
    expect(out).not.toMatch(/script|onclick|onmouseover|javascript:|evil|<image/);
    expect(out).toContain('<text>t</text>');
  });
});

describe('assertInert on hostile label text', () => {
  it('never reaches across markup from a quote or handler written in a label', () => {
    const label = '<g class="node" id="hbd-flowchart-s0-0"><foreignObject><div><p>fill:#f00 &lt;img src=x onerror="window.__pwned=\'i…</p></div></foreignObject></g>';
    const after = '<g class="node default terminal" id="hbd-flowchart-finish-6"><circle r="5"/></g>';
    const out = assertInert(`<svg>${label}${after}</svg>`);
    expect(out).toBe(`<svg>${label}${after}</svg>`);
  });

  it('keeps in-document references and drops external ones', () => {
    const out = assertInert('<svg><path marker-end="url(#hbd_pointEnd)" style="fill:url(https://evil/x)"/><a xlink:href="#s1"><text>x</text></a></svg>');
    expect(out).toBe('<svg><path marker-end="url(#hbd_pointEnd)"/><a xlink:href="#s1"><text>x</text></a></svg>');
  });
});
