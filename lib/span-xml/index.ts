/**
 * SPAN XML import (I/O, outside the risk core): a streaming reader of the public SPAN XML
 * format (spanFile, fileFormat 4.x), plain or zipped, the conversion to the risk core's
 * RiskParameters, and the import report.
 */
export * from "./types";
export { SpanXmlReader, parseSpanXml } from "./parser";
export { readSpanXmlBytes, readSpanXmlFile, type ReadSpanXmlOptions } from "./read-file";
export { SPAN_READ_LIMITS, type SpanReadLimits } from "./limits";
export { spanImportReport, type SpanImportCounts, type SpanImportReport } from "./report";
export { toRiskParameters, type ConvertedSpanParameters, type ToRiskParametersOptions } from "./to-risk-parameters";
