// The built-in sandbox's clock, set ahead or behind to practise TIMESTAMP_EXPIRED. Lasts until the app closes.
import { useQueryClient, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "../core/Button";
import { sandboxClockSet, toIpcError } from "../lib/api";
import { keys, queries } from "../lib/queries";

export function SandboxClock() {
  const client = useQueryClient();
  const clock = useQuery(queries.sandboxClock());
  const [minutes, setMinutes] = useState("0");
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  // The field starts from the clock once it has been read; after that it is the person's.
  const [filled, setFilled] = useState(false);
  if (!filled && clock.data !== undefined) {
    setFilled(true);
    setMinutes(String(clock.data / 60));
  }

  // Not a <form>: it sits inside the environment editor's form.
  async function apply() {
    const value = Number(minutes);
    if (minutes.trim() === "" || !Number.isFinite(value)) {
      setMessage({ ok: false, text: "Type a number of minutes, such as 7 (ahead) or -7 (behind)." });
      return;
    }
    try {
      const secs = await sandboxClockSet(Math.round(value * 60));
      // Only this window sets the sandbox's clock: no event needed.
      client.setQueryData(keys.sandboxClock, secs);
      setMessage({
        ok: true,
        text:
          secs === 0
            ? "The sandbox's clock is right again."
            : `The sandbox's clock now runs ${Math.abs(secs / 60)} minutes ${secs > 0 ? "ahead" : "behind"}. More than 5 minutes out and every request is refused with TIMESTAMP_EXPIRED.`,
      });
    } catch (e) {
      setMessage({ ok: false, text: toIpcError(e).message });
    }
  }

  return (
    <fieldset>
        <legend>Sandbox clock (for practice)</legend>
        <p className="hint">Set the sandbox's clock ahead or behind to see how the API treats a computer whose clock is wrong. Lasts until the app closes.</p>
        <div className="row">
          <label htmlFor="sandbox-clock">Minutes ahead (negative: behind)</label>
          <input id="sandbox-clock" data-testid="sandbox-clock" inputMode="numeric" className="short" value={minutes}
            onChange={(e) => setMinutes(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter") {
                e.preventDefault();
                void apply();
              }
            }}
          />
          <Button variant="secondary" small data-testid="sandbox-clock-apply" onClick={() => void apply()}>
            Apply
          </Button>
        </div>
        {message && (
          <p className={message.ok ? "check ok" : "check bad"} role="status" data-testid="sandbox-clock-message">
            {message.text}
          </p>
        )}
    </fieldset>
  );
}
