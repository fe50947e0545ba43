/** A Blob's bytes as an async iterable, the source `ingestCsv` reads (in workers and pages alike). */
export async function* bytesOf(blob: Blob): AsyncIterable<Uint8Array> {
  const reader = blob.stream().getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    yield value;
  }
}

/** Progress messages cross threads; a few per second keep the bar smooth without flooding the page. */
export function throttle<T>(
  fn: ((value: T) => void) | undefined,
  ms = 100,
): (value: T, force?: boolean) => void {
  let last = 0;
  return (value, force = false) => {
    const now = performance.now();
    if (fn && (force || now - last >= ms)) {
      last = now;
      fn(value);
    }
  };
}
