// Figures of a chaos run: latency percentiles and client memory samples.

/** The p-th percentile (0-100) of `values`, nearest rank; undefined when empty. */
export function percentile(values: readonly number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export interface Latency {
  readonly n: number;
  readonly p50?: number | undefined;
  readonly p90?: number | undefined;
  readonly p99?: number | undefined;
  readonly max?: number | undefined;
}

export function latency(values: readonly number[]): Latency {
  return { n: values.length, p50: percentile(values, 50), p90: percentile(values, 90), p99: percentile(values, 99), max: percentile(values, 100) };
}

export const MiB = 1024 * 1024;

export function mib(bytes: number): number {
  return Math.round((bytes / MiB) * 10) / 10;
}

/** Samples process memory every `everyMs`; keeps the peaks and a thinned series. */
export function memorySampler(everyMs = 500) {
  let peakRss = 0;
  let peakHeap = 0;
  let peakExternal = 0;
  const series: { atS: number; rssMiB: number; heapMiB: number; externalMiB: number }[] = [];
  const started = Date.now();
  let n = 0;
  const sample = () => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
    peakExternal = Math.max(peakExternal, m.external);
    // One sample in ten is kept for the report (every 5 s by default).
    if (n++ % 10 === 0) series.push({ atS: Math.round((Date.now() - started) / 1000), rssMiB: mib(m.rss), heapMiB: mib(m.heapUsed), externalMiB: mib(m.external) });
  };
  sample();
  const timer = setInterval(sample, everyMs);
  return {
    stop: () => clearInterval(timer),
    summary: () => ({ peakRssMiB: mib(peakRss), peakHeapMiB: mib(peakHeap), peakExternalMiB: mib(peakExternal), series }),
  };
}

/** Heap plus external memory (Arrow buffers live there) after two full collections; needs --expose-gc. */
export function settledMemory(): { heap: number; external: number; rss: number } {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error("The chaos suite measures memory after a full GC: run node with --expose-gc.");
  gc();
  gc();
  const m = process.memoryUsage();
  return { heap: m.heapUsed, external: m.external, rss: m.rss };
}
