/**
 * URL-safe slug without accents, for section ids and default document ids: `Proportionnalité` → `proportionnalite`,
 * `3.1` → `3-1`, ` (2024).` → `2024`. Letters outside a–z once their accents are removed (`œ`, `ß`, non-Latin
 * scripts) count as separators. May be empty.
 */
export function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
