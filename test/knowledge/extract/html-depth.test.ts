import { describe, expect, it } from 'vitest';
import { flattenDeepNesting } from '../../../src/knowledge/extract/html-depth.js';

const BLOCKS = new Set(['div', 'p', 'li', 'ul']);

describe('flattenDeepNesting', () => {
  it('returns a page within the limit unchanged', () => {
    const html = `${'<div>'.repeat(4)}Texte fictif.${'</div>'.repeat(4)}`;
    expect(flattenDeepNesting(html, BLOCKS, 4)).toBe(html);
  });

  it('unwraps what lies beyond the limit, a block becoming a line break and an inline element nothing', () => {
    const html = '<div><div><div><span>Un</span> <div>deux</div></div></div></div>';
    expect(flattenDeepNesting(html, BLOCKS, 2)).toBe('<div><div><br>Un <br>deux<br><br></div></div>');
  });

  it('counts no list item or paragraph left open, as HTML allows, nor void elements, scripts or comments', () => {
    const items = '<li>Élément fictif<br><img src=x>'.repeat(50);
    const html = `<div><ul>${items}</ul><p>Un<p>Deux<script>${'<div>'.repeat(50)}</script><!--${'<div>'.repeat(50)}--></div>`;
    expect(flattenDeepNesting(html, BLOCKS, 3)).toBe(html);
  });

  it('reads <x/> as closed in SVG only: in HTML the slash is ignored and the element stays open', () => {
    const svg = `<div><svg>${'<path d="M0"/>'.repeat(20)}</svg></div>`;
    expect(flattenDeepNesting(svg, BLOCKS, 3)).toBe(svg);
    expect(flattenDeepNesting(`${'<div/>'.repeat(4)}Fin.`, BLOCKS, 2)).toBe('<div/><div/><br><br>Fin.');
  });

  it('closes with an element the ones unwrapped inside it, so the next sibling is counted afresh', () => {
    const html = '<div><div><div>A</div></div></div><div><div>B</div></div>';
    expect(flattenDeepNesting(html, BLOCKS, 2)).toBe('<div><div><br>A<br></div></div><div><div>B</div></div>');
  });
});
