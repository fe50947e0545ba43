/**
 * The JS heap of the page and of each of its workers, through the Chrome DevTools Protocol: the page's own
 * session, plus one session per dedicated worker and service worker attached automatically (the flat mode
 * off, so that Playwright's CDPSession can reach them with Target.sendMessageToTarget). `performance.memory`
 * is not exposed in workers, and measureUserAgentSpecificMemory needs cross-origin isolation the app lacks.
 */
import type { CDPSession, Page } from 'playwright-core';

export interface HeapUsage {
  /** V8 heap in use after a full garbage collection, in bytes. */
  usedBytes: number;
  totalBytes: number;
}

interface CdpReply {
  id: number;
  result?: unknown;
  error?: { message: string };
}

export class HeapProbe {
  readonly #cdp: CDPSession;
  /** Worker script URL → its CDP session id (the newest, if a worker was started again). */
  readonly #targets = new Map<string, string>();
  readonly #waiting = new Map<number, (reply: CdpReply) => void>();
  #next = 0;
  #chunks: string[] = [];

  private constructor(cdp: CDPSession) {
    this.#cdp = cdp;
    cdp.on('Target.attachedToTarget', (event) => this.#targets.set(event.targetInfo.url, event.sessionId));
    cdp.on('Target.receivedMessageFromTarget', (event) => {
      const reply = JSON.parse(event.message) as CdpReply & { method?: string; params?: { chunk: string } };
      if (reply.method === 'HeapProfiler.addHeapSnapshotChunk') this.#chunks.push(reply.params!.chunk);
      this.#waiting.get(reply.id)?.(reply);
      this.#waiting.delete(reply.id);
    });
  }

  /** Attaches to `page` before it loads, so that every worker it starts is seen. */
  static async attach(page: Page): Promise<HeapProbe> {
    const probe = new HeapProbe(await page.context().newCDPSession(page));
    await probe.#cdp.send('Target.setAutoAttach', {
      autoAttach: true,
      waitForDebuggerOnStart: false,
      flatten: false,
    });
    return probe;
  }

  /** The URL of the worker whose script URL contains `part`. */
  worker(part: string): string {
    const url = [...this.#targets.keys()].find((u) => u.includes(part));
    if (!url) throw new Error(`no worker matching ${part} (${[...this.#targets.keys()].join(', ')})`);
    return url;
  }

  /** The page's heap after a full collection. */
  async page(): Promise<HeapUsage> {
    await this.#cdp.send('HeapProfiler.collectGarbage');
    return usage((await this.#cdp.send('Runtime.getHeapUsage')) as { usedSize: number; totalSize: number });
  }

  /** A worker's heap after a full collection. */
  async workerHeap(url: string): Promise<HeapUsage> {
    const sessionId = this.#targets.get(url);
    if (!sessionId) throw new Error(`worker ${url} is not attached`);
    await this.#call(sessionId, 'HeapProfiler.collectGarbage');
    return usage(
      (await this.#call(sessionId, 'Runtime.getHeapUsage')) as { usedSize: number; totalSize: number },
    );
  }

  /** Diagnostic: self size and count per constructor name in a worker's heap snapshot. */
  async workerSnapshot(url: string): Promise<Map<string, { count: number; size: number }>> {
    const sessionId = this.#targets.get(url)!;
    this.#chunks = [];
    await this.#call(sessionId, 'HeapProfiler.collectGarbage');
    await this.#call(sessionId, 'HeapProfiler.takeHeapSnapshot');
    const snap = JSON.parse(this.#chunks.join('')) as {
      snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
      nodes: number[];
      strings: string[];
    };
    const fields = snap.snapshot.meta.node_fields;
    const width = fields.length;
    const [typeAt, nameAt, sizeAt] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f));
    const types = snap.snapshot.meta.node_types[0];
    const out = new Map<string, { count: number; size: number }>();
    for (let i = 0; i < snap.nodes.length; i += width) {
      const type = types[snap.nodes[i + typeAt!]!]!;
      const name =
        type === 'object' || type === 'closure' ? snap.strings[snap.nodes[i + nameAt!]!]! : `(${type})`;
      const entry = out.get(name) ?? { count: 0, size: 0 };
      entry.count++;
      entry.size += snap.nodes[i + sizeAt!]!;
      out.set(name, entry);
    }
    return out;
  }

  async #call(sessionId: string, method: string): Promise<unknown> {
    const id = ++this.#next;
    const reply = new Promise<CdpReply>((resolve) => this.#waiting.set(id, resolve));
    await this.#cdp.send('Target.sendMessageToTarget', {
      sessionId,
      message: JSON.stringify({ id, method }),
    });
    const { result, error } = await reply;
    if (error) throw new Error(`${method}: ${error.message}`);
    return result;
  }
}

function usage(heap: { usedSize: number; totalSize: number }): HeapUsage {
  return { usedBytes: heap.usedSize, totalBytes: heap.totalSize };
}
