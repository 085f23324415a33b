// History settings: how long entries are kept (by age and by count), Aadhaar masking, and clearing everything.
import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Button } from "../core/Button";
import { Dialog } from "../core/Dialog";
import { useConfirm } from "../core/Notices";
import { historyClear, historySettingsSet, toIpcError } from "../lib/api";
import { queries } from "../lib/queries";

/** A whole number of at least 1, or null for an empty field; NaN for anything else. */
export function limitFrom(text: string): number | null {
  if (text.trim() === "") return null;
  return /^\d+$/.test(text.trim()) && Number(text) >= 1 ? Number(text) : NaN;
}

export function HistorySettingsDialog({ onClose }: { onClose: () => void }) {
  const [days, setDays] = useState("");
  const [count, setCount] = useState("");
  const [mask, setMask] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const confirm = useConfirm();
  const settings = useQuery(queries.historySettings());
  // The fields start from the settings once they have been read; after that they are the person's.
  const [filled, setFilled] = useState(false);
  if (!filled && settings.data) {
    setFilled(true);
    setDays(settings.data.keep_days === null ? "" : String(settings.data.keep_days));
    setCount(settings.data.keep_count === null ? "" : String(settings.data.keep_count));
    setMask(settings.data.mask_aadhaar);
  }
  const problem = error ?? (settings.error ? toIpcError(settings.error).message : null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const keepDays = limitFrom(days);
    const keepCount = limitFrom(count);
    if (Number.isNaN(keepDays) || Number.isNaN(keepCount)) {
      setError("Type a whole number of at least 1, or leave the field empty to keep everything.");
      return;
    }
    try {
      const removed = await historySettingsSet({ keep_days: keepDays, keep_count: keepCount, mask_aadhaar: mask });
      setError(null);
      setDone(removed > 0 ? `Saved. ${removed} older entries were removed.` : "Saved.");
    } catch (e) {
      setError(toIpcError(e).message);
    }
  }

  async function clearAll() {
    const yes = await confirm({
      title: "Clear all history?",
      message: "Every recorded send and answer is deleted. Saved collections and environments stay. This cannot be undone.",
      confirmLabel: "Clear history",
      danger: true,
    });
    if (!yes) return;
    try {
      const removed = await historyClear();
      setDone(`History cleared (${removed} entries).`);
    } catch (e) {
      setError(toIpcError(e).message);
    }
  }

  return (
    <Dialog labelledBy="history-settings-title" onClose={onClose} testId="history-settings">
      <form className="dialog-form" onSubmit={submit}>
        <h2 id="history-settings-title">History settings</h2>
        <p>Every send is kept until you choose otherwise. Leave a field empty to keep everything.</p>
        <label htmlFor="keep-days">Keep entries for at most (days)</label>
        <input id="keep-days" inputMode="numeric" placeholder="Keep all" value={days} onChange={(e) => setDays(e.target.value)} />
        <label htmlFor="keep-count">Keep at most this many entries</label>
        <input id="keep-count" inputMode="numeric" placeholder="No limit" value={count} onChange={(e) => setCount(e.target.value)} />
        <span className="field inline">
          <input id="mask-aadhaar" type="checkbox" checked={mask} onChange={(e) => setMask(e.target.checked)} />
          <label htmlFor="mask-aadhaar">Mask Aadhaar numbers in history (XXXX XXXX 1234)</label>
        </span>
        {problem && (
          <p className="field-error" role="alert">
            {problem}
          </p>
        )}
        {done && (
          <p className="check ok" role="status">
            {done}
          </p>
        )}
        <div className="dialog-actions">
          <Button variant="secondary" className="danger-text" data-testid="history-clear" onClick={() => void clearAll()}>
            Clear all history…
          </Button>
          <span className="spacer" />
          <Button variant="secondary" onClick={onClose}>
            Close
          </Button>
          <Button type="submit">Save</Button>
        </div>
      </form>
    </Dialog>
  );
}
