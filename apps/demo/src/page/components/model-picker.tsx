import type { WireModel } from '@openrouter-adapters/core';
import type { ReactElement } from 'react';
import { formatContext, formatPricePerMillion, isFreeModel } from '../format';

/** The models the middleware allows (`GET /models`): name, price per million tokens, context, free badge. */
export function ModelPicker({
  models,
  selected,
  onSelect,
}: {
  models: WireModel[];
  selected: string;
  onSelect: (id: string) => void;
}): ReactElement {
  return (
    <fieldset className="models">
      <legend>Model</legend>
      {models.length === 0 && <p className="hint">Loading models…</p>}
      <div className="model-list" role="radiogroup" aria-label="Model">
        {models.map((model) => (
          <label
            key={model.id}
            className={`model ${selected === model.id ? 'selected' : ''}`}
            title={model.id}
            data-testid="model-option"
            data-model-id={model.id}
          >
            <input
              type="radio"
              name="model"
              value={model.id}
              checked={selected === model.id}
              onChange={() => onSelect(model.id)}
            />
            <span className="model-name">
              {model.name}
              {isFreeModel(model) && (
                <span className="badge free" data-testid="free-badge">
                  free
                </span>
              )}
            </span>
            <span className="model-facts">
              {formatPricePerMillion(model.pricing?.prompt)} in ·{' '}
              {formatPricePerMillion(model.pricing?.completion)} out per 1M tokens ·{' '}
              {formatContext(model.context_length)} context
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
