/**
 * A file name (`Microsoft Word - guide_v3.docx`, `rapport final.pdf`) or an application's default (`Untitled`, `Sans
 * titre`, `Document1`, Google Docs' `Document sans titre` / `Untitled document`; PowerPoint's, in French and English:
 * `Présentation PowerPoint`, `Présentation1`, `PowerPoint Presentation`, `Diapositive 1`, `Slide 1`).
 */
const PLACEHOLDER_TITLE =
  /\.(?:docx?|dotx?|odt|rtf|pdf|pptx?|xlsx?|indd|txt)\s*$|^\s*(?:Microsoft (?:Word|PowerPoint|Excel) - |untitled\b|(?:document\s+)?sans titre\b|document\d*\s*$|titre\s*$|title\s*$|(?:présentation|presentation)(?:\s*powerpoint|\s*\d+)?\s*$|powerpoint presentation\s*$|(?:diapositive|slide)\s*\d*\s*$)/iu;

/**
 * True when a title a file carries (a PDF's Title entry, an HTML page's `<title>`) is what the producing application
 * wrote in the author's stead — the source file's name, `Microsoft Word - …`, `Untitled`, `Document sans titre` —
 * rather than a title a reader would recognise: the title is then found in the document's headings instead.
 */
export function isPlaceholderTitle(title: string): boolean {
  return PLACEHOLDER_TITLE.test(title);
}
