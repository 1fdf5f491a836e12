/**
 * A podcast's RSS 2.0 feed (`feed.xml`, with the `itunes`, `podcast` and `content` namespaces): the show's name
 * and description, and per item its title, date, show notes, web page, audio and Podcasting 2.0 transcripts
 * and chapters. Items are matched to transcripts by episode number. Pure: runs in Node and in the browser.
 */
import { DomUtils, parseDocument } from 'htmlparser2';
import type { Problem } from './transcript/model';
import { lineAt, lineStarts } from './transcript/text-position';

export const FEED_FILE = 'feed.xml';

/** htmlparser2's element type (from its domhandler), without depending on that package by name. */
type Element = NonNullable<ReturnType<typeof DomUtils.findOne>>;

export interface Audio {
  url: string;
  /** MIME type, as the enclosure says (`audio/mpeg`). */
  type: string;
}

export interface FeedItem {
  /** Line of the `<item>` in the feed, for problems. */
  line: number;
  /** From `<podcast:episode>`, else `<itunes:episode>`, else the number its audio or transcript file starts with. */
  number: number | null;
  title: string | null;
  /** `pubDate` as ISO `YYYY-MM-DD`. */
  date: string | null;
  /** The show notes as the feed has them: untrusted HTML, sanitised by the build before anyone sees it. */
  notesHtml: string | null;
  link: string | null;
  audio: Audio | null;
  transcripts: { url: string; type: string }[];
  chapters: string | null;
}

export interface Feed {
  title: string | null;
  description: string | null;
  link: string | null;
  items: FeedItem[];
}

export function parseFeed(file: string, text: string): { feed: Feed; problems: Problem[] } {
  const problems: Problem[] = [];
  const empty: Feed = { title: null, description: null, link: null, items: [] };
  const document = parseDocument(text, { xmlMode: true, withStartIndices: true });
  const channel = DomUtils.findOne((e) => e.name === 'channel', document.children, true);
  if (!channel) {
    problems.push({ file, line: 0, severity: 'error', message: 'not an RSS feed: no <rss><channel>' });
    return { feed: empty, problems };
  }
  const starts = lineStarts(text);
  const items = channel.children.filter((n): n is Element => n.type === 'tag' && n.name === 'item');
  const feed: Feed = {
    title: childText(channel, 'title'),
    description: childText(channel, 'description') ?? childText(channel, 'itunes:summary'),
    link: httpUrl(childText(channel, 'link')),
    items: items.map((item) => {
      const line = lineAt(starts, item.startIndex ?? 0);
      const warn = (message: string) => problems.push({ file, line, severity: 'warning', message });
      const enclosure = child(item, 'enclosure');
      const audioUrl = httpUrl(enclosure?.attribs.url ?? null);
      if (enclosure && !audioUrl) warn('<enclosure> has no http(s) url; the episode has no audio');
      const transcripts = children(item, 'podcast:transcript').flatMap((t) => {
        const url = httpUrl(t.attribs.url ?? null);
        return url ? [{ url, type: t.attribs.type ?? '' }] : [];
      });
      const rawDate = childText(item, 'pubDate');
      const date = rawDate === null ? null : isoDate(rawDate);
      if (rawDate !== null && date === null) warn(`<pubDate> "${rawDate}" is not a date`);
      const numbered = childText(item, 'podcast:episode') ?? childText(item, 'itunes:episode');
      const fromFile = [audioUrl, ...transcripts.map((t) => t.url)].map(leadingNumber).find((n) => n !== null) ?? null;
      const number = numbered !== null && /^\d+$/.test(numbered) ? Number(numbered) : fromFile;
      if (numbered !== null && !/^\d+$/.test(numbered)) warn(`episode number "${numbered}" is not a whole number`);
      const encoded = childText(item, 'content:encoded');
      const description = childText(item, 'description');
      return {
        line,
        number,
        title: childText(item, 'title'),
        date,
        notesHtml: (encoded?.length ?? 0) >= (description?.length ?? 0) ? encoded : description,
        link: httpUrl(childText(item, 'link')),
        audio: audioUrl ? { url: audioUrl, type: enclosure?.attribs.type || 'audio/mpeg' } : null,
        transcripts,
        chapters: httpUrl(child(item, 'podcast:chapters')?.attribs.url ?? null),
      };
    }),
  };
  return { feed, problems };
}

function children(parent: Element, name: string): Element[] {
  return parent.children.filter((n): n is Element => n.type === 'tag' && n.name.toLowerCase() === name.toLowerCase());
}

function child(parent: Element, name: string): Element | null {
  return children(parent, name)[0] ?? null;
}

function childText(parent: Element, name: string): string | null {
  const element = child(parent, name);
  const text = element ? DomUtils.textContent(element).trim() : '';
  return text === '' ? null : text;
}

function httpUrl(url: string | null): string | null {
  return url !== null && /^https?:\/\/[^\s]+$/i.test(url.trim()) ? url.trim() : null;
}

/** `…/233-title.mp3` → 233. */
function leadingNumber(url: string | null): number | null {
  const name = url?.split(/[?#]/)[0]!.split('/').pop() ?? '';
  const m = /^0*(\d{1,5})(?:[-_ .]|$)/.exec(name);
  return m && Number(m[1]) > 0 ? Number(m[1]) : null;
}

/** RFC 822 dates (`Mon, 10 Jan 2022 08:00:00 GMT`) and ISO dates, as the day they name in UTC. */
function isoDate(text: string): string | null {
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString().slice(0, 10);
}
