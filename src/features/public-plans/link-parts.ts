// Evidence is typed as plain text with links in it ("Referat: https://…, 35 deltagere").
// On the public page the links should be links, without trusting the text as HTML:
// the text is split into parts, and the view escapes every part and makes only
// http(s) addresses into anchors.
export type TextPart = { text: string; href?: string };

const URL_PATTERN = /https?:\/\/[^\s<>"]+/g;
/** Punctuation that ends a sentence rather than the address ("se https://x.dk."). */
const TRAILING = /[.,;:!?)\]]+$/;

export function linkParts(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const url = match[0].replace(TRAILING, '');
    const start = match.index;
    if (start > last) parts.push({ text: text.slice(last, start) });
    parts.push({ text: url, href: url });
    last = start + url.length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}
