/**
 * Every block type the front end draws, built from the `ComponentSpec` each component module
 * exports next to its factory (its props and events). Adding a component: its module in
 * components/, then one line below. `manifest()` is what `node manifest.mjs` prints for
 * the Python side's check (tests/components/test_declarations.py).
 */
import type { ComponentSpec, Factory } from "./block";
import { accordion } from "./components/accordion";
import { audio, video } from "./components/av-spec";
import { browserstate } from "./components/browserstate";
import { button, deeplinkbutton } from "./components/button";
import { chatbot, multimodaltextbox } from "./components/chat-spec";
import { checkbox } from "./components/checkbox";
import { code } from "./components/code-spec";
import { checkboxgroup, radio } from "./components/choicegroup";
import { colorpicker } from "./components/colorpicker";
import { dataframe } from "./components/dataframe-spec";
import { dataset } from "./components/dataset-spec";
import { datetime } from "./components/datetime";
import { dialogue } from "./components/dialogue";
import { draggable } from "./components/draggable";
import { dropdown } from "./components/dropdown";
import { imageeditor, imagemask, sketchpad } from "./components/editor-spec";
import { file } from "./components/file";
import { fileexplorer } from "./components/fileexplorer";
import { downloadbutton, uploadbutton } from "./components/filebuttons";
import { highlightedtext } from "./components/highlighted";
import { html } from "./components/html";
import { annotatedimage, gallery, image, imageslider } from "./components/image-spec";
import { json } from "./components/json";
import { label } from "./components/label";
import { blocks, column, group, row } from "./components/layout";
import { markdown } from "./components/markdown";
import { model3d } from "./components/model3d-spec";
import { navbar } from "./components/navbar";
import { paramviewer } from "./components/paramviewer";
import { number } from "./components/number";
import { barplot, lineplot, plot, scatterplot } from "./components/plots-spec";
import { sidebar } from "./components/sidebar";
import { slider } from "./components/slider";
import { tab } from "./components/tab";
import { tabs, walkthrough } from "./components/tabs";
import { textbox } from "./components/textbox";
import { SHARED_PROPS } from "./wrapper";

/** Node `type` (Python's lower-case class name) to its spec; a Map, so a type named like an
 * Object method (`constructor`) finds nothing. */
const specs = new Map<string, ComponentSpec>(
  Object.entries({
    blocks,
    row,
    column,
    group,
    tabs,
    tab,
    walkthrough,
    step: tab, // a Walkthrough's Step: a Tab its Walkthrough draws as a step
    accordion,
    sidebar,
    draggable,
    markdown,
    html,
    textbox,
    number,
    slider,
    checkbox,
    checkboxgroup,
    radio,
    dropdown,
    button,
    clearbutton: button, // Gradio's ClearButton: a Button whose click has a `js` listener
    duplicatebutton: button, // Gradio's DuplicateButton: outside Hugging Face Spaces, a plain Button
    deeplinkbutton,
    loginbutton: button, // Gradio's LoginButton: a Button whose click says sign-in is on Spaces only
    json,
    dataframe,
    dataset,
    label,
    model3d,
    plot,
    lineplot,
    scatterplot,
    barplot,
    chatbot,
    multimodaltextbox,
    image,
    gallery,
    annotatedimage,
    audio,
    video,
    imageeditor,
    sketchpad,
    imagemask,
    file,
    fileexplorer,
    uploadbutton,
    downloadbutton,
    colorpicker,
    datetime,
    highlightedtext,
    code,
    navbar,
    paramviewer,
    browserstate,
    imageslider,
    dialogue,
  }),
);

/** Events the app fires for any block: `change` when a listener's `js` sets its value
 * (app.ts `View.setOutputs`), as Python fires it for any output its function sets. */
const APP_EVENTS = ["change"] as const;

export function factoryFor(type: string): Factory | undefined {
  return specs.get(type)?.draw;
}

/** What the front end draws and fires, as JSON: per type its own props and events, and what
 * every block gets (`shared_props`, `app_events`). */
export interface Manifest {
  shared_props: readonly string[];
  app_events: readonly string[];
  types: Record<string, { props: readonly string[]; events: readonly string[] }>;
}

export function manifest(): Manifest {
  const types = Object.fromEntries([...specs].map(([type, spec]) => [type, { props: spec.props, events: spec.events }]));
  return { shared_props: SHARED_PROPS, app_events: APP_EVENTS, types };
}
