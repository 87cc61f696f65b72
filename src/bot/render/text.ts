import type { PageRange } from '../../knowledge/types.js';

/** Characters that Teams' markdown would interpret (emphasis, code, links, citation markers, HTML). */
const MARKDOWN_SPECIALS = /[\\`*_[\]<>]/g;

/**
 * Escapes text for Teams markdown so it shows exactly as written. Escaping `[` and `]` also keeps a bracketed
 * number inside a quoted document from being read as one of our `[n]` citation markers.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(MARKDOWN_SPECIALS, (c) => `\\${c}`);
}

/**
 * Shortens text to at most `maxLength` UTF-16 code units (the unit of the Teams limits), cutting at the last
 * space when one is near and ending with `…`. Never splits a surrogate pair. Text that fits is returned unchanged.
 */
export function clip(text: string, maxLength: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= maxLength) return flat;
  let cut = '';
  for (const ch of flat) {
    if (cut.length + ch.length > maxLength - 1) break;
    cut += ch;
  }
  const lastSpace = cut.lastIndexOf(' ');
  if (lastSpace >= maxLength / 2) cut = cut.slice(0, lastSpace);
  return `${cut.trimEnd()}…`;
}

/** `p. 5450` for one page, `p. 5449-5450` for a range; null when pages are unknown. */
export function formatPages(pages: PageRange | null): string | null {
  if (!pages) return null;
  return pages.from === pages.to ? `p. ${pages.from}` : `p. ${pages.from}-${pages.to}`;
}

/** True for an absolute http(s) URL, the only kind we turn into a link. */
export function isWebUrl(url: string | null | undefined): url is string {
  return typeof url === 'string' && /^https?:\/\/\S+$/i.test(url);
}

/** A markdown link, or the escaped label alone when the URL is missing or not http(s). */
export function markdownLink(label: string, url: string | null | undefined): string {
  const text = escapeMarkdown(label);
  if (!isWebUrl(url)) return text;
  return `[${text}](${url.replace(/\(/g, '%28').replace(/\)/g, '%29')})`;
}
