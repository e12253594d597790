import { describe, expect, it } from 'vitest';
import { mergeProviderPreferences } from './merge-provider-preferences';

describe('mergeProviderPreferences', () => {
  it('keeps data_collection "deny", zdr, require_parameters and allow_fallbacks false against a looser client', () => {
    const merged = mergeProviderPreferences(
      {
        data_collection: 'deny',
        zdr: true,
        require_parameters: true,
        allow_fallbacks: false,
        enforce_distillable_text: true,
      },
      {
        data_collection: 'allow',
        zdr: false,
        require_parameters: false,
        allow_fallbacks: true,
        enforce_distillable_text: false,
      },
    );
    expect(merged).toEqual({
      value: {
        data_collection: 'deny',
        zdr: true,
        require_parameters: true,
        allow_fallbacks: false,
        enforce_distillable_text: true,
      },
    });
  });

  it('lets the client tighten what the server leaves open', () => {
    expect(
      mergeProviderPreferences({ data_collection: 'allow' }, { data_collection: 'deny', zdr: true }),
    ).toEqual({
      value: { data_collection: 'deny', zdr: true },
    });
  });

  it('narrows only and quantizations to the intersection and unions ignore', () => {
    expect(
      mergeProviderPreferences(
        { only: ['openai', 'azure'], quantizations: ['fp16', 'bf16'], ignore: ['deepinfra'] },
        { only: ['Azure', 'together'], quantizations: ['bf16', 'int4'], ignore: ['groq'] },
      ),
    ).toEqual({ value: { only: ['Azure'], quantizations: ['bf16'], ignore: ['deepinfra', 'groq'] } });
  });

  it('rejects a client only-list with no permitted provider, naming the allowed ones', () => {
    const merged = mergeProviderPreferences({ only: ['openai'] }, { only: ['together'] });
    expect('rejection' in merged && merged.rejection.message).toMatch(/provider\.only.*together.*openai/);
    expect('rejection' in merged && merged.rejection.status).toBe(403);
  });

  it('takes the lower max_price per key (numbers or strings)', () => {
    expect(
      mergeProviderPreferences(
        { max_price: { prompt: 1, completion: '2' } },
        { max_price: { prompt: 5, completion: 0.5, image: 3 } },
      ),
    ).toEqual({ value: { max_price: { prompt: 1, completion: 0.5, image: 3 } } });
  });

  it('lets the client change preferences that restrict nothing (order, sort)', () => {
    expect(
      mergeProviderPreferences({ sort: 'price', order: ['openai'] }, { sort: 'latency', order: ['azure'] }),
    ).toEqual({
      value: { sort: 'latency', order: ['azure'] },
    });
  });

  it('uses the server preferences when the client sends none', () => {
    expect(mergeProviderPreferences({ data_collection: 'deny' }, undefined)).toEqual({
      value: { data_collection: 'deny' },
    });
  });
});
