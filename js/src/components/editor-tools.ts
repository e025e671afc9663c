/**
 * The image editor's drawing tools: the brush, eraser and crop buttons (one pressed at a time),
 * the size slider, and the brush's palette and colour picker, as Gradio's `gr.Brush` and
 * `gr.Eraser` options say (a tool whose options are null is not offered).
 */
import type { ChunkApi } from "../chunks";
import type { Ink } from "./editor-canvas";

export type Color = string | [string, number];
export type Tool = "brush" | "eraser" | "crop";

export interface EraserOptions {
  default_size: number | "auto";
}

export interface BrushOptions extends EraserOptions {
  colors: Color[] | Color;
  default_color: Color;
  color_mode: string;
}

export interface ToolOptions {
  brush: BrushOptions | null;
  eraser: EraserOptions | null;
  transforms: readonly string[];
}

function colorOf(color: Color): { color: string; opacity: number } {
  return Array.isArray(color) ? { color: color[0], opacity: color[1] } : { color, opacity: 1 };
}

/** `colors` as a list: one colour alone may be a `[colour, opacity]` pair too. */
function palette(colors: Color[] | Color): Color[] {
  return Array.isArray(colors) && typeof colors[1] !== "number" ? (colors as Color[]) : [colors as Color];
}

export class Tools {
  readonly bar: HTMLElement;
  tool: Tool = "brush";
  private color = colorOf("#000000");
  /** The size the user chose on the slider; null: the tool's default. */
  private radius: number | null = null;
  private options: ToolOptions = { brush: null, eraser: null, transforms: [] };
  private readonly buttons: Record<Tool, HTMLButtonElement>;
  private readonly size: HTMLInputElement;
  private readonly swatches: HTMLElement;
  private readonly picker: HTMLInputElement;

  /** `onChoose` hears of a tool the user picks; `autoRadius` is "auto"'s size for the image shown. */
  constructor(
    private readonly api: ChunkApi,
    private readonly onChoose: (tool: Tool) => void,
    private readonly autoRadius: () => number,
  ) {
    const { h } = api;
    const tool = (label: string, name: Tool): HTMLButtonElement => {
      const made = h("button", { type: "button", class: "nbb-icon-button nbb-editor-tool" }, label);
      made.addEventListener("click", () => this.choose(name));
      return made;
    };
    this.buttons = { brush: tool("Brush", "brush"), eraser: tool("Eraser", "eraser"), crop: tool("Crop", "crop") };
    this.size = h("input", { type: "range", min: "1", max: "100", "aria-label": "Brush size" });
    this.swatches = h("div", { class: "nbb-editor-palette", role: "group", "aria-label": "Brush colour" });
    this.picker = h("input", { type: "color", "aria-label": "Custom colour" });
    this.bar = h("div", { class: "nbb-editor-tools" }, this.buttons.brush, this.buttons.eraser, this.buttons.crop, this.size, this.swatches, this.picker);
    this.size.addEventListener("input", () => {
      this.radius = Number(this.size.value);
    });
    this.picker.addEventListener("input", () => {
      this.color = { color: this.picker.value, opacity: 1 };
      this.render();
    });
  }

  apply(options: ToolOptions): void {
    const brushChanged = options.brush !== this.options.brush;
    this.options = options;
    if (brushChanged && options.brush) this.color = colorOf(options.brush.default_color);
    if (!this.offers(this.tool)) this.tool = (["brush", "eraser", "crop"] as const).find((t) => this.offers(t)) ?? "brush";
    this.render();
  }

  choose(tool: Tool): void {
    this.tool = tool;
    this.radius = null;
    this.render();
    this.onChoose(tool);
  }

  offers(tool: Tool): boolean {
    return tool === "crop" ? this.options.transforms.includes("crop") : this.options[tool] !== null;
  }

  /** The radius a stroke of the current tool paints with, in image pixels. */
  strokeRadius(): number {
    const options = this.tool === "eraser" ? this.options.eraser : this.options.brush;
    return this.radius ?? (options && options.default_size !== "auto" ? options.default_size : this.autoRadius());
  }

  /** What a stroke paints with, or null when the tool doesn't paint (crop, or one not offered). */
  ink(): Ink | null {
    if (this.tool === "crop" || !this.offers(this.tool)) return null;
    return this.tool === "eraser" ? "erase" : this.color;
  }

  render(): void {
    const { h } = this.api;
    for (const [name, button] of Object.entries(this.buttons) as [Tool, HTMLButtonElement][]) {
      button.hidden = !this.offers(name);
      button.setAttribute("aria-pressed", String(this.tool === name));
    }
    this.size.hidden = this.tool === "crop";
    this.size.value = String(this.strokeRadius());
    const brush = this.options.brush;
    this.swatches.hidden = brush === null || this.tool !== "brush";
    this.picker.hidden = this.swatches.hidden || brush?.color_mode === "fixed";
    this.swatches.replaceChildren(
      ...palette(brush?.colors ?? []).map((c) => {
        const { color } = colorOf(c);
        const swatch = h("button", { type: "button", class: "nbb-editor-swatch", "aria-label": color, title: color });
        swatch.style.background = color;
        swatch.setAttribute("aria-pressed", String(color === this.color.color));
        swatch.addEventListener("click", () => {
          this.color = colorOf(c);
          this.render();
        });
        return swatch;
      }),
    );
  }
}
