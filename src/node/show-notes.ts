/**
 * Show notes come from a feed, which is someone else's HTML: the build keeps only text, paragraphs, lists,
 * emphasis, code and http(s)/mailto links (opened with `rel="noopener noreferrer"`), so the page can show them.
 */
import sanitizeHtml from 'sanitize-html';

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'a', 'ul', 'ol', 'li', 'strong', 'b', 'em', 'i', 'code', 'pre', 'blockquote', 'h3', 'h4'],
  allowedAttributes: { a: ['href', 'rel'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowProtocolRelative: false,
  // Script and style bodies go with their tags; other unknown tags keep their text.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'object', 'embed'],
  transformTags: {
    // Any rel the feed set is replaced: links never get the opener or the referrer.
    a: (tagName, attribs) => ({ tagName, attribs: { href: attribs.href ?? '', rel: 'noopener noreferrer' } }),
  },
};

export function sanitiseShowNotes(html: string): string {
  return sanitizeHtml(html, OPTIONS).trim();
}
