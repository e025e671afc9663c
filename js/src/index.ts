/**
 * The bundle's entry: the anywidget module (default export) for notebooks, and `mount` for a plain
 * page that brings its own Channel (a WebSocket when served).
 */
import "./styles/theme.css";
import "./styles/layout.css";
import "./styles/components.css";
import "./styles/feedback.css";
import "./styles/page.css";
import { mount } from "./app";
import type { Channel } from "./channel";
import type { ClientMessage, ServerMessage } from "./protocol";

export { mount };
export { connect } from "./served";

/** The part of anywidget's model we use: custom messages both ways. */
interface WidgetModel {
  send(msg: ClientMessage): void;
  on(event: "msg:custom", cb: (msg: ServerMessage) => void): void;
  off(event: "msg:custom", cb: (msg: ServerMessage) => void): void;
}

/** Carries protocol messages as the widget's custom comm messages. */
function widgetChannel(model: WidgetModel): Channel {
  return {
    send: (msg) => model.send(msg),
    onMessage(cb) {
      // anywidget passes (msg, buffers); keep our own function so `off` removes exactly it.
      const handler = (msg: ServerMessage): void => cb(msg);
      model.on("msg:custom", handler);
      return () => model.off("msg:custom", handler);
    },
  };
}

export default {
  render({ model, el }: { model: WidgetModel; el: HTMLElement }): () => void {
    return mount(el, widgetChannel(model));
  },
};
