/**
 * gr.Image, gr.Gallery, gr.AnnotatedImage and gr.ImageSlider in the core: their props and events, drawn by the
 * "image" chunk (components/image.ts), which loads only when a tree holds one of them.
 */
import { type ComponentSpec, propsOf } from "../block";
import { lazy } from "../chunks";
import type { AnnotatedImageProps, GalleryProps, ImageProps, ImageSliderProps } from "./image-props";

export const image: ComponentSpec = {
  draw: lazy("image"),
  props: propsOf<ImageProps>({
    value: true, height: true, width: true, sources: true, show_download_button: true, streaming: true,
    mirror_webcam: true, placeholder: true, alt_text: true, interactive: true, label: true, show_label: true, info: true,
  }),
  events: ["clear", "change", "stream", "select", "upload", "input"],
};

export const gallery: ComponentSpec = {
  draw: lazy("gallery", "image"),
  props: propsOf<GalleryProps>({
    value: true, columns: true, rows: true, height: true, allow_preview: true, preview: true, selected_index: true,
    object_fit: true, show_download_button: true, interactive: true, label: true, show_label: true, info: true,
  }),
  events: ["select", "upload", "change", "preview_open", "preview_close"],
};

export const annotatedimage: ComponentSpec = {
  draw: lazy("annotatedimage", "image"),
  props: propsOf<AnnotatedImageProps>({
    value: true, show_legend: true, height: true, width: true, color_map: true, label: true, show_label: true,
    info: true,
  }),
  events: ["select"],
};

export const imageslider: ComponentSpec = {
  draw: lazy("imageslider", "image"),
  props: propsOf<ImageSliderProps>({
    value: true, height: true, width: true, slider_position: true, max_height: true, interactive: true, label: true,
    show_label: true, info: true,
  }),
  events: ["clear", "upload", "input"],
};
