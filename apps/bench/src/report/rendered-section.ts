/** A suite's part of RESULTS.md plus the SVG charts it links to (written under `charts/`). */
export type RenderedSection = {
  markdown: string;
  charts: { fileName: string; svg: string }[];
};
