let warned = false;

/**
 * Runs a full garbage collection when the process was started with `--expose-gc` (every suite
 * child is), so one contender's garbage is not collected on another contender's clock.
 */
export function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc !== undefined) {
    gc();
    return;
  }
  if (!warned) {
    warned = true;
    process.emitWarning('Run with --expose-gc: garbage is not collected between measurements.');
  }
}
