/// <reference types="svelte" />
/// <reference types="vite/client" />
/// <reference types="vite-plugin-pwa/client" />

declare module 'virtual:transcript-data' {
  export const catalogueUrl: string;
}

declare const __APP_VERSION__: string;
declare const __PODCAST_NAME__: string;
