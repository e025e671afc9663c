/**
 * gr.Model3D's declaration in the core: its props and events, drawn by the Model3D chunk
 * (components/model3d.ts), which loads only when a tree holds a Model3D (chunks.ts `lazy`).
 */
import { type ComponentSpec, propsOf } from "../block";
import { lazy } from "../chunks";
import type { Model3DProps } from "./model3d";

export const model3d: ComponentSpec = {
  draw: lazy("model3d"),
  props: propsOf<Model3DProps>({
    value: true, clear_color: true, camera_position: true, zoom_speed: true, pan_speed: true, height: true,
    interactive: true, label: true, show_label: true, info: true,
  }),
  events: ["change", "upload", "clear"],
};
