#!/usr/bin/env node
/**
 * Debian's firefox-esr for Playwright's `moz-firefox` channel (WebDriver BiDi). Playwright starts this file
 * as the browser: it starts firefox-esr with the same arguments and relays the BiDi websocket, filling two
 * gaps of ESR that would otherwise break every test (see the README's "Browsers"):
 *
 * - `emulation.setMediaFeaturesOverride`, which Playwright sends for every new page and ESR lacks, is answered
 *   here when it only asks for the defaults; anything else is refused loudly, never pretended.
 * - download events that ESR sends with `navigation: null` are given an id, which Playwright needs to
 *   report the download.
 *
 * FIREFOX_PATH overrides the browser (default /usr/bin/firefox-esr).
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { WebSocket, WebSocketServer } from 'ws';

const firefox = spawn(process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr', process.argv.slice(2), { stdio: ['ignore', 'inherit', 'pipe'] });
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => firefox.kill(signal));
firefox.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

const LISTENING = /WebDriver BiDi listening on (ws:\/\/\S+)/;
createInterface({ input: firefox.stderr }).on('line', (line) => {
  const match = LISTENING.exec(line);
  if (!match) return void process.stderr.write(`${line}\n`);
  relay(match[1]).then((url) => process.stderr.write(`WebDriver BiDi listening on ${url}\n`));
});

/** A websocket server in front of Firefox's; returns its URL. */
function relay(upstream) {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  server.on('connection', (client, request) => {
    const browser = new WebSocket(upstream + request.url);
    const early = [];
    browser.on('open', () => early.splice(0).forEach((m) => browser.send(m)));
    const downloads = new Map();
    let nextDownload = 1;
    client.on('message', (data) => {
      const text = data.toString();
      const answer = answerHere(JSON.parse(text));
      if (answer) return client.send(JSON.stringify(answer));
      if (browser.readyState === WebSocket.OPEN) browser.send(text);
      else early.push(text);
    });
    browser.on('message', (data) => {
      const message = JSON.parse(data.toString());
      if (message.method === 'browsingContext.downloadWillBegin' && !message.params.navigation && !message.params.download) {
        const id = `esr-download-${nextDownload++}`;
        downloads.set(message.params.url, id);
        message.params.download = id;
      } else if (message.method === 'browsingContext.downloadEnd' && !message.params.navigation && !message.params.download) {
        message.params.download = downloads.get(message.params.url);
        downloads.delete(message.params.url);
      }
      client.send(JSON.stringify(message));
    });
    const closeBoth = () => {
      client.close();
      browser.close();
    };
    client.on('close', closeBoth);
    browser.on('close', closeBoth);
    browser.on('error', closeBoth);
  });
  return new Promise((resolve) => server.on('listening', () => resolve(`ws://127.0.0.1:${server.address().port}`)));
}

/** The reply to a command ESR does not implement, or null to pass it on. */
function answerHere(command) {
  if (command.method !== 'emulation.setMediaFeaturesOverride') return null;
  const features = command.params?.features ?? {};
  const onlyDefaults = Object.values(features).every((value) => value === null || value === undefined);
  if (onlyDefaults) return { type: 'success', id: command.id, result: {} };
  return {
    type: 'error',
    id: command.id,
    error: 'unsupported operation',
    message: `firefox-esr cannot emulate media features (${JSON.stringify(features)}): skip this test on Firefox`,
  };
}
