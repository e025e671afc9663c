import { ownProps, propsOf, type Block, type BlockContext, type ComponentSpec } from "../block";
import { h } from "../dom";
import type { FileData, Props } from "../protocol";
import { applyInput, saveFile, uploader } from "../upload";

interface ButtonLook {
  label: string | null;
  variant: "primary" | "secondary" | "stop";
  size: "sm" | "lg" | null;
  icon: string | null;
  interactive: boolean | null;
}

interface UploadButtonProps extends ButtonLook {
  value: FileData | FileData[] | null;
  file_count: "single" | "multiple" | "directory";
  file_types: string[] | null;
}

interface DownloadButtonProps extends ButtonLook {
  value: FileData | null;
}

/** The `<button>` both draw, styled as gr.Button; its text is the `label`. */
function buttonLook(btn: HTMLButtonElement, p: ButtonLook): void {
  btn.className = `nbb-btn nbb-btn-${p.variant ?? "secondary"} nbb-btn-${p.size ?? "lg"}`;
  btn.replaceChildren(p.icon ? h("img", { src: p.icon, alt: "", class: "nbb-btn-icon" }) : "", p.label ?? "");
  btn.disabled = p.interactive === false;
}

/** A button that opens the file chooser; the chosen files upload and become its value. */
function drawUploadButton(initial: Props, ctx: BlockContext): Block {
  const p = ownProps<UploadButtonProps>(initial);
  const btn = h("button", { type: "button", class: "nbb-btn" });
  const { input, bar, error, upload } = uploader(ctx.files, p.file_count, p.file_types);
  const el = h("div", { class: "nbb-upload-button" }, btn, input, bar.el, error);

  btn.addEventListener("click", () => {
    ctx.trigger("click");
    input.click();
  });
  input.addEventListener("change", async () => {
    const value = await upload(Array.from(input.files ?? []), p.file_count);
    if (value === undefined) return;
    p.value = value;
    ctx.sendValue(value);
    ctx.trigger("upload");
  });

  function apply(changes: Partial<UploadButtonProps>): void {
    Object.assign(p, changes);
    buttonLook(btn, p);
    applyInput(input, p.file_count, p.file_types);
  }

  apply(p);
  return { el, update: (props) => apply(props as Partial<UploadButtonProps>), boxed: false };
}

/** A button that downloads its value, through the transport's URL for it. */
function drawDownloadButton(initial: Props, ctx: BlockContext): Block {
  const p = ownProps<DownloadButtonProps>(initial);
  const btn = h("button", { type: "button", class: "nbb-btn" });
  const el = h("div", { class: "nbb-download-button" }, btn);

  btn.addEventListener("click", () => {
    ctx.trigger("click");
    if (p.value) void saveFile(ctx.files, p.value);
  });

  function apply(changes: Partial<DownloadButtonProps>): void {
    Object.assign(p, changes);
    buttonLook(btn, p);
  }

  apply(p);
  return { el, update: (props) => apply(props as Partial<DownloadButtonProps>), boxed: false };
}

const look = { label: true, variant: true, size: true, icon: true, interactive: true } as const;

export const uploadbutton: ComponentSpec = {
  draw: drawUploadButton,
  props: propsOf<UploadButtonProps>({ ...look, value: true, file_count: true, file_types: true }),
  events: ["click", "upload"],
};

export const downloadbutton: ComponentSpec = {
  draw: drawDownloadButton,
  props: propsOf<DownloadButtonProps>({ ...look, value: true }),
  events: ["click"],
};
