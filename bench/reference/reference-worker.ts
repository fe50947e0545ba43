/**
 * Bench-only worker: parses the same File with the two references Looplab's ingest is compared against,
 * papaparse (streaming from the File, strings) and arquero's fromCSV (whole string; its streaming reader
 * loses rows, TOOLCHAIN.md trap 1). Not part of the app.
 */
import { fromCSV } from 'arquero';
import Papa from 'papaparse';

type Request = { method: 'papaparse' | 'arquero' | 'arquero-autotype'; file: File };

self.onmessage = async (event: MessageEvent<Request>) => {
  const { method, file } = event.data;
  const start = performance.now();
  let rows = 0;
  if (method === 'papaparse') {
    rows = await new Promise<number>((resolve, reject) => {
      let n = 0;
      Papa.parse<string[]>(file, {
        chunkSize: 1 << 20,
        skipEmptyLines: true,
        chunk: (result) => {
          n += result.data.length;
        },
        complete: () => resolve(n - 1), // minus the header row
        error: reject,
      });
    });
  } else {
    const table = fromCSV(await file.text(), { autoType: method === 'arquero-autotype' });
    rows = table.numRows();
  }
  self.postMessage({ method, rows, ms: performance.now() - start });
};
