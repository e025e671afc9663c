/**
 * gr.Model3D, the Model3D chunk's entry (see chunks.ts): a .obj, .glb, .gltf or .stl file in a
 * three.js viewer the user turns (drag), pans (right drag) and zooms (wheel). The chunk loads only
 * on pages whose app holds a Model3D; from the core it takes types and its `ChunkApi`.
 */
import type { Block, BlockContext, Factory } from "../block";
import type { ChunkApi } from "../chunks";
import type { FieldProps } from "../field";
import type { FileData, Props } from "../protocol";
import { type CameraPosition, EXTENSIONS, type Rgba, Viewer } from "./model3d-viewer";
import styles from "./model3d.css";

export { styles };

export interface Model3DProps extends FieldProps {
  value: FileData | null;
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
  const input = h("input", { type: "file", accept: EXTENSIONS.join(","), hidden: "" });
  const empty = h("div", { class: "nbb-model3d-empty" });
  const note = h("div", { class: "nbb-model3d-note", role: "status", hidden: "" });
  const stage = h("div", { class: "nbb-model3d-stage", role: "img", "aria-labelledby": head.title.id }, empty);
  const reset = h("button", { type: "button", class: "nbb-icon-button" }, "Reset view");
  const clear = h("button", { type: "button", class: "nbb-icon-button" }, "Clear");
  const tools = h("div", { class: "nbb-model3d-tools" }, reset, clear);
  const el = h("div", { class: "nbb-model3d-body" }, head.title, head.info, stage, tools, note, input);
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

  function say(message: string | null): void {
    note.textContent = message ?? "";
    note.hidden = message === null;
  }

  async function showValue(): Promise<void> {
    const file = p.value;
    const uploads = p.interactive === true;
    empty.textContent = uploads ? `Drop a 3D model here or click to upload (${EXTENSIONS.join(", ")})` : "No 3D model";
    empty.classList.toggle("nbb-model3d-drop", uploads);
    empty.hidden = file !== null;
    reset.hidden = file === null;
    clear.hidden = file === null || !uploads;
    if (viewer) viewer.canvas.hidden = file === null;
    say(null);
    if (!file) {
      viewer?.clear();
      return;
    }
    const name = file.orig_name || file.path;
    try {
      const shown = ensureViewer();
      shown.canvas.hidden = false;
      await shown.show(await ctx.files.fileUrl(file), name, camera());
    } catch (err) {
      say(`${name}: ${err instanceof Error ? err.message : String(err)}`);
    }
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
    if ("value" in changes || "interactive" in changes) void showValue();
    else if ("camera_position" in changes) viewer?.resetCamera(camera());
  }

  /** The user's new value: shown, then told to Python before the events about it. */
  function userValue(value: FileData | null, event: "upload" | "clear"): void {
    apply({ value });
    ctx.sendValue(value);
    ctx.trigger(event);
    ctx.trigger("change");
  }

  async function upload(file: File): Promise<void> {
    try {
      const [stored] = await ctx.files.upload([file], (done) => say(`Uploading ${file.name}… ${Math.round(done * 100)}%`));
      if (stored) userValue(stored, "upload");
    } catch (err) {
      say(`${file.name}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  empty.addEventListener("click", () => {
    if (p.interactive === true) input.click();
  });
  input.addEventListener("change", () => {
    const file = input.files?.[0];
    input.value = "";
    if (file) void upload(file);
  });
  stage.addEventListener("dragover", (event) => {
    if (p.interactive === true && p.value === null) event.preventDefault();
  });
  stage.addEventListener("drop", (event) => {
    const file = event.dataTransfer?.files[0];
    if (p.interactive !== true || p.value !== null || !file) return;
    event.preventDefault();
    void upload(file);
  });
  reset.addEventListener("click", () => viewer?.resetCamera(camera()));
  clear.addEventListener("click", () => userValue(null, "clear"));
  apply(p);
  return { el, update: (props) => apply(props as Partial<Model3DProps>) };
}
