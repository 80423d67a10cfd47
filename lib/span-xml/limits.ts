/**
 * Bounds on what the SPAN XML reader accepts, so a hostile or broken file is refused within
 * bounded memory (docs/span-xml.md, "Limits"). A real clearing house file nests 9 deep, its
 * longest text is a few dozen characters, and CME's largest daily files are tens of MB.
 */
export interface SpanReadLimits {
  /** Deepest element nesting accepted (spanFile is depth 1; real files reach 9). */
  readonly maxDepth: number;
  /**
   * Longest single piece of markup or text, in characters: one element's text, one tag, one
   * comment. The parser holds such a piece whole before handing it over; past this it is refused.
   */
  readonly maxElementChars: number;
  /** Largest file read, in bytes (the XML itself, or the zip archive as uploaded). */
  readonly maxFileBytes: number;
  /** Largest XML a zip archive may inflate to, in bytes, counted while inflating. */
  readonly maxInflatedBytes: number;
}

export const SPAN_READ_LIMITS: SpanReadLimits = {
  maxDepth: 64,
  maxElementChars: 1 << 20,
  maxFileBytes: 150 * 1024 * 1024,
  maxInflatedBytes: 150 * 1024 * 1024,
};

/** "150 MB", "1 MiB" style size for messages. */
export function sizeLabel(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}
