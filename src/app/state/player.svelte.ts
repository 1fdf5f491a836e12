/**
 * The app's one audio player. Nothing is requested until the listener presses Play: the `<audio>` element
 * (AudioPlayer.svelte) is drawn only then, as an episode is loaded. Drawing it with its controls costs 30-70 ms
 * of layout on a 4× slower CPU, which every screen paid at start when it was always there. Offline, Play says
 * that audio needs a connection, and the transcript keeps working.
 */
import { flushSync } from 'svelte';
import type { CatalogueEntry } from '../../lib/packs/format';
import { formatClock } from '../../lib/transcript/timecode';

export const OFFLINE_AUDIO = 'Audio needs a connection. The transcript works offline.';

class Player {
  /** The episode loaded in the player, once Play was pressed. */
  episode: CatalogueEntry | null = $state.raw(null);
  /** Where playback is, in seconds (updated as it plays and when it seeks). */
  at = $state(0);
  playing = $state(false);
  message: string | null = $state(null);
  private element: HTMLAudioElement | null = null;

  attach(element: HTMLAudioElement): () => void {
    this.element = element;
    const update = () => (this.at = element.currentTime);
    const onPlay = () => (this.playing = true);
    const onPause = () => (this.playing = false);
    const onError = () => {
      this.playing = false;
      this.message = navigator.onLine ? `The audio could not be played (${describe(element.error)}).` : OFFLINE_AUDIO;
    };
    element.addEventListener('timeupdate', update);
    element.addEventListener('seeked', update);
    element.addEventListener('play', onPlay);
    element.addEventListener('pause', onPause);
    element.addEventListener('error', onError);
    return () => {
      element.removeEventListener('timeupdate', update);
      element.removeEventListener('seeked', update);
      element.removeEventListener('play', onPlay);
      element.removeEventListener('pause', onPause);
      element.removeEventListener('error', onError);
      this.element = null;
    };
  }

  /** Plays `entry` from `seconds`, loading its audio if another episode (or none) was loaded. */
  async playFrom(entry: CatalogueEntry, seconds: number): Promise<void> {
    if (!entry.audio) return;
    this.message = null;
    if (!navigator.onLine) {
      this.message = OFFLINE_AUDIO;
      return;
    }
    const loaded = this.episode?.id === entry.id && !!this.element?.src;
    if (!loaded) {
      this.episode = entry;
      // Draws the `<audio>` and attaches it now, while the press still counts as the user's gesture for play().
      flushSync();
    }
    const element = this.element;
    if (!element) return;
    if (!loaded) {
      element.src = entry.audio.url;
      announce(entry);
    }
    this.seek(seconds);
    try {
      await element.play();
    } catch (error) {
      // A newer Play or pause interrupted this one: nothing is wrong.
      if ((error as DOMException).name === 'AbortError') return;
      this.message = navigator.onLine ? `The audio could not be played: ${(error as Error).message}` : OFFLINE_AUDIO;
    }
  }

  /** Moves playback (when this episode is loaded) without starting it. */
  seek(seconds: number): void {
    if (!this.element) return;
    this.element.currentTime = Math.max(0, seconds);
    this.at = this.element.currentTime;
  }

  isLoaded(episodeId: string): boolean {
    return this.episode?.id === episodeId;
  }

  close(): void {
    this.element?.pause();
    this.element?.removeAttribute('src');
    this.element?.load();
    this.episode = null;
    this.message = null;
  }
}

function describe(error: MediaError | null): string {
  if (!error) return 'unknown error';
  return (
    ['', 'stopped', 'network error', 'the file could not be decoded', 'the format is not supported'][error.code] ?? `code ${error.code}`
  );
}

/** The lock screen and headset controls: what plays, and seeking from there. */
function announce(entry: CatalogueEntry): void {
  if (!('mediaSession' in navigator)) return;
  navigator.mediaSession.metadata = new MediaMetadata({ title: entry.title, artist: __PODCAST_NAME__ });
}

export function playLabel(seconds: number): string {
  return `Play from ${formatClock(seconds)}`;
}

export const player = new Player();
