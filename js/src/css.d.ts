/** A lazy chunk's CSS, imported as minified text (build.mjs `css-as-text`); the core's own CSS is
 * imported for its side effect only and bundled into nbblocks.css. */
declare module "*.css" {
  const text: string;
  export default text;
}
