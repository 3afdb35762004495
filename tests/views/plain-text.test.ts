// The plain-text helper's e-mail links: a paragraph cut into text and addresses, which
// the partial escapes part by part (an address as a mailto link), so nothing the admin
// typed becomes markup.
import { describe, expect, it } from 'vitest';
import { emailParts, withEmailLinks } from '../../src/views/plain-text.js';

describe('emailParts', () => {
  it('finds the addresses, leaving a full stop after one in the text', () => {
    expect(emailParts('Skriv til a.b+c@kommune.dk.')).toEqual([
      { text: 'Skriv til ', email: false },
      { text: 'a.b+c@kommune.dk', email: true },
      { text: '.', email: false },
    ]);
  });

  it('never takes quotes or markup into an address', () => {
    const parts = emailParts(`<i>x</i> "a@b.dk" a'b@c.dk&`);
    expect(parts.filter((part) => part.email).map((part) => part.text)).toEqual(['a@b.dk', 'b@c.dk']);
    expect(parts.map((part) => part.text).join('')).toBe(`<i>x</i> "a@b.dk" a'b@c.dk&`);
  });

  it('leaves text without an address as one text part', () => {
    expect(emailParts('Ring 12 34 56 78 @ rådhuset')).toEqual([{ text: 'Ring 12 34 56 78 @ rådhuset', email: false }]);
  });

  it('adds the parts to a text, keeping its paragraphs and language', () => {
    expect(withEmailLinks({ paragraphs: ['x@y.dk'], lang: 'da' })).toEqual({
      paragraphs: ['x@y.dk'],
      lang: 'da',
      parts: [[{ text: 'x@y.dk', email: true }]],
    });
  });
});
