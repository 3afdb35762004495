// Text escaped for HTML element content and quoted attribute values, exactly as a
// template's `<%= %>` escapes it (EJS's own function): for the few places that build
// HTML in code (feeds' HTML descriptions, sentences with a typed value inside).
import ejs from 'ejs';

export const escapeHtml = (text: string): string => ejs.escapeXML(text);
