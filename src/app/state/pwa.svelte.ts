/** Service-worker lifecycle and connectivity, as state the shell can show. */
import { registerSW } from 'virtual:pwa-register';
import { router } from './router.svelte';

const FIRST_WORK_PATIENCE_MS = 20_000;
/** A tab left open for days still learns of a new version: look this often, and whenever the network returns. */
const UPDATE_CHECK_MS = 60 * 60 * 1000;

class PwaState {
  needRefresh = $state(false);
  offlineReady = $state(false);
  online = $state(navigator.onLine);
  /** Another tab installed the update: this one keeps running until the user reloads it. */
  updatedElsewhere = $state(false);
  private updateServiceWorker: ((reload?: boolean) => Promise<void>) | null = null;
  private reloading = false;
  private updating = false;

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
    // Started a few tasks after this state was made: a change in between had no listener yet.
    this.online = navigator.onLine;
    if (!('serviceWorker' in navigator)) return;
    const register = () => {
      this.updateServiceWorker = registerSW({
        onNeedRefresh: () => (this.needRefresh = true),
        onOfflineReady: () => (this.offlineReady = true),
        // The new version took over. Only the tab that asked for it reloads: another may hold a note being
        // written (drafts are kept in storage too, but a reload out of nowhere is still a surprise).
        onNeedReload: () => {
          // Once: the library adds a listener per update found, and Firefox, which looks for updates on
          // every navigation, can find the same one twice, which reloaded the page twice.
          if (this.updating) {
            if (!this.reloading) router.reload();
            this.reloading = true;
          } else {
            this.needRefresh = false;
            this.updatedElsewhere = true;
          }
        },
        onRegisteredSW: (_url, registration) => {
          if (!registration) return;
          const check = () => void registration.update().catch(() => undefined);
          setInterval(check, UPDATE_CHECK_MS);
          window.addEventListener('online', check);
        },
      });
    };
    if (navigator.serviceWorker.controller) return register();
    // Never wait forever: a search that cannot start must not also cost offline use.
    const giveUp = new Promise((resolve) => setTimeout(resolve, FIRST_WORK_PATIENCE_MS));
    void Promise.race([firstWork, giveUp]).then(register, register);
  }

  async update(): Promise<void> {
    this.updating = true;
    await this.updateServiceWorker?.(true);
  }
}

export const pwa = new PwaState();
