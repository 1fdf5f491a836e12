/**
 * A user's own files → transcripts, with the build's parser (ingestOne): every format the build reads, one
 * code path. Pure: runs in the search worker, and in Node for tests.
 */
import { ingestOne, type TranscriptFile } from '../ingest';
import { contentHash, encodeEpisode, metaOf, rowSpeaker, rowText } from '../packs/format';
import type { Problem } from '../transcript/model';
import { YOURS_PREFIX, type YourTranscript } from './model';

/**
 * Several times any real transcript (the longest of 486 Python Bytes episodes is 93 KB), small enough to parse
 * and index in about a second here (measured: 5 MB took 1.8 s, 4× that on a phone, with search waiting).
 */
export const MAX_IMPORT_BYTES = 2 * 1024 * 1024;

export interface ParsedImports {
  transcripts: YourTranscript[];
  /** Per file and line, as the build reports them; a file with errors but some speech is kept with its warnings. */
  problems: Problem[];
}

export function parseImports(files: TranscriptFile[]): ParsedImports {
  const transcripts: YourTranscript[] = [];
  const problems: Problem[] = [];
  for (const file of files) {
    const fail = (message: string) => problems.push({ file: file.name, line: 0, severity: 'error', message });
    if (file.bytes.length > MAX_IMPORT_BYTES) {
      problems.push(tooLarge(file.name, file.bytes.length));
      continue;
    }
    if (file.bytes.length === 0) {
      fail('file is empty');
      continue;
    }
    const result = ingestOne(file);
    if (!result.episode) {
      // A file that is not a transcript at all (a photo) would list a warning per line: its errors say enough.
      const errors = result.problems.filter((p) => p.severity === 'error');
      problems.push(...errors);
      if (errors.length === 0) fail('is not a transcript: no timed lines were found');
      continue;
    }
    problems.push(...result.problems);
    const encoded = encodeEpisode(result.episode);
    // The same transcript imported twice gets the same id, so it is recognised instead of doubled: hashed in the
    // first row form (always three long), so that a file imported before rows got shorter is recognised too.
    const rows = encoded.segments.map((row) => [row[0], rowSpeaker(row), rowText(row)]);
    const id = YOURS_PREFIX + contentHash(JSON.stringify(rows));
    transcripts.push({ entry: { ...metaOf(result.episode), id, file: '' }, file: { ...encoded, id } });
  }
  return { transcripts, problems };
}

/** Said before a huge file is even read (the page checks its size first). */
export function tooLarge(file: string, bytes: number): Problem {
  return {
    file,
    line: 0,
    severity: 'error',
    message: `is too large to be a transcript (${megabytes(bytes)} MB; the limit is ${megabytes(MAX_IMPORT_BYTES)} MB)`,
  };
}

/** Rounded up, so a file just over the limit never reads as equal to it. */
const megabytes = (bytes: number) => String(Math.ceil((bytes / 1024 / 1024) * 10) / 10);
