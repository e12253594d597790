import type { ReactElement } from 'react';
import type { DemoMessage } from '../../shared/reply-metadata';
import { formatTokens, formatUsd } from '../format';
import type { BudgetState } from '../use-server-state';

/** The conversation's running total (every reply's cost and tokens) and the visitor's budget. */
export function RunningTotal({
  messages,
  budget,
}: {
  messages: DemoMessage[];
  budget: BudgetState | undefined;
}): ReactElement {
  let cost = 0;
  let tokens = 0;
  let replies = 0;
  for (const message of messages) {
    const metadata = message.metadata;
    if (metadata === undefined) continue;
    cost += metadata.costUsd ?? 0;
    tokens += metadata.inputTokens + metadata.outputTokens;
    replies += 1;
  }
  return (
    <footer className="totals">
      <span data-testid="running-total">
        Total: <strong>{formatUsd(cost)}</strong> · {formatTokens(tokens)} tokens · {replies}{' '}
        {replies === 1 ? 'reply' : 'replies'}
      </span>
      {budget && (
        <span data-testid="budget">
          Your budget today: {formatUsd(budget.usedUsd)} of {formatUsd(budget.limitUsd)} spent
        </span>
      )}
    </footer>
  );
}
