/**
 * Streaming reader of SPAN risk parameter files in the public SPAN XML format (spanFile,
 * fileFormat 4.00). Feeds the text to a `saxes` SAX parser chunk by chunk, so memory stays
 * proportional to the extracted parameters, not to the file (real files are tens of MB).
 *
 * Supported elements are listed in docs/span-xml.md; any other element is skipped with its
 * whole subtree. Errors are RiskError MALFORMED_FILE (or RISK_ARRAY_LENGTH) whose field is
 * the element path, e.g. "spanFile/pointInTime/clearingOrg/ccDef[2]/scanTiers/tier/scanRate/priceScan",
 * and whose message gives the line.
 */
import { SaxesParser } from "saxes";
import { RiskError, type RiskErrorCode } from "../risk/errors";
import { isDecimalString } from "../risk/money";
import { SPAN_READ_LIMITS, sizeLabel, type SpanReadLimits } from "./limits";
import type { SpanFile, SpanUnreadElement } from "./types";

type Kind = "str" | "dec" | "int" | "bool" | "period";
type Draft = Record<string, unknown> & { [key: string]: unknown };
type Fail = (message: string, code?: RiskErrorCode) => never;
type Need = (fields: readonly string[]) => void;

interface ContainerSpec {
  /** Parent element names under which this element is read. */
  readonly parents: readonly string[];
  /** Leaf children: element name → [field, kind]; "a" under "ra" appends. */
  readonly leaves: Readonly<Record<string, readonly [string, Kind]>>;
  /** Lists created on the draft. */
  readonly lists?: readonly string[];
  /** Checks the finished element and attaches it to its container. */
  readonly close: (obj: Draft, parent: Draft, parentName: string, fail: Fail, need: Need) => void;
}

const INT = /^[+-]?\d+$/;
/**
 * Period code (schema PeriodCode, \d{6}\w{0,3}): YYYYMM, then optionally a day, a week (W1..W5),
 * a two-byte code such as SD or a series code such as S0, and a ninth byte. Kept whole: it
 * identifies the contract, it is not a date.
 */
const PERIOD = /^\d{6}\w{0,3}$/;

function list(parent: Draft, key: string): unknown[] {
  const l = parent[key];
  if (!Array.isArray(l)) throw new Error(`internal: ${key} is not a list`);
  return l;
}

/** Fails naming the XML element of the first required field that is missing. */
function requireFields(obj: Draft, fields: readonly string[], leaves: ContainerSpec["leaves"], fail: Fail): void {
  for (const f of fields) {
    if (obj[f] !== undefined) continue;
    const element = Object.keys(leaves).find((k) => leaves[k]![0] === f) ?? f;
    fail(`required element <${element}> is missing`);
  }
}

/** Passthrough elements: their children belong to the nearest enclosing container. */
const PASSTHROUGH: Readonly<Record<string, readonly string[]>> = {
  definitions: ["spanFile"],
  scanTiers: ["ccDef"],
  intraTiers: ["ccDef"],
  somTiers: ["ccDef"],
  interTiers: ["ccDef"],
  interSpreads: ["clearingOrg"],
};

const SPECS: Readonly<Record<string, ContainerSpec>> = {
  currencyDef: {
    parents: ["definitions"],
    leaves: { currency: ["code", "str"], symbol: ["symbol", "str"], name: ["name", "str"], decimalPos: ["decimals", "int"] },
    close: (o, p, _n, fail, need) => {
      need(["code"]);
      if (o.decimals !== undefined) o.decimals = Number.parseInt(String(o.decimals), 10);
      list(p, "currencies").push(o);
    },
  },
  pointInTime: {
    parents: ["spanFile"],
    leaves: { date: ["date", "str"], isSetl: ["isSettlement", "bool"] },
    lists: ["clearingOrgs"],
    close: (o, p, _n, fail, need) => {
      need(["date"]);
      if (!/^\d{8}$/.test(String(o.date))) fail(`<date> must be YYYYMMDD, got "${String(o.date)}"`);
      o.isSettlement = o.isSettlement ?? false;
      list(p, "pointsInTime").push(o);
    },
  },
  clearingOrg: {
    parents: ["pointInTime"],
    leaves: { ec: ["code", "str"], name: ["name", "str"] },
    lists: ["exchanges", "combinedCommodities", "interSpreads", "currencyConversions"],
    close: (o, p, _n, fail, need) => {
      need(["code"]);
      list(p, "clearingOrgs").push(o);
    },
  },
  exchange: {
    parents: ["clearingOrg"],
    leaves: { exch: ["code", "str"], name: ["name", "str"] },
    lists: ["futuresProducts", "optionProducts"],
    close: (o, p, _n, fail, need) => {
      need(["code"]);
      list(p, "exchanges").push(o);
    },
  },
  futPf: {
    parents: ["exchange"],
    leaves: { pfId: ["pfId", "int"], pfCode: ["pfCode", "str"], name: ["name", "str"], currency: ["currency", "str"], cvf: ["cvf", "dec"] },
    lists: ["futures"],
    close: (o, p, _n, fail, need) => {
      need(["pfId", "pfCode"]);
      list(p, "futuresProducts").push(o);
    },
  },
  oopPf: {
    parents: ["exchange"],
    leaves: { pfId: ["pfId", "int"], pfCode: ["pfCode", "str"], name: ["name", "str"], currency: ["currency", "str"], cvf: ["cvf", "dec"] },
    lists: ["series"],
    close: (o, p, _n, fail, need) => {
      need(["pfId", "pfCode"]);
      o.underlying = o.underlying ?? {};
      list(p, "optionProducts").push(o);
    },
  },
  undPf: {
    parents: ["oopPf"],
    leaves: { exch: ["exch", "str"], pfId: ["pfId", "int"], pfCode: ["pfCode", "str"] },
    close: (o, p) => {
      p.underlying = o;
    },
  },
  fut: {
    parents: ["futPf"],
    leaves: { cId: ["cId", "str"], pe: ["period", "period"], p: ["price", "dec"], d: ["delta", "dec"], cvf: ["cvf", "dec"], sc: ["scale", "dec"] },
    lists: ["scanRates", "riskArrays"],
    close: (o, p, _n, fail, need) => {
      need(["cId", "period"]);
      list(p, "futures").push(o);
    },
  },
  series: {
    parents: ["oopPf"],
    leaves: { pe: ["period", "period"], v: ["volatility", "dec"], t: ["timeToExpiry", "dec"], setlDate: ["settlementDate", "str"], cvf: ["cvf", "dec"], sc: ["scale", "dec"] },
    lists: ["scanRates", "options"],
    close: (o, p, _n, fail, need) => {
      need(["period"]);
      o.underlying = o.underlying ?? {};
      list(p, "series").push(o);
    },
  },
  undC: {
    parents: ["series"],
    leaves: { exch: ["exch", "str"], pfId: ["pfId", "int"], cId: ["cId", "str"] },
    close: (o, p) => {
      p.underlying = o;
    },
  },
  opt: {
    parents: ["series"],
    leaves: { cId: ["cId", "str"], o: ["putCall", "str"], k: ["strike", "dec"], p: ["price", "dec"], d: ["delta", "dec"], v: ["volatility", "dec"], sc: ["scale", "dec"] },
    lists: ["riskArrays"],
    close: (o, p, _n, fail, need) => {
      need(["cId", "putCall", "strike"]);
      if (o.putCall !== "C" && o.putCall !== "P") fail(`<o> must be C or P, got "${String(o.putCall)}"`);
      list(p, "options").push(o);
    },
  },
  scanRate: {
    parents: ["fut", "series", "tier"],
    leaves: { r: ["r", "int"], priceScan: ["priceScan", "dec"], volScan: ["volScan", "dec"] },
    close: (o, p, _n, fail, need) => {
      need(["r"]);
      if (typeof o.priceScan === "string" && o.priceScan.startsWith("-")) fail("<priceScan> must not be negative");
      if (typeof o.volScan === "string" && o.volScan.startsWith("-")) fail("<volScan> must not be negative");
      list(p, "scanRates").push(o);
    },
  },
  ra: {
    parents: ["fut", "opt"],
    leaves: { r: ["r", "int"], a: ["values", "dec"], d: ["delta", "dec"] },
    lists: ["values"],
    close: (o, p, _n, fail, need) => {
      need(["r"]);
      const n = list(o, "values").length;
      if (n !== 16) fail(`a risk array has exactly 16 <a> values, got ${n}`, "RISK_ARRAY_LENGTH");
      list(p, "riskArrays").push(o);
    },
  },
  ccDef: {
    parents: ["clearingOrg"],
    leaves: { cc: ["code", "str"], name: ["name", "str"], currency: ["currency", "str"], wfprMeth: ["wfprMethod", "str"], somMeth: ["somMethod", "str"] },
    lists: ["productLinks", "scanTiers", "intraTiers", "somTiers", "interTiers", "intraSpreads", "spotRates"],
    close: (o, p, _n, fail, need) => {
      need(["code", "currency"]);
      list(p, "combinedCommodities").push(o);
    },
  },
  pfLink: {
    parents: ["ccDef"],
    leaves: { exch: ["exch", "str"], pfId: ["pfId", "int"], pfCode: ["pfCode", "str"], pfType: ["pfType", "str"], sc: ["scale", "dec"] },
    close: (o, p, _n, fail, need) => {
      need(["exch", "pfId"]);
      list(p, "productLinks").push(o);
    },
  },
  tier: {
    parents: ["scanTiers", "intraTiers", "somTiers", "interTiers"],
    leaves: { tn: ["tn", "int"], sPe: ["startPeriod", "period"], ePe: ["endPeriod", "period"] },
    lists: ["rates", "scanRates"],
    close: (o, p, parentName, fail, need) => {
      need(["tn"]);
      o.tn = Number.parseInt(String(o.tn), 10);
      // no <sPe>/<ePe>: the tier covers the whole combined commodity (tier 0 in CME files);
      // one without the other cannot be read as a range
      if ((o.startPeriod === undefined) !== (o.endPeriod === undefined)) fail(`a tier has both <sPe> and <ePe> or neither, got only <${o.startPeriod === undefined ? "ePe" : "sPe"}>`);
      list(p, parentName).push(o);
    },
  },
  rate: {
    parents: ["tier", "dSpread", "tLeg", "pLeg"],
    leaves: { r: ["r", "int"], val: ["val", "dec"] },
    close: (o, p, _n, fail, need) => {
      need(["r", "val"]);
      o.r = Number.parseInt(String(o.r), 10);
      list(p, "rates").push(o);
    },
  },
  dSpread: {
    parents: ["ccDef", "interSpreads"],
    leaves: { spread: ["spread", "int"], chargeMeth: ["chargeMethod", "str"] },
    lists: ["rates", "legs"],
    close: (o, p, parentName, fail, need) => {
      need(["spread"]);
      o.spread = Number.parseInt(String(o.spread), 10);
      if (list(o, "legs").length < 2) fail("a spread has at least two legs (<tLeg> or <pLeg>)");
      list(p, parentName === "ccDef" ? "intraSpreads" : "interSpreads").push(o);
    },
  },
  tLeg: {
    parents: ["dSpread"],
    leaves: { cc: ["cc", "str"], tn: ["tier", "int"], rs: ["side", "str"], i: ["ratio", "dec"] },
    lists: ["rates"],
    close: (o, p, _n, fail, need) => {
      need(["cc", "tier", "side", "ratio"]);
      o.tier = Number.parseInt(String(o.tier), 10);
      if (list(o, "rates").length === 0) delete o.rates;
      list(p, "legs").push(o);
    },
  },
  pLeg: {
    parents: ["dSpread"],
    leaves: { cc: ["cc", "str"], pe: ["period", "period"], rs: ["side", "str"], i: ["ratio", "dec"] },
    lists: ["rates"],
    close: (o, p, _n, fail, need) => {
      need(["cc", "period", "side", "ratio"]);
      if (list(o, "rates").length === 0) delete o.rates;
      list(p, "legs").push(o);
    },
  },
  spotRate: {
    parents: ["ccDef"],
    leaves: { r: ["r", "int"], pe: ["period", "period"], sprd: ["spreadRate", "dec"], outr: ["outrightRate", "dec"] },
    close: (o, p, _n, fail, need) => {
      need(["r", "period", "spreadRate", "outrightRate"]);
      o.r = Number.parseInt(String(o.r), 10);
      list(p, "spotRates").push(o);
    },
  },
  curConv: {
    parents: ["clearingOrg"],
    leaves: { fromCur: ["from", "str"], toCur: ["to", "str"], factor: ["factor", "dec"] },
    close: (o, p, _n, fail, need) => {
      need(["from", "to", "factor"]);
      list(p, "currencyConversions").push(o);
    },
  },
};

/**
 * One open element. Paths are built only when an error needs one. Frames are reused once their
 * element closes (set() gives one its new element): a file has millions of elements, and a new
 * object for each would be garbage collected in bulk while the parameters read are kept.
 */
class Frame {
  text = "";
  /** Where this element sits in the element tree by names (for the unread report); set when first needed. */
  node: PathNode | null = null;
  counts: Map<string, number> | null = null;
  name = "";
  index = 1;
  line = 0;
  /** The container this element's children attach to (own draft, or inherited for passthrough). */
  obj: Draft | null = null;
  spec: ContainerSpec | null = null;
  parentObj: Draft | null = null;
  parentName = "";
  /** For leaves: the draft, field and kind the text goes to. */
  leafTarget: Draft | null = null;
  leafField = "";
  leafKind: Kind = "str";

  set(name: string, index: number, line: number, obj: Draft | null, spec: ContainerSpec | null, parentObj: Draft | null, parentName: string, leafTarget: Draft | null, leafField: string, leafKind: Kind): void {
    this.text = "";
    this.node = null;
    this.counts = null;
    this.name = name;
    this.index = index;
    this.line = line;
    this.obj = obj;
    this.spec = spec;
    this.parentObj = parentObj;
    this.parentName = parentName;
    this.leafTarget = leafTarget;
    this.leafField = leafField;
    this.leafKind = leafKind;
  }
}

function convert(text: string, kind: Kind, fail: Fail): unknown {
  const t = text.trim();
  switch (kind) {
    case "str":
      return t;
    case "dec":
      if (!isDecimalString(t)) fail(`expected a number, got "${t}"`);
      return t;
    case "int":
      if (!INT.test(t)) fail(`expected a whole number, got "${t}"`);
      return t;
    case "bool":
      if (t === "1" || t === "true") return true;
      if (t === "0" || t === "false") return false;
      return fail(`expected 0/1 or true/false, got "${t}"`);
    case "period":
      if (!PERIOD.test(t)) fail(`expected a period code YYYYMM followed by up to 3 letters or digits, got "${t}"`);
      return t;
  }
}

/**
 * One element path by names (no positions), e.g. spanFile/pointInTime/clearingOrg/exchange/phyPf,
 * counting the elements at that path the reader skipped.
 */
class PathNode {
  unread = 0;
  private children: Map<string, PathNode> | null = null;
  constructor(readonly path: string) {}

  child(name: string): PathNode {
    const children = this.children ?? (this.children = new Map());
    let c = children.get(name);
    if (!c) {
      c = new PathNode(`${this.path}/${name}`);
      children.set(name, c);
    }
    return c;
  }

  /** Skipped elements at this path and below, in the order first met. */
  collect(out: SpanUnreadElement[]): SpanUnreadElement[] {
    if (this.unread > 0) out.push({ path: this.path, count: this.unread });
    if (this.children) for (const c of this.children.values()) c.collect(out);
    return out;
  }
}

/** Text is handed to saxes at most this many characters at a time, so the element-size limit is checked between slices. */
const SLICE_CHARS = 1 << 20;

function segment(f: Frame): string {
  return REPEATING.has(f.name) ? `${f.name}[${f.index}]` : f.name;
}

/** Incremental SPAN XML reader: write() chunks, then end() for the result. */
export class SpanXmlReader {
  private readonly parser = new SaxesParser({ position: true });
  private readonly stack: Frame[] = [];
  private readonly limits: SpanReadLimits;
  private readonly paths = new PathNode("spanFile");
  /**
   * Parser position at the last element tag or text handed over: what saxes holds whole is what
   * came since (comments and processing instructions count with the text around them).
   */
  private mark = 0;
  /** Characters handed to saxes so far (its own position getter counts the last chunk twice between writes). */
  private written = 0;
  private started = false;
  /** Frames of closed elements, for reuse. */
  private readonly spare: Frame[] = [];
  private skipDepth = 0;
  private root: Draft | null = null;
  private error: RiskError | null = null;
  /** The element being closed (for error paths) and reusable callbacks for the close handlers. */
  private closing: Frame | null = null;
  private readonly failClosing: Fail = (message, code) => {
    const f = this.closing!;
    throw this.fail(this.pathTo(f), message, code, f.line);
  };
  private readonly needClosing: Need = (fields) => {
    const f = this.closing!;
    requireFields(f.obj!, fields, f.spec!.leaves, this.failClosing);
  };

  constructor(limits: Partial<SpanReadLimits> = {}) {
    this.limits = { ...SPAN_READ_LIMITS, ...limits };
    const parser = this.parser;
    parser.on("opentag", (tag) => {
      this.mark = parser.position;
      this.open(tag.name);
    });
    parser.on("text", (text) => {
      this.mark = parser.position;
      this.onText(text);
    });
    parser.on("cdata", (text) => {
      this.mark = parser.position;
      this.onText(text);
    });
    parser.on("closetag", () => {
      this.mark = parser.position;
      this.close();
    });
    // SPAN XML files have no DTD; a DOCTYPE could declare entities that expand without bound
    parser.on("doctype", () => {
      throw this.fail(this.currentPath(), "the file has a DOCTYPE declaration: SPAN XML files have none, and DOCTYPE and entity declarations are refused (they can expand without bound)");
    });
    parser.on("error", (e) => {
      throw this.fail(this.currentPath(), `not well-formed XML: ${e.message}`);
    });
  }

  /** The file's elements the reader skipped, by path, with how many of each. */
  unread(): SpanUnreadElement[] {
    return this.paths.collect([]);
  }

  /** The path node of the frame at `depth` in the stack (built on first need, kept while the element is open). */
  private nodeAt(depth: number): PathNode {
    const frame = this.stack[depth]!;
    return frame.node ?? (frame.node = depth === 0 ? this.paths : this.nodeAt(depth - 1).child(frame.name));
  }

  private pathTo(frame: Frame): string {
    const parts = this.stack.map(segment);
    if (this.stack[this.stack.length - 1] !== frame) parts.push(segment(frame));
    return parts.join("/");
  }

  private currentPath(): string {
    return this.stack.length ? this.stack.map(segment).join("/") : "spanFile";
  }

  private fail(path: string, message: string, code: RiskErrorCode = "MALFORMED_FILE", line = this.parser.line): RiskError {
    const err = new RiskError(code, path, `${path} (line ${line}): ${message}`);
    this.error = err;
    return err;
  }

  private push(name: string, index: number, line: number, obj: Draft | null, spec: ContainerSpec | null, parentObj: Draft | null, parentName: string, leafTarget: Draft | null, leafField: string, leafKind: Kind): void {
    const frame = this.spare.pop() ?? new Frame();
    frame.set(name, index, line, obj, spec, parentObj, parentName, leafTarget, leafField, leafKind);
    this.stack.push(frame);
  }

  private open(name: string): void {
    const stack = this.stack;
    if (stack.length + this.skipDepth >= this.limits.maxDepth) {
      throw this.fail(this.currentPath(), `elements nest deeper than ${this.limits.maxDepth} levels (the reader's limit; SPAN files nest about 9 deep)`);
    }
    if (this.skipDepth > 0) {
      this.skipDepth++;
      return;
    }
    const parent = stack[stack.length - 1];
    const line = this.parser.line;
    if (!parent) {
      if (name !== "spanFile") throw this.fail(name, `the root element must be <spanFile>, got <${name}>`);
      this.root = { currencies: [], pointsInTime: [] };
      this.push(name, 1, line, this.root, null, null, "", null, "", "str");
      return;
    }
    const kind = ELEMENTS.get(name);
    let index = 1;
    if (kind !== undefined && kind.repeating) {
      const counts = parent.counts ?? (parent.counts = new Map());
      index = (counts.get(name) ?? 0) + 1;
      counts.set(name, index);
    }
    const parentObj = parent.obj;
    if (parentObj) {
      const spec = kind?.spec;
      if (spec && spec.parents.includes(parent.name)) {
        const obj: Draft = {};
        if (spec.lists) for (const l of spec.lists) obj[l] = [];
        this.push(name, index, line, obj, spec, parentObj, parent.name, null, "", "str");
        return;
      }
      const through = kind?.passthroughParents;
      if (through && through.includes(parent.name)) {
        this.push(name, index, line, parentObj, null, parentObj, parent.name, null, "", "str");
        return;
      }
      const leafSpec = parent.spec ? LEAVES.get(parent.spec)!.get(name) : parent.name === "spanFile" ? ROOT_LEAVES.get(name) : undefined;
      if (leafSpec) {
        this.push(name, index, line, null, null, parentObj, parent.name, parentObj, leafSpec[0], leafSpec[1]);
        return;
      }
    }
    this.nodeAt(stack.length - 1).child(name).unread++;
    this.skipDepth = 1;
  }

  private onText(text: string): void {
    if (this.skipDepth > 0) return;
    const top = this.stack[this.stack.length - 1];
    if (top && top.leafTarget) top.text += text;
  }

  private close(): void {
    if (this.skipDepth > 0) {
      this.skipDepth--;
      return;
    }
    const frame = this.stack[this.stack.length - 1];
    if (!frame) return;
    this.closing = frame;
    const fail = this.failClosing;
    if (frame.leafTarget) {
      const value = convert(frame.text, frame.leafKind, fail);
      const target = frame.leafTarget;
      const existing = target[frame.leafField];
      if (Array.isArray(existing)) existing.push(value);
      else target[frame.leafField] = frame.leafKind === "int" && frame.name === "r" ? Number.parseInt(String(value), 10) : value;
      this.spare.push(this.stack.pop()!);
      return;
    }
    if (frame.spec && frame.obj && frame.parentObj) frame.spec.close(frame.obj, frame.parentObj, frame.parentName, fail, this.needClosing);
    if (frame.name === "spanFile" && frame.obj) {
      const format = frame.obj.fileFormat;
      if (format !== undefined && !String(format).startsWith("4.")) fail(`unsupported fileFormat "${String(format)}" (this reader reads 4.00)`);
      if (list(frame.obj, "pointsInTime").length === 0) fail("required element <pointInTime> is missing");
    }
    this.spare.push(this.stack.pop()!);
  }

  /** Feeds the next chunk of text. Throws RiskError on malformed input or past a limit. */
  write(chunk: string): void {
    if (this.error) throw this.error;
    if (!this.started) {
      const head = chunk.replace(/^\uFEFF/, "").trimStart();
      this.started = head !== "";
      if (this.started && head[0] !== "<") throw this.fail("spanFile", `the file is not XML: it begins with ${JSON.stringify(head.slice(0, 16))}, not with markup`, "MALFORMED_FILE", 1);
    }
    try {
      for (let at = 0; at < chunk.length; at += SLICE_CHARS) {
        const slice = chunk.length <= SLICE_CHARS ? chunk : chunk.slice(at, at + SLICE_CHARS);
        this.parser.write(slice);
        this.written += slice.length;
        if (this.written - this.mark > this.limits.maxElementChars) {
          throw this.fail(this.currentPath(), `one element's text or markup is longer than ${sizeLabel(this.limits.maxElementChars)} characters (the reader's limit; SPAN values are a few dozen characters)`);
        }
      }
    } catch (e) {
      throw this.asRiskError(e);
    }
  }

  /** Ends the input and returns the extracted parameters. */
  end(): SpanFile {
    if (this.error) throw this.error;
    if (!this.started) throw this.fail("spanFile", "the file is empty", "MALFORMED_FILE", 1);
    const top = this.stack[this.stack.length - 1];
    if (top) throw this.fail(this.currentPath(), `the file is truncated: it ends inside <${top.name}>, opened on line ${top.line}`);
    try {
      this.parser.close();
    } catch (e) {
      throw this.asRiskError(e);
    }
    if (!this.root) throw this.fail("spanFile", "the file has no <spanFile> element");
    this.root.unread = this.unread();
    return this.root as unknown as SpanFile;
  }

  private asRiskError(e: unknown): RiskError {
    if (e instanceof RiskError) return e;
    return this.fail(this.currentPath(), `not well-formed XML: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Leaves read directly under <spanFile> (its passthrough children, e.g. <definitions>, have their own). */
const ROOT_LEAVES = new Map<string, readonly [string, Kind]>([["fileFormat", ["fileFormat", "str"]], ["created", ["created", "str"]]]);

/**
 * Elements whose path shows their 1-based position among same-named siblings (the repeating
 * ones; counting only these keeps the hot path light). Others appear by name; the line number
 * pinpoints them.
 */
const REPEATING = new Set(["ccDef", "exchange", "futPf", "oopPf", "fut", "series", "opt", "dSpread", "tLeg", "pLeg", "tier", "spotRate", "currencyDef", "pfLink", "curConv"]);

/**
 * What an element's name can make it, found with one Map lookup per element: the parser gives
 * each name as a new string, and a Map hashes it once where several object-key lookups would
 * each look it up again (millions of elements in a real file).
 */
interface ElementKind {
  /** A container, when under one of its spec's parents. */
  readonly spec: ContainerSpec | null;
  /** A passthrough, when under one of these parents. */
  readonly passthroughParents: readonly string[] | null;
  readonly repeating: boolean;
}
const ELEMENTS = new Map<string, ElementKind>(
  [...new Set([...Object.keys(SPECS), ...Object.keys(PASSTHROUGH), ...REPEATING])].map((name) => [name, { spec: SPECS[name] ?? null, passthroughParents: PASSTHROUGH[name] ?? null, repeating: REPEATING.has(name) }]),
);
/** Each container's leaves by element name. */
const LEAVES = new Map<ContainerSpec, ReadonlyMap<string, readonly [string, Kind]>>(Object.values(SPECS).map((spec) => [spec, new Map(Object.entries(spec.leaves))]));

/** Reads a SPAN XML document from a string or from chunks (strings), e.g. a decoded file stream. */
export async function parseSpanXml(source: string | AsyncIterable<string> | Iterable<string>, limits: Partial<SpanReadLimits> = {}): Promise<SpanFile> {
  const reader = new SpanXmlReader(limits);
  if (typeof source === "string") reader.write(source);
  else for await (const chunk of source) reader.write(chunk);
  return reader.end();
}
