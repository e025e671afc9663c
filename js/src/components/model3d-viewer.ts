/**
 * The 3D scene of gr.Model3D, on three.js (the Model3D chunk bundles it; no other page loads it).
 *
 * One renderer per block, made with the block and drawn only when something changes (a model
 * loaded, the camera moved, the size changed): an idle viewer costs no frames. The camera follows
 * Gradio's `camera_position`, Babylon's ArcRotateCamera angles: `alpha` turns around the vertical
 * axis, `beta` down from the top, both in degrees, `radius` the distance to the model's centre.
 */
import {
  Box3,
  type BufferGeometry,
  Color,
  DirectionalLight,
  HemisphereLight,
  Mesh,
  MeshStandardMaterial,
  type Object3D,
  PerspectiveCamera,
  Scene,
  Sphere,
  Vector3,
  WebGLRenderer,
} from "three";
import { OrbitControls } from "three/examples/jsm/controls/OrbitControls.js";
import { GLTFLoader } from "three/examples/jsm/loaders/GLTFLoader.js";
import { OBJLoader } from "three/examples/jsm/loaders/OBJLoader.js";
import { STLLoader } from "three/examples/jsm/loaders/STLLoader.js";

export type CameraPosition = [number | null, number | null, number | null];
export type Rgba = [number, number, number, number];

/** The formats Gradio's Model3D shows (its .splat/.ply need other viewers). */
export const EXTENSIONS = [".obj", ".glb", ".gltf", ".stl"] as const;

/** Babylon's default camera: looking at the model's front, from its height. */
const DEFAULT_ALPHA = -90;
const DEFAULT_BETA = 90;

export class Viewer {
  readonly canvas: HTMLCanvasElement;
  private readonly renderer: WebGLRenderer;
  private readonly scene = new Scene();
  private readonly camera = new PerspectiveCamera(45, 1, 0.01, 1000);
  private readonly controls: OrbitControls;
  private model: Object3D | null = null;
  private centre = new Vector3();
  /** Distance at which the whole model fits the view. */
  private fitDistance = 1;
  /** Counts `show` calls, so a slow load that a newer value overtook is dropped. */
  private loads = 0;

  constructor() {
    this.renderer = new WebGLRenderer({ antialias: true, alpha: true });
    this.canvas = this.renderer.domElement;
    this.scene.add(new HemisphereLight(0xffffff, 0x444444, 2));
    const headlight = new DirectionalLight(0xffffff, 2);
    headlight.position.set(1, 1, 2);
    this.camera.add(headlight); // lit from where the user looks, whichever side that is
    this.scene.add(this.camera);
    this.controls = new OrbitControls(this.camera, this.canvas);
    this.controls.addEventListener("change", () => this.render());
  }

  setClearColor([r, g, b, a]: Rgba): void {
    this.renderer.setClearColor(new Color(r, g, b), a);
    this.render();
  }

  setSpeeds(zoom: number, pan: number): void {
    this.controls.zoomSpeed = zoom;
    this.controls.panSpeed = pan;
  }

  /** Loads the file at `url`; `name` (with its extension) says which format it is. */
  async show(url: string, name: string, position: CameraPosition): Promise<void> {
    const load = ++this.loads;
    const model = await loadModel(url, name);
    if (load !== this.loads) return;
    this.removeModel();
    this.model = model;
    this.scene.add(model);
    const bounds = new Box3().setFromObject(model);
    bounds.getCenter(this.centre);
    const radius = bounds.isEmpty() ? 1 : Math.max(bounds.getBoundingSphere(new Sphere()).radius, 1e-6);
    this.fitDistance = (radius / Math.sin((this.camera.fov * Math.PI) / 360)) * 1.1;
    this.camera.near = this.fitDistance / 100;
    this.camera.far = this.fitDistance * 100;
    this.camera.updateProjectionMatrix();
    this.resetCamera(position);
  }

  /** The camera back at `position` (unset parts: Babylon's defaults, the whole model in view). */
  resetCamera([alpha, beta, radius]: CameraPosition): void {
    const a = ((alpha ?? DEFAULT_ALPHA) * Math.PI) / 180;
    const b = ((beta ?? DEFAULT_BETA) * Math.PI) / 180;
    const r = radius ?? this.fitDistance;
    // Babylon is left-handed and three.js right-handed: z changes sign.
    const offset = new Vector3(r * Math.cos(a) * Math.sin(b), r * Math.cos(b), -r * Math.sin(a) * Math.sin(b));
    this.camera.position.copy(this.centre).add(offset);
    this.controls.target.copy(this.centre);
    this.controls.update();
    this.render();
  }

  /** No model shown; a load still under way is dropped when it ends. */
  clear(): void {
    this.loads += 1;
    this.removeModel();
    this.render();
  }

  private removeModel(): void {
    if (!this.model) return;
    this.scene.remove(this.model);
    this.model.traverse((node) => {
      if (node instanceof Mesh) node.geometry.dispose();
    });
    this.model = null;
  }

  resize(width: number, height: number): void {
    if (width <= 0 || height <= 0) return;
    this.renderer.setPixelRatio(window.devicePixelRatio);
    this.renderer.setSize(width, height, false);
    this.camera.aspect = width / height;
    this.camera.updateProjectionMatrix();
    this.render();
  }

  private render(): void {
    this.renderer.render(this.scene, this.camera);
  }
}

/** The file's extension, lower-case with its dot ("" when it has none). */
export function extensionOf(name: string): string {
  const base = name.split(/[?#]/, 1)[0].split(/[\\/]/).pop() ?? "";
  const dot = base.lastIndexOf(".");
  return dot > 0 ? base.slice(dot).toLowerCase() : "";
}

async function loadModel(url: string, name: string): Promise<Object3D> {
  const extension = extensionOf(name);
  if (extension === ".glb" || extension === ".gltf") return (await new GLTFLoader().loadAsync(url)).scene;
  if (extension === ".obj") return objModel(await new OBJLoader().loadAsync(url));
  if (extension === ".stl") return stlMesh(await new STLLoader().loadAsync(url));
  throw new Error(`cannot show ${extension || "a file without extension"}: Model3D shows ${EXTENSIONS.join(", ")}`);
}

/** The surface of a model that brings no material (STL, OBJ without its .mtl): a light grey
 * that shows against light and dark backgrounds, or the file's own colours per vertex or face. */
function surface(coloured: boolean): MeshStandardMaterial {
  return new MeshStandardMaterial({ color: coloured ? 0xffffff : 0xb4b4c8, vertexColors: coloured });
}

/** Binary STL may carry a colour per face (STLLoader's `color` attribute). */
function stlMesh(geometry: BufferGeometry): Mesh {
  if (!geometry.hasAttribute("normal")) geometry.computeVertexNormals();
  return new Mesh(geometry, surface(geometry.hasAttribute("color")));
}

/** A .obj comes without its .mtl file here (one URL per value), so OBJLoader's plain white
 * stands in for every material: the neutral surface replaces it. */
function objModel(group: Object3D): Object3D {
  group.traverse((node) => {
    if (node instanceof Mesh) node.material = surface(node.geometry.hasAttribute("color"));
  });
  return group;
}
