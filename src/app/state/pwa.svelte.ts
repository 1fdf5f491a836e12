/** Service-worker lifecycle and connectivity, as state the shell can show. */
import { registerSW } from 'virtual:pwa-register';

const FIRST_WORK_PATIENCE_MS = 20_000;

class PwaState {
  needRefresh = $state(false);
  offlineReady = $state(false);
  online = $state(navigator.onLine);
  private updateServiceWorker: ((reload?: boolean) => Promise<void>) | null = null;

  /**
   * On a first visit, installing the service worker downloads every transcript into the precache while
   * the search worker downloads and indexes the same files: both compete for the network and the CPU,
   * and the user waits longer for search. So a first visit registers once `firstWork` settles (search is
   * ready); the install then mostly revalidates what the HTTP cache already holds. A page the service
   * worker already controls registers at once, to look for updates.
   */
  start(firstWork: Promise<unknown>): void {
    window.addEventListener('online', () => (this.online = true));
    window.addEventListener('offline', () => (this.online = false));
    if (!('serviceWorker' in navigator)) return;
    const register = () => {
      this.updateServiceWorker = registerSW({
        onNeedRefresh: () => (this.needRefresh = true),
        onOfflineReady: () => (this.offlineReady = true),
      });
    };
    if (navigator.serviceWorker.controller) return register();
    // Never wait forever: a search that cannot start must not also cost offline use.
    const giveUp = new Promise((resolve) => setTimeout(resolve, FIRST_WORK_PATIENCE_MS));
    void Promise.race([firstWork, giveUp]).then(register, register);
  }

  async update(): Promise<void> {
    await this.updateServiceWorker?.(true);
  }
}

export const pwa = new PwaState();
