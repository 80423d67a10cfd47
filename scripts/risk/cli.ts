/**
 * `npm run risk -- <command> [input.json|-]`: the risk core from the command line.
 * JSON in (a file path, or "-"/nothing for standard input), JSON out on stdout.
 * Exit 0 on success; exit 2 with {"error":{"field","message"}} on bad input.
 */
import { readFile } from "node:fs/promises";
import { isRiskError } from "../../lib/risk/errors";
import { marginCommands } from "./margin-commands";
import { safeguardsCommands } from "./safeguards-commands";

export type CommandHandler = (input: unknown) => unknown | Promise<unknown>;

/** Bad CLI input (outside the risk core's own checks). */
export class InputError extends Error {
  constructor(readonly field: string, message: string) {
    super(message);
  }
}

const commands: Record<string, CommandHandler> = { ...marginCommands, ...safeguardsCommands };

async function readInput(arg: string | undefined): Promise<unknown> {
  let text: string;
  if (!arg || arg === "-") {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    text = Buffer.concat(chunks).toString("utf8");
  } else {
    try {
      text = await readFile(arg, "utf8");
    } catch {
      throw new InputError("input", `cannot read input file ${arg}`);
    }
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new InputError("input", "input is not valid JSON");
  }
}

function fail(field: string, message: string): never {
  process.stdout.write(JSON.stringify({ error: { field, message } }, null, 2) + "\n");
  process.exit(2);
}

async function main(): Promise<void> {
  const [command, inputArg] = process.argv.slice(2);
  const names = Object.keys(commands).sort().join(", ");
  if (!command || command === "help" || command === "--help") {
    process.stdout.write(`usage: npm run risk -- <command> [input.json|-]\ncommands: ${names}\n`);
    return;
  }
  const handler = commands[command];
  if (!handler) fail("command", `unknown command "${command}"; commands: ${names}`);
  try {
    const input = await readInput(inputArg);
    const output = await handler(input);
    process.stdout.write(JSON.stringify(output, null, 2) + "\n");
  } catch (e) {
    if (isRiskError(e) || e instanceof InputError) fail(e.field, e.message);
    throw e;
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`internal error: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
  process.exit(1);
});
