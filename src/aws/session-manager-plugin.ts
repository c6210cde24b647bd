/**
 * AWS's Session Manager plugin (`session-manager-plugin`), which carries an ECS Exec session over its
 * websocket. It is handed the session exactly as the AWS CLI does in `aws ecs execute-command`
 * (aws-cli, awscli/customizations/ecs/executecommand.py, ExecuteCommandCaller.invoke):
 *
 *   session-manager-plugin <session JSON> <region> StartSession <profile or ""> <{"Target": …} JSON> <ECS endpoint URL>
 *
 * with the terminal inherited, and with SIGINT, SIGQUIT and SIGTSTP ignored here while it runs (as the
 * CLI's ignore_user_entered_signals does), so Ctrl-C reaches the remote command instead of ending us.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { UserError } from '../errors/user-error';

export const SESSION_MANAGER_PLUGIN = 'session-manager-plugin';

/** AWS's install guide for the plugin. */
export const PLUGIN_INSTALL_DOCS = 'https://docs.aws.amazon.com/systems-manager/latest/userguide/session-manager-working-with-install-plugin.html';

/** The session ExecuteCommand returns (`session` of its response). */
export interface ExecSession {
  readonly sessionId: string;
  readonly streamUrl: string;
  readonly tokenValue: string;
}

export interface PluginHandOver {
  readonly session: ExecSession;
  /** Region of the ECS client that started the session. */
  readonly region: string;
  /** The AWS profile in use, or "" (the AWS CLI passes "" when none is set). */
  readonly profile: string;
  /** `ecs:<cluster>_<taskId>_<container runtimeId>` */
  readonly target: string;
  /** Endpoint URL of the ECS client that started the session. */
  readonly endpointUrl: string;
}

/** The plugin on PATH (with PATHEXT-style `.exe` on Windows), or undefined. */
export function findSessionManagerPlugin(pathVariable: string | undefined, platform: NodeJS.Platform = process.platform): string | undefined {
  const names = platform === 'win32' ? [`${SESSION_MANAGER_PLUGIN}.exe`, SESSION_MANAGER_PLUGIN] : [SESSION_MANAGER_PLUGIN];
  const dirs = (pathVariable ?? '').split(platform === 'win32' ? ';' : path.delimiter).filter((dir) => dir !== '');
  for (const dir of dirs) {
    for (const name of names) {
      const candidate = path.join(dir, name);
      try {
        if (!fs.statSync(candidate).isFile()) continue;
        fs.accessSync(candidate, fs.constants.X_OK);
        return candidate;
      } catch {
        // not here, or not executable
      }
    }
  }
  return undefined;
}

/** Refusal when the plugin is missing: what it is for and how to install it. */
export function pluginMissingError(): UserError {
  return new UserError(
    `${SESSION_MANAGER_PLUGIN} is not on PATH; exec hands its session to AWS's Session Manager plugin, as \`aws ecs execute-command\` does`,
    `install it (${PLUGIN_INSTALL_DOCS}): Debian/Ubuntu: curl -fsSLo /tmp/smp.deb https://s3.amazonaws.com/session-manager-downloads/plugin/latest/ubuntu_64bit/session-manager-plugin.deb ` +
      '(ubuntu_arm64 on ARM) && sudo dpkg -i /tmp/smp.deb; macOS: brew install --cask session-manager-plugin; then check with: session-manager-plugin --version',
  );
}

/** The plugin's arguments, in the AWS CLI's order. */
export function sessionManagerPluginArgs(handOver: PluginHandOver): string[] {
  const { sessionId, streamUrl, tokenValue } = handOver.session;
  return [
    JSON.stringify({ sessionId, streamUrl, tokenValue }),
    handOver.region,
    'StartSession',
    handOver.profile,
    JSON.stringify({ Target: handOver.target }),
    handOver.endpointUrl,
  ];
}

/** Runs the plugin on this terminal; resolves with its exit code (128 + signal number when killed by one). */
export function runSessionManagerPlugin(pluginPath: string, args: readonly string[], platform: NodeJS.Platform = process.platform): Promise<number> {
  const signals: NodeJS.Signals[] = platform === 'win32' ? ['SIGINT'] : ['SIGINT', 'SIGQUIT', 'SIGTSTP'];
  const ignore = () => undefined;
  for (const signal of signals) process.on(signal, ignore);
  const restore = () => {
    for (const signal of signals) process.off(signal, ignore);
  };
  return new Promise<number>((resolve, reject) => {
    const child = spawn(pluginPath, [...args], { stdio: 'inherit' });
    child.on('error', (error) => {
      restore();
      reject(error);
    });
    child.on('close', (code, signal) => {
      restore();
      resolve(code ?? (signal ? 128 + (os.constants.signals[signal] ?? 0) : 1));
    });
  });
}
