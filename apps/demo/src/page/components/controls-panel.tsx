import type { WireModel } from '@openrouter-adapters/core';
import type { ReactElement } from 'react';
import { CHAT_PATH_LABELS, CHAT_PATHS, type ChatPath } from '../../shared/chat-path';
import {
  REASONING_CHOICES,
  type ReasoningChoice,
  SORT_CHOICES,
  type SortChoice,
} from '../../shared/chat-settings';
import type { DemoConfig } from '../../shared/demo-config';
import { FAULT_SCENARIOS } from '../../shared/fault-scenarios';
import { ModelPicker } from './model-picker';

export type ControlsPanelProps = {
  config: DemoConfig | undefined;
  models: WireModel[];
  path: ChatPath;
  onPath: (path: ChatPath) => void;
  model: string;
  onModel: (model: string) => void;
  fallbackText: string;
  onFallbackText: (text: string) => void;
  sort: SortChoice;
  onSort: (sort: SortChoice) => void;
  zdr: boolean;
  onZdr: (zdr: boolean) => void;
  reasoning: ReasoningChoice;
  onReasoning: (reasoning: ReasoningChoice) => void;
  tools: boolean;
  onTools: (tools: boolean) => void;
  scenario: string;
  onScenario: (scenario: string) => void;
};

const sortLabels: Record<SortChoice, string> = {
  default: 'OpenRouter’s default (load balanced)',
  price: 'Lowest price',
  throughput: 'Highest throughput',
  latency: 'Lowest latency',
};

const reasoningLabels: Record<ReasoningChoice, string> = {
  default: 'Model default',
  low: 'Low effort',
  medium: 'Medium effort',
  high: 'High effort',
};

/** Path switch, model picker, routing (sort, fallbacks, data policy), reasoning, fault injection. */
export function ControlsPanel(props: ControlsPanelProps): ReactElement {
  const { config } = props;
  return (
    <aside className="controls" aria-label="Settings">
      <fieldset className="paths">
        <legend>Path</legend>
        {CHAT_PATHS.map((path) => (
          <label
            key={path}
            className={`path ${props.path === path ? 'selected' : ''}`}
            title={CHAT_PATH_LABELS[path].detail}
          >
            <input
              type="radio"
              name="path"
              value={path}
              checked={props.path === path}
              onChange={() => props.onPath(path)}
            />
            <span>{CHAT_PATH_LABELS[path].title}</span>
          </label>
        ))}
        <p className="hint">{CHAT_PATH_LABELS[props.path].detail}</p>
      </fieldset>

      <ModelPicker models={props.models} selected={props.model} onSelect={props.onModel} />

      <fieldset>
        <legend>Routing</legend>
        <label className="field">
          <span>Sort providers by</span>
          <select
            id="sort"
            value={props.sort}
            onChange={(event) => props.onSort(event.target.value as SortChoice)}
          >
            {SORT_CHOICES.map((choice) => (
              <option key={choice} value={choice}>
                {sortLabels[choice]}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Fallback models, in order</span>
          <input
            id="fallbacks"
            list="model-ids"
            value={props.fallbackText}
            placeholder="e.g. anthropic/claude-sonnet-4.6"
            onChange={(event) => props.onFallbackText(event.target.value)}
          />
          <datalist id="model-ids">
            {props.models.map((model) => (
              <option key={model.id} value={model.id} />
            ))}
          </datalist>
        </label>
        <div className="field">
          <span>Data policy</span>
          <p className="policy" data-testid="data-policy">
            Providers that store or train on prompts are excluded (<code>dataCollection: 'deny'</code>,
            enforced by the server).
          </p>
          <label className="check">
            <input
              type="checkbox"
              id="zdr"
              checked={props.zdr}
              onChange={(event) => props.onZdr(event.target.checked)}
            />
            <span>Zero-data-retention endpoints only</span>
          </label>
        </div>
        <label className="field">
          <span>Reasoning</span>
          <select
            id="reasoning"
            value={props.reasoning}
            onChange={(event) => props.onReasoning(event.target.value as ReasoningChoice)}
          >
            {REASONING_CHOICES.map((choice) => (
              <option key={choice} value={choice}>
                {reasoningLabels[choice]}
              </option>
            ))}
          </select>
        </label>
      </fieldset>

      <fieldset>
        <legend>Tools</legend>
        <label className="check">
          <input
            type="checkbox"
            id="tools"
            checked={props.tools}
            onChange={(event) => props.onTools(event.target.checked)}
          />
          <span>Let the model use the calculator</span>
        </label>
        {config?.mode === 'emulator' && (
          <p className="hint">
            The emulator calls an offered tool on every new question; untick this for plain answers.
          </p>
        )}
      </fieldset>

      {config?.faultInjection && (
        <fieldset>
          <legend>Emulator faults</legend>
          <label className="field">
            <span>Next messages</span>
            <select
              id="scenario"
              value={props.scenario}
              onChange={(event) => props.onScenario(event.target.value)}
            >
              <option value="">No fault</option>
              {FAULT_SCENARIOS.map((scenario) => (
                <option key={scenario.id} value={scenario.id}>
                  {scenario.label}
                </option>
              ))}
            </select>
          </label>
          <p className="hint">
            {FAULT_SCENARIOS.find((scenario) => scenario.id === props.scenario)?.description ??
              'Make the emulator fail like OpenRouter’s providers do, and see how each path reports it.'}
          </p>
        </fieldset>
      )}
    </aside>
  );
}
