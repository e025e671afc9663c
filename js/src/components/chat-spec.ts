/**
 * gr.Chatbot's and gr.MultimodalTextbox's declarations in the core: their props and events, drawn
 * by the "chat" chunk (components/chat.ts), which loads only when a tree holds one (chunks.ts `lazy`).
 */
import { type ComponentSpec, propsOf } from "../block";
import { lazy } from "../chunks";
import type { ChatbotProps } from "./chat";
import type { MultimodalProps } from "./chat-multimodal";

export const chatbot: ComponentSpec = {
  draw: lazy("chatbot", "chat"),
  props: propsOf<ChatbotProps>({
    value: true, height: true, rtl: true, show_copy_button: true, avatar_images: true, sanitize_html: true,
    render_markdown: true, latex_delimiters: true, bubble_full_width: true, line_breaks: true, likeable: true, layout: true,
    placeholder: true, like_user_message: true, min_height: true, max_height: true, autoscroll: true, examples: true, editable: true, label: true,
    show_label: true, info: true,
  }),
  events: ["select", "like", "copy", "example_select", "option_select", "retry", "undo", "clear", "edit"],
};

export const multimodaltextbox: ComponentSpec = {
  draw: lazy("multimodaltextbox", "chat"),
  props: propsOf<MultimodalProps>({
    value: true, file_types: true, file_count: true, lines: true, max_lines: true, placeholder: true, autofocus: true, autoscroll: true,
    text_align: true, rtl: true, submit_btn: true, interactive: true, label: true, show_label: true, info: true,
  }),
  events: ["change", "input", "select", "submit", "focus", "blur", "upload"],
};
