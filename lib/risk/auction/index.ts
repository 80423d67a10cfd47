/** Default auctions: mandated bidders (Rule 914) and the incentive framework (Rule 802.B as amended). */
export * from "./mandated-bidders";
export * from "./classify";
export * from "./combine";
