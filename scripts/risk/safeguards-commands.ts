import type { CommandHandler } from "./cli";
export const safeguardsCommands: Record<string, CommandHandler> = {};
