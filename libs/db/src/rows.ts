/** Converts a timestamp column to the ISO string the API returns. */
export function iso(value: Date | null): string | null {
  return value === null ? null : value.toISOString();
}

export function isoRequired(value: Date): string {
  return value.toISOString();
}
