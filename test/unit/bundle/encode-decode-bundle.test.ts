import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { BundleError, type BundleErrorKind } from '../../../src/core/bundle/bundle-error.ts';
import { decodeBundle } from '../../../src/core/bundle/decode-bundle.ts';
import { encodeBundle } from '../../../src/core/bundle/encode-bundle.ts';
import { stringifyRecords } from '../../../src/core/project-file/json-codec.ts';
import { tinyBundle } from './bundle-fixture.ts';

const encoder = new TextEncoder();

/** A zip with a manifest vouching for `data` as bundle.json, with manifest fields overridden. */
function pack(data: unknown, manifest: Record<string, unknown> = {}): Uint8Array {
  const bytes = encoder.encode(stringifyRecords(data));
  const fields = {
    format: 'looplab-bundle',
    schemaVersion: 1,
    appVersion: 'test',
    created: '2026-01-02T00:00:00.000Z',
    files: { 'bundle.json': { sha256: bytesToHex(sha256(bytes)), bytes: bytes.length } },
    ...manifest,
  };
  return zipSync({ 'manifest.json': encoder.encode(JSON.stringify(fields)), 'bundle.json': bytes });
}

function rejection(bytes: Uint8Array, options?: { maxBytes?: number }): BundleError {
  try {
    decodeBundle(bytes, options);
  } catch (error) {
    if (error instanceof BundleError) return error;
    throw error;
  }
  throw new Error('expected decodeBundle to refuse the file');
}

function expectRejected(bytes: Uint8Array, kind: BundleErrorKind, message: RegExp, maxBytes?: number): void {
  const error = rejection(bytes, maxBytes === undefined ? undefined : { maxBytes });
  expect(error.kind).toBe(kind);
  expect(error.message).toMatch(message);
}

describe('encodeBundle / decodeBundle', () => {
  it('round-trips a bundle exactly, NaN metrics included', () => {
    const bundle = tinyBundle();
    const decoded = decodeBundle(encodeBundle(bundle, { appVersion: '1.2.3' }));
    expect(decoded).toEqual(bundle);
    expect(decoded.metrics.validation.log_loss).toBeNaN();
  });

  it('writes the same bytes for the same bundle', () => {
    const bundle = tinyBundle();
    expect(encodeBundle(bundle)).toEqual(encodeBundle(bundle));
  });

  it('refuses a truncated file', () => {
    const bytes = encodeBundle(tinyBundle());
    expectRejected(bytes.subarray(0, bytes.length - 10), 'truncated', /truncated: the end of the zip/);
  });

  it('refuses a flipped byte inside bundle.json as tampered', () => {
    const bytes = encodeBundle(tinyBundle(), { level: 0 }).slice();
    // Stored uncompressed, so the JSON is in the file as is: "threshold":0.5 becomes 0.6, still valid JSON.
    const needle = encoder.encode('"threshold":0.5');
    const at = indexOf(bytes, needle);
    expect(at).toBeGreaterThan(0);
    bytes[at + needle.length - 1] = '6'.charCodeAt(0);
    expectRejected(bytes, 'tampered', /bundle.json does not match its checksum in manifest.json \(tampered/);
  });

  it('refuses a zip without a manifest as foreign', () => {
    const bytes = zipSync({ 'bundle.json': encoder.encode('{}') });
    expectRejected(bytes, 'foreign', /not a Looplab model bundle: it has no manifest.json/);
  });

  it('refuses a Looplab project file as foreign, saying what it is', () => {
    expectRejected(pack({}, { format: 'looplab-project' }), 'foreign', /Looplab project file/);
  });

  it('refuses a random non-zip file', () => {
    const bytes = Uint8Array.from({ length: 512 }, (_, i) => (i * 97 + 13) % 256);
    expectRejected(bytes, 'not-a-zip', /not a Looplab model bundle: a bundle is a zip archive/);
    expectRejected(new Uint8Array(0), 'not-a-zip', /empty/);
  });

  it('refuses a file over maxBytes, packed or unpacked', () => {
    const bytes = encodeBundle(tinyBundle());
    expectRejected(bytes, 'too-large', /over the 1.0 KiB limit/, 1024);
    expectRejected(bytes, 'too-large', /unpacks to .* over the/, bytes.length);
  });

  it('reads a schema version 1 bundle (written before ensembles) as version 2', () => {
    const bundle = tinyBundle();
    const old = decodeBundle(pack({ ...bundle, schemaVersion: 1 }, { schemaVersion: 1 }));
    expect(old.schemaVersion).toBe(2);
    expect(old.model).toEqual(bundle.model);
  });

  it('refuses a wrong schemaVersion, in the manifest or in bundle.json', () => {
    const bundle = tinyBundle();
    expectRejected(
      pack(bundle, { schemaVersion: 3 }),
      'unsupported-version',
      /newer Looplab.*Update Looplab/,
    );
    expectRejected(
      pack({ ...bundle, schemaVersion: 0 }),
      'unsupported-version',
      /field 'schemaVersion' is 0/,
    );
  });

  it('refuses a well-packed bundle whose content is wrong, naming the field', () => {
    const bundle = tinyBundle();
    const { signature: _signature, ...unsigned } = bundle;
    expectRejected(pack(unsigned), 'invalid', /bundle.json: field 'signature' is missing/);
    const shapeless = { ...bundle, model: { ...bundle.model, inputDim: 3 } };
    expectRejected(pack(shapeless), 'invalid', /field 'model.weights\[0\].shape' must be \[3, units\]/);
    const broken = { ...bundle, pipeline: { ...bundle.pipeline, outputs: ['x'] } };
    expectRejected(pack(broken), 'invalid', /field 'pipeline/);
  });

  it('refuses an extra file in the archive as foreign', () => {
    const bytes = zipSync({ ...unzipSync(encodeBundle(tinyBundle())), 'payload.exe': new Uint8Array(1) });
    expectRejected(bytes, 'foreign', /'payload.exe'/);
  });
});

function indexOf(haystack: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

describe('decodeBundle on damaged compressed data', () => {
  it('reports a flipped byte in deflated bundle.json as tampered', () => {
    const bytes = encodeBundle(tinyBundle()).slice();
    // bundle.json's local header follows manifest.json's; its compressed data starts after its name.
    const name = encoder.encode('bundle.json');
    const at = indexOf(bytes, name);
    bytes[at + name.length + 40] = bytes[at + name.length + 40]! ^ 0xff;
    expect(rejection(bytes).kind).toBe('tampered');
  });

  it('refuses fitted recipe values learned by another recipe', () => {
    const bundle = tinyBundle();
    const other = { ...bundle, recipeFitted: { ...bundle.recipeFitted, recipeVersion: 'other' } };
    expectRejected(
      pack(other),
      'invalid',
      /recipeFitted.recipeVersion' was learned with recipe version other/,
    );
  });
});
