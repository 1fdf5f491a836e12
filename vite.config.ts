import { svelte } from '@sveltejs/vite-plugin-svelte';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { contentSecurityPolicy, mediaOriginsOf } from './src/node/csp';
import { previewHeadersPlugin, productionHtmlPlugin } from './src/node/vite-plugin-html';
import { eagerCompilePlugin } from './src/node/vite-plugin-eager-compile';
import { precompressPlugin } from './src/node/vite-plugin-precompress';
import { downloadFeedFolder } from './src/node/feed-download';
import { formatProblem, ingestFolder } from './src/node/transcripts-folder';
import { transcriptsPlugin } from './src/node/vite-plugin-transcripts';

// Build over another folder with TRANSCRIPTS_DIR=path, or from a live feed with FEED_URL=https://… (downloaded
// into TRANSCRIPTS_DIR, by default .cache/feed); serve from a subfolder with BASE=/sub/.
const feedUrl = process.env.FEED_URL;
const transcriptsDir = resolve(process.env.TRANSCRIPTS_DIR ?? (feedUrl ? '.cache/feed' : 'transcripts'));
if (feedUrl) {
  for (const problem of await downloadFeedFolder(feedUrl, transcriptsDir)) console.warn(formatProblem(problem));
}
const base = process.env.BASE ?? '/';
/** What "Import transcript" accepts, by media type, for the share target and the file handler. */
const TRANSCRIPT_TYPES: Record<string, string[]> = {
  'text/plain': ['.txt', '.sbv'],
  'text/vtt': ['.vtt'],
  'application/x-subrip': ['.srt'],
  'application/json': ['.json'],
  'text/html': ['.html', '.htm'],
};
const ingest = ingestFolder(transcriptsDir);
const { podcast } = ingest.built.catalogue;
// Audio may come from the feed's enclosure origins, and from nowhere else.
const policy = contentSecurityPolicy(mediaOriginsOf(ingest.built.catalogue.episodes.flatMap((e) => (e.audio ? [e.audio.url] : []))));

export default defineConfig({
  base,
  build: {
    outDir: process.env.OUT_DIR ?? 'dist',
    target: 'es2022',
    sourcemap: false,
  },
  worker: { format: 'es' },
  define: {
    __APP_VERSION__: JSON.stringify(process.env.APP_VERSION ?? new Date().toISOString()),
    // Known at build time, so the header does not change width when the catalogue arrives.
    __PODCAST_NAME__: JSON.stringify(podcast.name),
  },
  plugins: [
    svelte(),
    transcriptsPlugin(ingest),
    productionHtmlPlugin(policy, { catalogueFile: ingest.built.catalogueFile.fileName }),
    previewHeadersPlugin(),
    eagerCompilePlugin(),
    precompressPlugin(),
    VitePWA({
      strategies: 'generateSW',
      registerType: 'prompt',
      injectRegister: false,
      includeAssets: ['icon.svg'],
      manifest: {
        id: base,
        name: podcast.name,
        short_name: podcast.shortName,
        description: podcast.description,
        start_url: base,
        scope: base,
        display: 'standalone',
        theme_color: podcast.themeColor,
        background_color: '#ffffff',
        // The user's own transcripts, shared to the installed app or opened with it (see src/app/incoming-files.ts).
        share_target: {
          action: `${base}share-target`,
          method: 'POST',
          enctype: 'multipart/form-data',
          params: {
            files: [{ name: 'transcripts', accept: [...Object.keys(TRANSCRIPT_TYPES), ...Object.values(TRANSCRIPT_TYPES).flat()] }],
          },
        },
        file_handlers: [{ action: `${base}episodes`, accept: TRANSCRIPT_TYPES }],
        icons: [
          { src: 'icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: 'icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        importScripts: ['share-target.js'],
        globPatterns: ['**/*.{js,css,html,svg,png,json,webmanifest}'],
        // Every episode file is small, but nothing may be left out silently: fail the build instead.
        maximumFileSizeToCacheInBytes: 2 * 1024 * 1024,
        // Content-hashed files need no cache-busting query: the install may then revalidate what the
        // search worker has just downloaded (HTTP cache) instead of downloading it again.
        dontCacheBustURLsMatching: /(?:-[\w-]{8}\.(?:js|css)|\.[0-9a-f]{12}\.json)$/,
        navigateFallback: 'index.html',
        // Matched against path and query: only the path may say /data/ (a search for "/data/x" is a page).
        navigateFallbackDenylist: [/^[^?]*\/data\//],
        cleanupOutdatedCaches: true,
        clientsClaim: false,
        skipWaiting: false,
      },
    }),
  ],
  server: {
    headers: {},
  },
});
