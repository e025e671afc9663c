/**
 * gr.Model3D, the Model3D chunk's entry (see chunks.ts): a .obj, .glb, .gltf or .stl file in a
 * three.js viewer the user turns (drag), pans (right drag) and zooms (wheel). The chunk loads only
 * on pages whose app holds a Model3D; from the core it takes types and its `ChunkApi`.
 */
import type { Block, BlockContext, Factory } from "../block";
import type { ChunkApi } from "../chunks";
import type { FieldProps } from "../field";
import type { Props } from "../protocol";
import { type CameraPosition, type Rgba, Viewer } from "./model3d-viewer";
import styles from "./model3d.css";

export { styles };

/** Gradio's FileData, as much of it as the viewer reads. */
export interface FileValue {
  path: string;
  url: string | null;
  orig_name: string | null;
}

export interface Model3DProps extends FieldProps {
  value: FileValue | null;
  clear_color: Rgba | null;
  camera_position: CameraPosition | null;
  zoom_speed: number;
  pan_speed: number;
  height: number | string | null;
  interactive: boolean | null;
}

export function factories(api: ChunkApi): Record<string, Factory> {
  return { model3d: (props, ctx) => model3d(api, props, ctx) };
}

function model3d(api: ChunkApi, initial: Props, ctx: BlockContext): Block {
  const { h } = api;
  const p = api.ownProps<Model3DProps>(initial);
  const head = api.fieldHeader(h("span", { id: ctx.uid("label") }), ctx.uid("info"));
  const empty = h("div", { class: "nbb-model3d-empty" }, "No 3D model");
  const problem = h("div", { class: "nbb-model3d-error", role: "alert", hidden: "" });
  const stage = h("div", { class: "nbb-model3d-stage", role: "img", "aria-labelledby": head.title.id }, empty);
  const reset = h("button", { type: "button", class: "nbb-icon-button", "aria-label": "Reset view" }, "Reset view");
  const clear = h("button", { type: "button", class: "nbb-icon-button", "aria-label": "Clear" }, "Clear");
  const tools = h("div", { class: "nbb-model3d-tools" }, reset, clear);
  const el = h("div", { class: "nbb-model3d" }, head.title, head.info, stage, tools, problem);
  /** Made with the first model: an empty Model3D holds no WebGL context. */
  let viewer: Viewer | null = null;

  function ensureViewer(): Viewer {
    if (viewer) return viewer;
    const made = new Viewer();
    made.setClearColor(p.clear_color ?? [0, 0, 0, 0]);
    made.setSpeeds(p.zoom_speed, p.pan_speed);
    new ResizeObserver(() => made.resize(stage.clientWidth, stage.clientHeight)).observe(stage);
    stage.append(made.canvas);
    viewer = made;
    return made;
  }

  function showValue(): void {
    const file = p.value;
    problem.hidden = true;
    empty.hidden = file !== null;
    reset.hidden = file === null;
    clear.hidden = file === null || p.interactive !== true;
    if (!file) {
      viewer?.clear();
      return;
    }
    const name = file.orig_name || file.path;
    if (!file.url) {
      fail(`${name}: this page cannot read the file`);
      return;
    }
    ensureViewer()
      .show(file.url, name, camera())
      .catch((err: unknown) => fail(`${name}: ${err instanceof Error ? err.message : String(err)}`));
  }

  function fail(message: string): void {
    problem.textContent = message;
    problem.hidden = false;
  }

  function camera(): CameraPosition {
    return p.camera_position ?? [null, null, null];
  }

  function apply(changes: Partial<Model3DProps>): void {
    Object.assign(p, changes);
    head.apply(changes);
    if ("height" in changes) stage.style.height = typeof p.height === "number" ? `${p.height}px` : (p.height ?? "");
    if ("clear_color" in changes) viewer?.setClearColor(p.clear_color ?? [0, 0, 0, 0]);
    if ("zoom_speed" in changes || "pan_speed" in changes) viewer?.setSpeeds(p.zoom_speed, p.pan_speed);
    if ("value" in changes || "interactive" in changes) showValue();
    else if ("camera_position" in changes) viewer?.resetCamera(camera());
  }

  reset.addEventListener("click", () => viewer?.resetCamera(camera()));
  clear.addEventListener("click", () => {
    apply({ value: null });
    ctx.sendValue(null);
    ctx.trigger("clear");
    ctx.trigger("change");
  });
  apply(p);
  return { el, update: (props) => apply(props as Partial<Model3DProps>) };
}
