// Text an admin writes for a public page (about, privacy intro, accessibility issues)
// is plain text: paragraphs are separated by blank lines. The view escapes each
// paragraph (<%= %>) and draws it as its own <p> with views/partials/plain-text.ejs,
// so nothing the admin types becomes markup.

/** A text's paragraphs: split on blank lines, trimmed, empty ones dropped. */
export function paragraphsOf(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== '');
}

/** A text in the reader's language; `lang` is set when English falls back to Danish. */
export interface LocalisedText {
  paragraphs: string[];
  /** "da" when the reader asked for English and only the Danish text exists. */
  lang: 'da' | null;
}

/** The text for a reader: their language's, or the Danish one (marked lang="da") when the English is empty. */
export function localisedText(readerLang: string, da: string, en: string): LocalisedText {
  if (readerLang === 'da') return { paragraphs: paragraphsOf(da), lang: null };
  const english = paragraphsOf(en);
  if (english.length > 0) return { paragraphs: english, lang: null };
  return { paragraphs: paragraphsOf(da), lang: 'da' };
}
