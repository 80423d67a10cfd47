/**
 * SPAN XML import (I/O, outside the risk core): a streaming reader of the public SPAN XML
 * format (spanFile, fileFormat 4.00) and the conversion to the risk core's RiskParameters.
 */
export * from "./types";
export { SpanXmlReader, parseSpanXml } from "./parser";
export { readSpanXmlFile } from "./read-file";
export { toRiskParameters, type ConvertedSpanParameters, type ToRiskParametersOptions } from "./to-risk-parameters";
