/**
 * The headless CLI. Every command prints JSON on stdout only; an error is one line on stderr with a non-zero
 * exit code (1 for a failed command, 2 for a usage error).
 */

export class UsageError extends Error {}

/** A command result printed as is (e.g. CSV), not as JSON; `note` goes to stderr. */
export class RawOutput {
  constructor(
    readonly text: string,
    readonly note?: string,
  ) {}
}

/**
 * Output written as it is made (`looplab score` of a file larger than memory): `run` gets a writer that
 * resolves once stdout has taken the text, so a slow reader holds the producer back, and a `progress`
 * line writer for stderr. What `run` resolves to, if anything, is a last line for stderr.
 */
export class StreamedOutput {
  constructor(
    readonly run: (
      write: (text: string) => Promise<void>,
      progress: (line: string) => void,
    ) => Promise<string | undefined>,
  ) {}

  /** Runs it into memory (tests, and callers that want the text): stdout's text and the stderr lines. */
  async collect(): Promise<{ text: string; stderr: string[] }> {
    const parts: string[] = [];
    const stderr: string[] = [];
    const note = await this.run(
      (text) => {
        parts.push(text);
        return Promise.resolve();
      },
      (line) => stderr.push(line),
    );
    if (note) stderr.push(note);
    return { text: parts.join(''), stderr };
  }
}

const USAGE = `usage: looplab <command> [args]
commands:
  parse <file.csv> [--delimiter X] [--quote X] [--no-header] [--encoding utf-8|latin1]
                     print the rows as a JSON array of objects keyed by header, values as in the file
  profile <file.csv> [--delimiter X] [--quote X] [--no-header] [--encoding utf-8|latin1]
                     print the profile: types, missing, distinct, statistics, duplicates, warnings
  env                print the Node, tfjs and backend in use (tfjs runs on wasm under Node)
  run <file.csv> --target <col> [--task binary|multiclass|regression] [--positive <value>] [--seed N]
                     [--budget-s N] [--drop <col,col>] [--test-rows <file.json>] [--backend wasm|cpu]
                     [--families gbdt,linear,mlp,ensemble] [--strategy auto|grid|random] [--trials N]
                     [--max-epochs N] [--no-header] [--sensitive <col>] [--seeds K]
                     [--card <out.md|out.html>] [--bundle <out.zip>] [--keep-missing]
                     define, clean (suggested recipe), split, build features, search the model families
                     (auto: 5-fold CV below 20,000 rows, refit, greedy ensemble; grid/random: halving),
                     and print the leaderboard with validation and test metrics
  score <bundle.zip> <file.csv>
                     score every row with a model bundle (written by run --bundle); predictions CSV on stdout
  metrics <input.json> print the sklearn-oracle metrics of {task, y_true, y_pred, y_score?, labels?, pos_label?}
  drift-stats <input.json>
                     print the scipy drift-oracle statistics of {kind, reference, current}
  drift <reference.csv> <current.csv>
                     per-column drift tests, PSI and the dataset drift verdict of current against reference
  loop <project-file> <new-data.csv> [--search N] [--seed S] [--min-improvement X|X%] [--backend cpu|wasm]
                     [--budget-s N] [--max-epochs N] [--seeds K]
                     retrain the champion on new labelled rows (validate, same recipe, train, sealed test,
                     compare) and print the decision, promote or keep, with its evidence`;

type Command = (args: string[]) => Promise<unknown>;

// Each command's module is loaded only when it runs: `profile` then starts without TensorFlow.js and the
// model code (1.7 s of the 4.1 s that bench/ingest.ts measured for a 1M-row profile was start-up).
const commands: Record<string, Command> = {
  parse: async (args) => (await import('./parse-command.ts')).parseCommand(args),
  env: async () => (await import('./env-command.ts')).envCommand(),
  profile: async (args) => (await import('./profile-command.ts')).profileCommand(args),
  run: async (args) => (await import('./run-command.ts')).runCommand(args),
  score: async (args) => (await import('./score-command.ts')).scoreCommand(args),
  metrics: async (args) => (await import('./metrics-command.ts')).metricsCommand(args),
  'drift-stats': async (args) => (await import('./drift-stats-command.ts')).driftStatsCommand(args),
  drift: async (args) => (await import('./drift-command.ts')).driftCommand(args),
  loop: async (args) => (await import('./loop-command.ts')).loopCommand(args),
};

/** Runs one command; returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h') {
    process.stderr.write(`${USAGE}\n`);
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`looplab: unknown command "${name}". Run "looplab --help".\n`);
    return 2;
  }
  try {
    const result = await command(args);
    if (result instanceof StreamedOutput) {
      const note = await result.run(writeRaw, (line) => process.stderr.write(`looplab ${name}: ${line}\n`));
      if (note) process.stderr.write(`looplab ${name}: ${note}\n`);
    } else if (result instanceof RawOutput) {
      if (result.note) process.stderr.write(`looplab ${name}: ${result.note}\n`);
      await writeRaw(result.text);
    } else await write(JSON.stringify(result));
    return 0;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (process.env.LOOPLAB_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    process.stderr.write(`looplab ${name}: ${message.replace(/\s*\n\s*/g, ' ')}\n`);
    return error instanceof UsageError ? 2 : 1;
  }
}

function writeRaw(text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    process.stdout.write(text, (error) => (error ? reject(error) : resolve()));
  });
}

function write(text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    process.stdout.write(`${text}\n`, (error) => (error ? reject(error) : resolve()));
  });
}
