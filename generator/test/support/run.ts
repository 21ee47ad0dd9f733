import { runCli } from '../../src/cli/run-cli.js';
import { repoRoot } from './workspace.js';

/** Runs the centkit CLI in-process and captures what it prints. */
export async function runCentkit(
  args: readonly string[],
  cwd: string = repoRoot,
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    cwd,
  });
  return { code, stdout, stderr };
}
