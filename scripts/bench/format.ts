const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const twoDecimals = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

const MEGABYTE = 1_000_000;

export function formatSeconds(ms: number): string {
  return `${twoDecimals.format(ms / 1_000)} s`;
}

export function formatCount(value: number): string {
  return integer.format(value);
}

/** Files per second over a wall time. */
export function formatFileRate(files: number, ms: number): string {
  return `${integer.format(ms > 0 ? (files * 1_000) / ms : 0)} files/s`;
}

export function megabytesPerSecond(bytes: number, ms: number): number {
  return ms > 0 ? bytes / MEGABYTE / (ms / 1_000) : 0;
}

export function formatByteRate(bytes: number, ms: number): string {
  return `${oneDecimal.format(megabytesPerSecond(bytes, ms))} MB/s`;
}

export function formatMegabytes(bytes: number): string {
  return `${twoDecimals.format(bytes / MEGABYTE)} MB`;
}

export function formatRatio(value: number): string {
  return `${twoDecimals.format(value)}x`;
}
