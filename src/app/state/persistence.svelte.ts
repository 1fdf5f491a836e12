/** Whether the browser keeps this app's storage when space runs low: asked once the user saves something of their own. */
class Persistence {
  /** null: not known (yet), or the browser cannot say. */
  persisted: boolean | null = $state(null);

  async check(): Promise<void> {
    this.persisted = (await navigator.storage?.persisted?.().catch(() => null)) ?? null;
  }

  /**
   * Never awaited by a save: Firefox asks the user, and its answer may come much later or never, while the
   * save is already done and must be reported.
   */
  ask(): void {
    if (this.persisted || !navigator.storage?.persist) return;
    navigator.storage.persist().then(
      (granted) => (this.persisted = granted),
      () => undefined,
    );
  }
}

export const persistence = new Persistence();
