/**
 * `npm run demo`: packages the extension, installs the .vsix into a fresh code-server profile and
 * serves it with the sample workspace on http://127.0.0.1:18080 (another port: PORT=NNNN) until Ctrl-C.
 * The workbench opens with the sample log visible, ready to hover.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { CodeServer, copyWorkspace, createRun, ensureHost, installVsix } from './codeServer';
import { readManifest, repoRoot, vsixPath } from './paths';

async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 18080);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`PORT must be a port number, not '${process.env.PORT}'`);
  const packaged = spawnSync('npm', ['run', '--silent', 'package'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
  if (packaged.status !== 0) throw new Error('npm run package failed (its errors are above)');
  ensureHost();
  const run = createRun('demo');
  installVsix(run, vsixPath(readManifest()));
  const workspace = copyWorkspace(run);
  const server = await CodeServer.start(run, { port });
  const url = server.url(workspace, [['openFile', `vscode-remote://remote${path.join(workspace, 'app.log')}`]]);
  console.log(`Gemini Doctor ${readManifest().version} is installed in VS Code at\n\n  ${url}\n\nOpen it in a browser on this machine (the sample log app.log opens; hover its errors). Ctrl-C stops it.`);
  await new Promise(() => undefined); // until Ctrl-C: codeServer.ts stops the server on SIGINT/SIGTERM
}

main().catch((error: unknown) => {
  console.error(`demo: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
