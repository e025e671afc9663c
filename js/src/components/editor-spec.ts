/**
 * gr.ImageEditor's, gr.Sketchpad's and gr.ImageMask's declarations in the core: their props and
 * events, drawn by the editor chunk (components/editor.ts), which loads only when a tree holds one
 * of them (chunks.ts `lazy`). The two presets are ImageEditors with other defaults.
 */
import { type ComponentSpec, propsOf } from "../block";
import { lazy } from "../chunks";
import type { EditorProps } from "./editor";

const props = propsOf<EditorProps>({
  value: true, height: true, width: true, sources: true, show_download_button: true, mirror_webcam: true,
  crop_size: true, transforms: true, eraser: true, brush: true, layers: true, canvas_size: true, interactive: true,
  label: true, show_label: true, info: true,
});
const events = ["change", "input", "upload", "apply", "clear"];

export const imageeditor: ComponentSpec = { draw: lazy("imageeditor", "editor"), props, events };
export const sketchpad: ComponentSpec = { draw: lazy("sketchpad", "editor"), props, events };
export const imagemask: ComponentSpec = { draw: lazy("imagemask", "editor"), props, events };
