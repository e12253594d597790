import { type SampleSummary, summarizeSamples } from '../harness/summarize-samples';

/** Round-by-round `numerator[i] / denominator[i]` of two series measured in the same rounds. */
export function pairedRatio(numerator: readonly number[], denominator: readonly number[]): SampleSummary {
  const count = Math.min(numerator.length, denominator.length);
  const ratios: number[] = [];
  for (let index = 0; index < count; index++) {
    ratios.push((numerator[index] as number) / (denominator[index] as number));
  }
  return summarizeSamples(ratios);
}
