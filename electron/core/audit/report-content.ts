import type { DeserializeMiddleware } from '@smithy/types';

/** Where the middleware leaves the report's bytes for the caller. */
export interface ReportContent {
  bytes: Uint8Array | null;
}

const open = '<Content>';
const close = '</Content>';

/**
 * Takes GetCredentialReport's `<Content>` (the base64 CSV) out of the XML before the SDK parses
 * it, decodes it with Buffer, and leaves the rest of the answer (format, time, errors) to the SDK.
 *
 * Why: the SDK's XML parser (@aws-sdk/xml-builder, as installed with client-iam 3.1169) builds
 * each text node one character at a time, so the 3 MB of base64 in a 10,000-user report becomes millions of
 * intermediate strings: about 100 MB of transient heap, most of the audit's peak memory.
 * Kept while the SDK parses text that way (checked with client-iam 3.1169): bench_peak_rss_mb in
 * `npm run bench` shows the peak with it, and run-audit.test.ts (through the sandbox's report) proves
 * the rest of the answer still reaches the SDK intact.
 */
export function takeReportContent<Input extends object, Output extends object>(
  into: ReportContent,
): DeserializeMiddleware<Input, Output> {
  return (next) => async (args) => {
    const result = await next(args);
    const response = result.response as { statusCode?: number; body?: unknown };
    if (response.statusCode !== 200) return result;
    // Searched and cut as bytes: the answer is ASCII around the base64, and a 3 MB answer
    // turned into one string and back costs more than the rest of reading it.
    const xml = await readAll(response.body);
    const start = xml.indexOf(open);
    const end = start < 0 ? -1 : xml.indexOf(close, start);
    if (end < 0) {
      response.body = xml;
      return result;
    }
    into.bytes = Buffer.from(xml.toString('latin1', start + open.length, end), 'base64');
    response.body = Buffer.concat([xml.subarray(0, start), xml.subarray(end + close.length)]);
    return result;
  };
}

async function readAll(body: unknown): Promise<Buffer> {
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  if (body === undefined || body === null) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  for await (const chunk of body as AsyncIterable<Uint8Array | string>) {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
  }
  return Buffer.concat(chunks);
}
