// The answer in plain words, above the raw response: the outcome, the facts that matter, a credit score's place
// on its scale.
import type { Summary } from "../lib/summary";

export function SummaryCard({ summary }: { summary: Summary }) {
  const { score } = summary;
  const share = score ? Math.min(100, Math.max(0, ((score.value - score.min) / (score.max - score.min)) * 100)) : 0;
  return (
    <div className={`summary-card ${summary.tone}`} data-testid="summary-card" role="status">
      <p className="summary-headline" data-testid="summary-headline">
        {summary.headline}
      </p>
      {score && (
        <div className="score-scale" aria-label={`Score ${score.value} on a scale from ${score.min} to ${score.max}`}>
          <div className="score-track">
            <div className="score-marker" style={{ left: `${share}%` }} />
          </div>
          <div className="score-ends">
            <span>{score.min} poor</span>
            <span>{score.max} excellent</span>
          </div>
        </div>
      )}
      {summary.facts.length > 0 && (
        <dl className="summary-facts">
          {summary.facts.map((f, i) => (
            // By place: a list's entries can share a name ("Wallet top-up" twice).
            <div key={`${i}-${f.label}`}>
              <dt>{f.label}</dt>
              <dd>{f.value}</dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
}
