/** Collect, format and count diagnostics; decide the exit code. */
import type { Diagnostic, Reporter } from './types.ts';

/** A reporter that keeps every message, in the order reported. */
export class Collector implements Reporter {
  readonly messages: Diagnostic[] = [];

  report(diagnostic: Diagnostic): void {
    this.messages.push(diagnostic);
  }

  count(severity: Diagnostic['severity']): number {
    return this.messages.filter((m) => m.severity === severity).length;
  }
}

/** A stable order for printing: by file, line, rule. */
export function sortDiagnostics(messages: readonly Diagnostic[]): Diagnostic[] {
  return [...messages].sort(
    (a, b) =>
      compare(a.file, b.file) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      compare(a.rule, b.rule) ||
      compare(a.reason, b.reason),
  );
}

/** `content/x.txt:12:1: warning: reason  [load/rule]` */
export function formatDiagnostic(d: Diagnostic, prefix = ''): string {
  const where = d.line === undefined ? d.file : `${d.file}:${d.line}:${d.column ?? 1}`;
  return `${prefix}${where}: ${d.severity}: ${d.reason}  [${d.rule}]`;
}

/** Non-zero when there are errors, or warnings under `--strict`. */
export function exitCode(messages: readonly Diagnostic[], strict: boolean): number {
  const failing = messages.some((m) => m.severity === 'error' || (strict && m.severity === 'warning'));
  return failing ? 1 : 0;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
