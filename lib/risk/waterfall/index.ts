/** The Base financial safeguards waterfall (Rule 802.B as amended) and its tranches (802.A.4). */
export * from "./apportion";
export * from "./waterfall";
export * from "./tranches";
