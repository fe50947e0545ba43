/**
 * Whether what a stage shows is what storage holds now: `loaded` is false from the moment a load starts
 * until every load in flight has ended (success or not), and true after. A view puts it on its section as
 * `data-loaded`, so a test (or a screen reader, through aria-busy) can wait for the list a tab switch, a
 * reload or an action reads again, rather than read it while it is still the old one.
 */
export class LoadMarker {
  loaded = $state(false);
  #pending = 0;

  /** Runs `load`; `loaded` turns false now, synchronously, and true once no tracked load is running. */
  async track<T>(load: () => Promise<T>): Promise<T> {
    this.#pending += 1;
    this.loaded = false;
    try {
      return await load();
    } finally {
      this.#pending -= 1;
      if (this.#pending === 0) this.loaded = true;
    }
  }
}
