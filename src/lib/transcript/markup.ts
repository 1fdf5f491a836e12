/** Cue-text markup: voice tags everywhere, WebVTT/SRT styling tags only in those formats. */

const VOICE_AT_START = /^\s*<v(?:\.[\w.-]+)?\s+([^>]+)>\s*/;
const VOICE_END = /<\/v>/g;
/** WebVTT cue spans and inline timestamps; anything else (say `<script>`) stays literal text. */
const CUE_TAGS = /<\/?(?:c|i|b|u|ruby|rt|lang|v|font)(?:[.\s][^>]*)?>|<\d{1,3}:\d{2}(?::\d{2})?[.,]\d{1,3}>/gi;
const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&nbsp;': '\u00A0',
  '&lrm;': '\u200E',
  '&rlm;': '\u200F',
  '&quot;': '"',
  '&#39;': "'",
};

export function splitVoice(text: string): { speaker?: string; text: string } {
  const m = VOICE_AT_START.exec(text);
  if (!m) return { text: text.replace(VOICE_END, '').trim() };
  const speaker = m[1]!.trim();
  const rest = text.slice(m[0].length).replace(VOICE_END, '').trim();
  return speaker ? { speaker, text: rest } : { text: rest };
}

/** Cue text from WebVTT or SRT: voice kept apart, styling tags removed, entities decoded. */
export function cleanCueText(raw: string): { speaker?: string; text: string } {
  const voiced = splitVoice(raw);
  const text = voiced.text
    .replace(CUE_TAGS, '')
    .replace(/\{\\[^}]*\}/g, '') // SRT/ASS positioning such as {\an8}
    .replace(/&(?:amp|lt|gt|nbsp|lrm|rlm|quot|#39);/g, (e) => ENTITIES[e] ?? e)
    .replace(/\s+/g, ' ')
    .trim();
  return voiced.speaker ? { speaker: voiced.speaker, text } : { text };
}
