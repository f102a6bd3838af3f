// Tests use the same mock engine as the offline preview.
export * from "../../preview/mockEngine";
