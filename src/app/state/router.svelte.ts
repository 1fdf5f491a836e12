/** A small client router: the URL decides the screen; links inside the app change it without a reload. */
import { parseRoute, type Route } from '../../lib/routes';

export const BASE = import.meta.env.BASE_URL;

/**
 * While typing, the address bar is written once the typist pauses this long. Each history write costs the
 * browser process a few milliseconds, taken from the search worker on a two-core phone, and browsers limit
 * how often a page may write (Safari: 100 writes in 30 s, then an error).
 */
const TYPING_URL_DELAY_MS = 400;

class Router {
  private location = $state({ pathname: window.location.pathname, search: window.location.search, hash: window.location.hash });
  readonly route: Route = $derived(parseRoute(this.location.pathname, this.location.search, BASE, this.location.hash));
  /** The URL on screen but not yet in the address bar (see replaceWhileTyping). */
  private unwritten: string | null = null;
  private writeTimer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    window.addEventListener('popstate', () => {
      // The entry that was on screen is gone: its last keystrokes are not written into the one returned to.
      this.forgetUnwritten();
      this.sync();
    });
    window.addEventListener('pagehide', () => this.writeNow());
    document.addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && this.writeNow());
    document.addEventListener('click', (event) => this.interceptLink(event));
  }

  navigate(href: string, options: { replace?: boolean } = {}): void {
    this.writeNow(); // the entry being left keeps its latest search, for Back
    if (options.replace) history.replaceState(null, '', href);
    else history.pushState(null, '', href);
    this.sync();
    if (!options.replace) window.scrollTo(0, 0);
  }

  /** Shows `href`'s screen at once, and puts it in the address bar (replacing) when typing pauses. */
  replaceWhileTyping(href: string): void {
    const url = new URL(href, window.location.href);
    this.location = { pathname: url.pathname, search: url.search, hash: url.hash };
    this.unwritten = href;
    clearTimeout(this.writeTimer);
    this.writeTimer = setTimeout(() => this.writeNow(), TYPING_URL_DELAY_MS);
  }

  /** Reloads the page at the URL on screen. */
  reload(): void {
    this.writeNow();
    window.location.reload();
  }

  private writeNow(): void {
    const href = this.unwritten;
    this.forgetUnwritten();
    if (href !== null) history.replaceState(null, '', href);
  }

  private forgetUnwritten(): void {
    clearTimeout(this.writeTimer);
    this.unwritten = null;
  }

  private sync(): void {
    this.location = { pathname: window.location.pathname, search: window.location.search, hash: window.location.hash };
  }

  private interceptLink(event: MouseEvent): void {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const anchor = (event.target as Element | null)?.closest?.('a');
    if (!anchor || anchor.target || anchor.hasAttribute('download')) return;
    const url = new URL(anchor.href, window.location.href);
    if (url.origin !== window.location.origin || !url.pathname.startsWith(BASE)) return;
    event.preventDefault();
    this.navigate(url.pathname + url.search + url.hash);
  }
}

export const router = new Router();
