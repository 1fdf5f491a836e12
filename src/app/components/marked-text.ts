/**
 * Text parts drawn into an element, hits in `<mark>`: text nodes only, never HTML. An attachment, so a new set of
 * parts replaces the element's children in one step. As a block of the template (an each item and an if per part)
 * every keystroke made, updated and removed some fifty small blocks across a screen of results.
 */
import type { Attachment } from 'svelte/attachments';
import type { TextPart } from '../../lib/search/highlight';

export function markedText(parts: TextPart[]): Attachment<HTMLElement> {
  return (element) => {
    element.replaceChildren(...parts.map(nodeOf));
  };
}

function nodeOf(part: TextPart): Node {
  if (!part.hit) return document.createTextNode(part.text);
  const mark = document.createElement('mark');
  mark.textContent = part.text;
  return mark;
}
