// Invisible characters made visible, for the signature inspector: a space, a tab or a line break in the signed
// text is exactly the kind of difference that breaks a signature.

export interface Piece {
  text: string;
  /** What the piece stands for, when it is a marker for an invisible character. */
  stands_for?: string;
}

const MARKERS: Record<string, [string, string]> = {
  " ": ["·", "space"],
  "\t": ["→", "tab"],
  "\n": ["↵\n", "line break"],
  "\r": ["␍", "carriage return"],
  "\u00a0": ["⍽", "non-breaking space"],
  "\u200b": ["⟨ZWSP⟩", "zero-width space"],
  "\ufeff": ["⟨BOM⟩", "byte order mark"],
};

/** `text` split into ordinary runs and markers for invisible characters. */
export function makeVisible(text: string): Piece[] {
  const pieces: Piece[] = [];
  let run = "";
  for (const ch of text) {
    const marker = MARKERS[ch];
    if (marker) {
      if (run) pieces.push({ text: run });
      run = "";
      pieces.push({ text: marker[0], stands_for: marker[1] });
    } else {
      run += ch;
    }
  }
  if (run) pieces.push({ text: run });
  return pieces;
}

export function byteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** 420 → "7 minutes fast", -125 → "2 minutes 5 seconds slow", 0 → "in step with the server". */
export function clockPhrase(diffSecs: number): string {
  // A Date header is good to about a second: past two minutes, round to 5 seconds (419 → "7 minutes").
  const exact = Math.abs(diffSecs);
  const abs = exact >= 120 ? Math.round(exact / 5) * 5 : exact;
  if (abs <= 1) return "in step with the server";
  const minutes = Math.floor(abs / 60);
  const seconds = abs % 60;
  const parts = [];
  if (minutes) parts.push(`${minutes} minute${minutes === 1 ? "" : "s"}`);
  if (seconds) parts.push(`${seconds} second${seconds === 1 ? "" : "s"}`);
  return `${parts.join(" ")} ${diffSecs > 0 ? "fast" : "slow"}`;
}

/** Differences over this (2 minutes) get a warning before the next send; the API allows 5. */
export const CLOCK_WARNING_SECS = 120;
