/** The props of the "image" chunk's components, as Python sends them (nbblocks/components/image.py, gallery.py). */
import type { FieldProps } from "../field";
import type { FileData } from "../protocol";

export type Size = number | string | null;

export interface ImageProps extends FieldProps {
  value: FileData | null;
  height: Size;
  width: Size;
  sources: ("upload" | "webcam" | "clipboard")[];
  show_download_button: boolean;
  streaming: boolean;
  mirror_webcam: boolean;
  placeholder: string | null;
  /** Gradio 5's text for screen readers, the picture's `alt`. */
  alt_text: string | null;
  interactive: boolean | null;
}

export interface GalleryItem {
  image: FileData;
  caption: string | null;
}

export interface GalleryProps extends FieldProps {
  value: GalleryItem[] | null;
  /** A number, or one per screen width (Gradio's breakpoints: `perWidth`). */
  columns: number | number[] | null;
  rows: number | number[] | null;
  height: Size;
  allow_preview: boolean;
  preview: boolean | null;
  selected_index: number | null;
  object_fit: "contain" | "cover" | "fill" | "none" | "scale-down" | null;
  show_download_button: boolean;
  interactive: boolean | null;
}

export interface Annotation {
  image: FileData;
  label: string;
}

export interface AnnotatedImageProps extends FieldProps {
  value: { image: FileData; annotations: Annotation[] } | null;
  show_legend: boolean;
  height: Size;
  width: Size;
  color_map: Record<string, string> | null;
}

export interface ImageSliderProps extends FieldProps {
  /** The pair: the picture left of the divider, then the one right of it; either may be null. */
  value: [FileData | null, FileData | null] | null;
  height: Size;
  width: Size;
  /** The divider, in percent of the width from the left. */
  slider_position: number;
  max_height: number;
  interactive: boolean | null;
}
