// Small formatters: sizes, durations, status classes, and when something was sent (the way Indian staff write dates).

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

export function formatDuration(ms: number): string {
  if (ms < 1) return "under 1 ms";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}

export type StatusTone = "success" | "client-error" | "server-error" | "other";

export function statusTone(status: number): StatusTone {
  if (status >= 200 && status < 300) return "success";
  if (status >= 400 && status < 500) return "client-error";
  if (status >= 500) return "server-error";
  return "other";
}

const whenFormat = new Intl.DateTimeFormat("en-IN", { dateStyle: "medium", timeStyle: "short" });
const timeFormat = new Intl.DateTimeFormat("en-IN", { timeStyle: "medium" });

/** A moment in this computer's time zone, day first and the month in words, never "12/2/2026" (2 December or 12 February?). */
export function formatWhen(ms: number): string {
  return whenFormat.format(new Date(ms));
}

/** The time alone for a moment of today (`now` by default), else the day too. */
export function formatWhenShort(ms: number, now: Date = new Date()): string {
  const d = new Date(ms);
  return d.toDateString() === now.toDateString() ? timeFormat.format(d) : formatWhen(ms);
}
