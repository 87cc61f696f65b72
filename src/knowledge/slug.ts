/** URL-safe slug without accents, for section ids: `Proportionnalité` → `proportionnalite`, `3.1` → `3-1`. */
export function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
