/** Service-worker lifecycle and connectivity, as state the shell can show. */
import { registerSW } from 'virtual:pwa-register';

class PwaState {
  needRefresh = $state(false);
  offlineReady = $state(false);
  online = $state(navigator.onLine);
  private updateServiceWorker: ((reload?: boolean) => Promise<void>) | null = null;

  start(): void {
    window.addEventListener('online', () => (this.online = true));
    window.addEventListener('offline', () => (this.online = false));
    if (!('serviceWorker' in navigator)) return;
    this.updateServiceWorker = registerSW({
      onNeedRefresh: () => (this.needRefresh = true),
      onOfflineReady: () => (this.offlineReady = true),
    });
  }

  async update(): Promise<void> {
    await this.updateServiceWorker?.(true);
  }
}

export const pwa = new PwaState();
