import { describe, expect, it } from "vitest";
import type { Progress } from "../bindings/Progress";
import type { RunView } from "../bindings/RunView";
import { runLine } from "./runs";

const run = (active: boolean, state: RunView["info"]["state"]): RunView => ({
  active,
  counts: { success: 0, api_error: 0, not_sent: 0, skipped: 2 },
  info: { id: 1, created_ms: 0, name: "a.csv", fingerprint: "", environment: "Sandbox", target: "", row_count: 40,
    rows_to_send: [], rate: 5, concurrency: 4, state, finished_ms: null },
});
const progress: Progress = { counts: { success: 7, api_error: 1, not_sent: 0, skipped: 2 }, total: 40, waiting: 30,
  rows_per_second: 5, seconds_left: 6, rate_limit: 5, rate_limited: 0 };

describe("runLine", () => {
  it("counts from the latest progress while the run sends, as its panel does", () => {
    expect(runLine(run(true, "running"), progress)).toBe("10/40 · sending");
    expect(runLine(run(true, "running"), undefined)).toBe("2/40 · sending");
  });

  it("says a run the app left while sending has stopped, and otherwise where it ended", () => {
    expect(runLine(run(false, "running"), progress)).toBe("2/40 · stopped");
    expect(runLine(run(false, "paused"), undefined)).toBe("2/40 · paused");
  });
});
