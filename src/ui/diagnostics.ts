// A report's or the playbook's problem as a Problems-view entry: one shape for both, whole line; the
// values its message quotes from the file shown with their control characters made visible.
import * as vscode from 'vscode';
import type { Problem } from '../core/domain';
import { visibleLine } from '../core/text';

const SEVERITY = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
} as const;

export function problemDiagnostic(problem: Problem): vscode.Diagnostic {
  const line = Math.max(0, problem.line - 1);
  const diagnostic = new vscode.Diagnostic(
    new vscode.Range(line, 0, line, Number.MAX_SAFE_INTEGER),
    visibleLine(problem.message),
    SEVERITY[problem.severity],
  );
  diagnostic.source = 'Support Desk';
  return diagnostic;
}
