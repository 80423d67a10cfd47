/**
 * `npm run risk`: starts the risk CLI (scripts/risk/cli.ts) from a bundle that esbuild makes
 * once and again whenever one of its sources changes, instead of compiling the TypeScript on
 * every start under tsx (which took most of a command's time: about 0.5-0.9 s of ~1 s).
 * The bundle and the list of its sources with their modification times are kept in
 * node_modules/.cache/risk-cli/ (never committed). Packages stay external (node loads them).
 */
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const cacheDir = path.join(root, "node_modules", ".cache", "risk-cli");
const bundle = path.join(cacheDir, "cli.mjs");
const manifest = path.join(cacheDir, "sources.json");

/** Whether the bundle exists and no source changed since it was made (modification times). */
function fresh() {
  let sources;
  try {
    sources = JSON.parse(readFileSync(manifest, "utf8"));
    statSync(bundle);
  } catch {
    return false;
  }
  for (const [file, mtimeMs] of Object.entries(sources)) {
    try {
      if (statSync(path.join(root, file)).mtimeMs !== mtimeMs) return false;
    } catch {
      return false;
    }
  }
  return true;
}

async function rebuild() {
  const { build } = await import("esbuild");
  mkdirSync(cacheDir, { recursive: true });
  const result = await build({
    absWorkingDir: root,
    entryPoints: ["scripts/risk/cli.ts"],
    outfile: bundle,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    tsconfig: "tsconfig.json",
    metafile: true,
    write: false,
    logLevel: "warning",
  });
  const sources = {};
  for (const file of Object.keys(result.metafile.inputs)) sources[file] = statSync(path.join(root, file)).mtimeMs;
  // written aside and renamed into place: two first runs at once never read half a bundle
  writeAtomically(bundle, result.outputFiles[0].contents);
  writeAtomically(manifest, JSON.stringify(sources));
}

function writeAtomically(file, contents) {
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, contents);
  renameSync(temp, file);
}

if (!fresh()) await rebuild();
await import(pathToFileURL(bundle).href);
