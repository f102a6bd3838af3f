export * from "./assumptions";
export * from "./clients";
export * from "./coldStart";
export * from "./resources";
export * from "./stackModel";
export * from "./twin";
export * from "./timeline";
