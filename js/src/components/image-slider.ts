/**
 * gr.ImageSlider, in the "image" chunk: the second picture laid over the first and cut at the
 * divider, so the first shows left of it and the second right of it. The divider is a range input
 * spread over the pair: dragging anywhere on it, or the arrow keys, moves it. An upload (when
 * interactive) fills the first picture, as Gradio's does.
 */
import type { Block, BlockContext } from "../block";
import type { ChunkApi } from "../chunks";
import type { FileData, Props } from "../protocol";
import type { ImageSliderProps } from "./image-props";

type Pair = NonNullable<ImageSliderProps["value"]>;

export function imageSlider(api: ChunkApi, initial: Props, ctx: BlockContext): Block {
  const { h, cssSize } = api;
  const p = api.ownProps<ImageSliderProps>(initial);
  const head = api.fieldHeader(h("span", { id: ctx.uid("label") }), ctx.uid("info"));
  const pictures = [h("img", { class: "nbb-slider-first", alt: "" }), h("img", { class: "nbb-slider-second", alt: "" })];
  const line = h("div", { class: "nbb-slider-line" });
  const divider = h("input", { type: "range", min: "0", max: "100", step: "0.1", class: "nbb-slider-divider" });
  divider.setAttribute("aria-labelledby", head.title.id);
  const empty = h("div", { class: "nbb-image-empty" });
  const stage = h("div", { class: "nbb-slider-stage" }, ...pictures, line, divider);
  const input = h("input", { type: "file", accept: "image/*", hidden: "" });
  const upload = h("button", { type: "button", class: "nbb-icon-button" }, "Upload");
  const clear = h("button", { type: "button", class: "nbb-icon-button" }, "Clear");
  const tools = h("div", { class: "nbb-image-tools" }, upload, clear);
  const el = h("div", { class: "nbb-image-body" }, head.title, head.info, empty, stage, tools, input);
  const editable = (): boolean => p.interactive === true;

  function place(position: number): void {
    const percent = Math.min(100, Math.max(0, position));
    divider.value = String(percent);
    line.style.left = `${percent}%`;
    pictures[1].style.clipPath = `inset(0 0 0 ${percent}%)`;
  }

  function showValue(): void {
    const pair = p.value;
    pictures.forEach((picture, i) => {
      const file = pair?.[i] ?? null;
      picture.removeAttribute("src");
      picture.hidden = file === null;
      if (file) {
        void ctx.files.fileUrl(file).then((url) => {
          if (p.value?.[i] === file) picture.src = url; // else a newer value overtook this one
        });
      }
    });
  }

  function showTools(): void {
    const filled = p.value?.some((file) => file !== null) ?? false;
    stage.hidden = !filled;
    empty.hidden = filled;
    empty.textContent = editable() ? "Drop Image Here - or - Click to Upload" : "No image";
    upload.hidden = !editable();
    clear.hidden = !editable() || !filled;
  }

  function apply(changes: Partial<ImageSliderProps>): void {
    Object.assign(p, changes);
    head.apply(changes);
    if ("height" in changes) stage.style.height = cssSize(p.height);
    if ("width" in changes) stage.style.width = cssSize(p.width);
    if ("max_height" in changes) stage.style.maxHeight = cssSize(p.max_height);
    if ("slider_position" in changes) place(p.slider_position);
    if ("value" in changes) showValue();
    showTools();
  }

  /** The user's new pair: shown, then told to Python before the events about it. */
  function userValue(value: Pair | null, events: string[]): void {
    apply({ value });
    ctx.sendValue(value);
    for (const event of events) ctx.trigger(event);
  }

  async function uploadFile(file: File | undefined): Promise<void> {
    if (!file?.type.startsWith("image/")) return;
    const [stored]: (FileData | undefined)[] = await ctx.files.upload([file]);
    if (stored) userValue([stored, null], ["upload", "change", "input"]);
  }

  divider.addEventListener("input", () => place(Number(divider.value)));
  empty.addEventListener("click", () => {
    if (editable()) input.click();
  });
  upload.addEventListener("click", () => input.click());
  clear.addEventListener("click", () => userValue(null, ["clear", "change", "input"]));
  input.addEventListener("change", () => {
    const file = input.files?.[0];
    input.value = "";
    void uploadFile(file);
  });
  for (const target of [empty, stage]) {
    target.addEventListener("dragover", (event) => {
      if (editable()) event.preventDefault();
    });
    target.addEventListener("drop", (event) => {
      if (!editable()) return;
      event.preventDefault();
      void uploadFile(event.dataTransfer?.files[0]);
    });
  }
  apply(p);
  return { el, update: (props) => apply(props as Partial<ImageSliderProps>) };
}
