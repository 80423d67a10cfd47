import type { CommandHandler } from "./cli";
export const marginCommands: Record<string, CommandHandler> = {};
