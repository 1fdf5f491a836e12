/**
 * The few W3C WebDriver commands the WebKit smoke suite needs, over plain HTTP to WebKitWebDriver (Playwright's
 * WebKit build cannot be downloaded here; Debian's webkit2gtk-driver can be installed).
 */
import { spawn, type ChildProcess } from 'node:child_process';

/** A web element reference: one key (the W3C one, or the legacy `ELEMENT` some drivers send) naming its id. */
export type ElementRef = Record<string, string>;
const idOf = (element: ElementRef | null | undefined): string => {
  const id = element && Object.values(element)[0];
  if (!id) throw new Error('no such element');
  return id;
};

export class WebDriver {
  private constructor(
    private readonly base: string,
    private readonly driver: ChildProcess,
  ) {}

  /** Starts WebKitWebDriver on `port` and a MiniBrowser session (run under a display, e.g. `xvfb-run`). */
  static async start(port: number): Promise<WebDriver> {
    const driverPath = process.env.WEBKIT_DRIVER ?? 'WebKitWebDriver';
    const driver = spawn(driverPath, [`--port=${port}`], { stdio: ['ignore', 'ignore', 'inherit'] });
    const server = `http://127.0.0.1:${port}`;
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`${server}/status`)).ok) break;
      } catch {
        if (i > 100) throw new Error(`${driverPath} did not start`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    const binary = process.env.WEBKIT_BROWSER ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
    const session = await send<{ sessionId: string }>('POST', `${server}/session`, {
      capabilities: { alwaysMatch: { 'webkitgtk:browserOptions': { binary, args: ['--automation'] } } },
    });
    return new WebDriver(`${server}/session/${session.sessionId}`, driver);
  }

  navigate(url: string): Promise<unknown> {
    return send('POST', `${this.base}/url`, { url });
  }

  /** Runs `body` (a function body; `arguments` are `args`) in the page and returns its value. */
  execute<T>(body: string, ...args: unknown[]): Promise<T> {
    return send<T>('POST', `${this.base}/execute/sync`, { script: body, args });
  }

  /** Like `execute`, for a body that awaits: it gets `done` as its last argument. */
  executeAsync<T>(body: string, ...args: unknown[]): Promise<T> {
    return send<T>('POST', `${this.base}/execute/async`, { script: `const done = arguments[arguments.length - 1]; ${body}`, args });
  }

  find(css: string): Promise<ElementRef> {
    return send<ElementRef>('POST', `${this.base}/element`, { using: 'css selector', value: css });
  }

  click(element: ElementRef): Promise<unknown> {
    return send('POST', `${this.base}/element/${idOf(element)}/click`, {});
  }

  type(element: ElementRef, text: string): Promise<unknown> {
    return send('POST', `${this.base}/element/${idOf(element)}/value`, { text });
  }

  /** Polls `body` (returning a truthy value when the state is reached) until it does, or fails after `ms`. */
  async waitFor<T>(what: string, body: string, ms = 20_000, ...args: unknown[]): Promise<T> {
    const end = Date.now() + ms;
    let last: unknown;
    while (Date.now() < end) {
      try {
        const value = await this.execute<T>(body, ...args);
        if (value) return value;
      } catch (error) {
        last = error; // navigating: the page is not there yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`timed out waiting for ${what}${last ? ` (${String(last)})` : ''}`);
  }

  async quit(): Promise<void> {
    await send('DELETE', this.base).catch(() => undefined);
    this.driver.kill();
  }
}

async function send<T>(method: string, url: string, body?: unknown): Promise<T> {
  const response = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const reply = (await response.json()) as { value: T & { error?: string; message?: string } };
  if (!response.ok) throw new Error(`${method} ${url}: ${reply.value.error}: ${reply.value.message}`);
  return reply.value;
}
