import { describe, expect, it } from 'vitest';
import { ingestFolder } from '../../src/node/transcripts-folder';

// Exact figures for the five bundled episodes (read off the files by hand, then pinned).
const expected = [
  { number: 98, date: '2018-10-04', title: 'Python Electron as Python GUIs', segments: 337, first: 0, last: 1615 },
  { number: 217, date: '2021-01-19', title: 'Use your cloud SSD for fast cross-process caching', segments: 50, first: 0, last: 2310 },
  { number: 233, date: '2021-05-12', title: 'RaaS: Readme as a Service', segments: 960, first: 0, last: 3053 },
  { number: 235, date: '2021-05-26', title: 'Flask 2.0 articles and reactions', segments: 638, first: 0, last: 2763 },
  { number: 282, date: '2022-05-03', title: "Don't embarrass me in front of the wizards", segments: 690, first: 0, last: 1710 },
];

describe('bundled transcripts', () => {
  const { result, problems } = ingestFolder('transcripts');

  it('ingest with no problems', () => {
    expect(problems).toEqual([]);
    expect(result.episodes.map((e) => e.number)).toEqual(expected.map((e) => e.number));
  });

  it.each(expected)('episode $number has its exact figures', (want) => {
    const episode = result.episodes.find((e) => e.number === want.number)!;
    expect(episode.id).toBe(String(want.number));
    expect(episode.date).toBe(want.date);
    expect(episode.title).toBe(want.title);
    expect(episode.segments).toHaveLength(want.segments);
    expect(episode.segmentCount).toBe(want.segments);
    expect(episode.segments[0]!.t).toBe(want.first);
    expect(episode.segments.at(-1)!.t).toBe(want.last);
    expect(episode.duration).toBe(want.last);
  });

  it('keeps page furniture of the saved web page out of the speech', () => {
    const page = result.episodes.find((e) => e.number === 233)!;
    const all = page.segments.map((s) => s.text).join('\n');
    expect(all).not.toMatch(/Back to show page|Return to episode page|Brought to you by|Transcript #233/);
    expect(page.segments[0]!.text).toBe('Hello and welcome to Python Bytes, where we deliver news and headlines directly to your earbuds.');
    expect(page.segments.at(-1)!.text).toBe('Thank you for listening and sharing this podcast with your friends and colleagues.');
    expect(page.segments.at(-1)!.t).toBe(50 * 60 + 53);
  });
});
