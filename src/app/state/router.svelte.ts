/** A small client router: the URL decides the screen; links inside the app change it without a reload. */
import { parseRoute, type Route } from '../../lib/routes';

export const BASE = import.meta.env.BASE_URL;

class Router {
  private location = $state({ pathname: window.location.pathname, search: window.location.search });
  readonly route: Route = $derived(parseRoute(this.location.pathname, this.location.search, BASE));

  constructor() {
    window.addEventListener('popstate', () => this.sync());
    document.addEventListener('click', (event) => this.interceptLink(event));
  }

  navigate(href: string, options: { replace?: boolean } = {}): void {
    if (options.replace) history.replaceState(null, '', href);
    else history.pushState(null, '', href);
    this.sync();
    if (!options.replace) window.scrollTo(0, 0);
  }

  private sync(): void {
    this.location = { pathname: window.location.pathname, search: window.location.search };
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
