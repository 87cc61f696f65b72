/**
 * Admonition labels: the one-word (or two-word) captions that documentation tools print above a boxed note —
 * LaTeX and DocBook (`Note`, `Avertissement`, `Astuce`), Docusaurus and VuePress (`tip`, `warning`, `danger`),
 * GitBook hints, GitHub alerts — in French and English. Set apart, bold or in capitals, they look like headings
 * but open no section: the box belongs to the section around it.
 */
const LABELS = new Set(
  [
    'note', 'notes', 'nota', 'nota bene', 'nb', 'à noter', 'remarque', 'remarques', 'rappel', 'astuce', 'astuces',
    'conseil', 'conseils', 'avertissement', 'avertissements', 'attention', 'important', 'danger', 'mise en garde',
    'alerte', 'info', 'infos', 'information', 'informations', 'succès', 'erreur', 'tip', 'tips', 'hint', 'warning',
    'caution', 'notice', 'success', 'error', 'see also', 'voir aussi',
  ].map(fold),
);

function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** True when `text` is only an admonition label, in any case, possibly followed by `:` or `!` (`AVERTISSEMENT`,
 *  `Note :`, `Tip!`). */
export function isAdmonitionLabel(text: string): boolean {
  return LABELS.has(fold(text).replace(/[\s:!.\u00a0]+$/u, '').trim());
}
