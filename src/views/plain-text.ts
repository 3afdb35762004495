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
  /**
   * The paragraphs cut into text and e-mail addresses, when made by `withEmailLinks`:
   * the partial draws each part escaped, an address as a mailto link.
   */
  parts?: TextPart[][];
}

/** A piece of a paragraph: text, or an e-mail address to draw as a link. */
export interface TextPart {
  text: string;
  email: boolean;
}

/**
 * An address as the link finds it: letters, digits and . _ % + -, an @, and a domain
 * with a dot. A full stop after the address ends the sentence, not the address.
 */
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b/g;

/** A paragraph as text and e-mail addresses, in order; joined, the parts are the paragraph. */
export function emailParts(paragraph: string): TextPart[] {
  const parts: TextPart[] = [];
  let at = 0;
  for (const match of paragraph.matchAll(EMAIL)) {
    if (match.index > at) parts.push({ text: paragraph.slice(at, match.index), email: false });
    parts.push({ text: match[0], email: true });
    at = match.index + match[0].length;
  }
  if (at < paragraph.length) parts.push({ text: paragraph.slice(at), email: false });
  return parts;
}

/** The text with its e-mail addresses as links (see `parts`); the view escapes every part. */
export const withEmailLinks = (text: LocalisedText): LocalisedText => ({ ...text, parts: text.paragraphs.map(emailParts) });

/** The text for a reader: their language's, or the Danish one (marked lang="da") when the English is empty. */
export function localisedText(readerLang: string, da: string, en: string): LocalisedText {
  if (readerLang === 'da') return { paragraphs: paragraphsOf(da), lang: null };
  const english = paragraphsOf(en);
  if (english.length > 0) return { paragraphs: english, lang: null };
  return { paragraphs: paragraphsOf(da), lang: 'da' };
}
