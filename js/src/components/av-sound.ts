/**
 * Sound for gr.Audio (part of the "av" chunk): the microphone captured as PCM with WebAudio and
 * written as 16-bit WAV, and a waveform drawn from the decoded file.
 *
 * Why PCM and not MediaRecorder: a MediaRecorder's chunks are pieces of one webm stream (only the
 * first has a header), and reading webm in Python needs ffmpeg. A WAV per chunk is a whole file
 * that Python reads with the standard library, so `streaming=True` sends one every ~0.5 s.
 */

/** A 16-bit PCM WAV file of mono `samples` (floats in -1..1). */
export function encodeWav(samples: Float32Array, sampleRate: number): Blob {
  const out = new DataView(new ArrayBuffer(44 + samples.length * 2));
  const text = (at: number, s: string): void => {
    for (let i = 0; i < s.length; i++) out.setUint8(at + i, s.charCodeAt(i));
  };
  text(0, "RIFF");
  out.setUint32(4, 36 + samples.length * 2, true);
  text(8, "WAVE");
  text(12, "fmt ");
  out.setUint32(16, 16, true); // the fmt chunk's size
  out.setUint16(20, 1, true); // PCM
  out.setUint16(22, 1, true); // mono
  out.setUint32(24, sampleRate, true);
  out.setUint32(28, sampleRate * 2, true); // bytes per second
  out.setUint16(32, 2, true); // bytes per frame
  out.setUint16(34, 16, true); // bits per sample
  text(36, "data");
  out.setUint32(40, samples.length * 2, true);
  samples.forEach((s, i) => {
    out.setInt16(44 + i * 2, Math.max(-1, Math.min(1, s)) * 0x7fff, true);
  });
  return new Blob([out.buffer], { type: "audio/wav" });
}

function joined(parts: readonly Float32Array[]): Float32Array {
  const all = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    all.set(part, at);
    at += part.length;
  }
  return all;
}

/** The microphone, recording mono PCM while not paused. */
export class Microphone {
  private readonly all: Float32Array[] = [];
  private pending: Float32Array[] = [];
  private paused = false;

  private constructor(
    private readonly stream: MediaStream,
    private readonly context: AudioContext,
    private readonly node: ScriptProcessorNode,
  ) {
    // ScriptProcessorNode is deprecated but needs no worklet module (a chunk can't ship a second
    // file); its buffers arrive every ~90 ms at 44.1 kHz, plenty for 0.5 s stream chunks.
    node.onaudioprocess = (event) => {
      if (this.paused) return;
      const samples = new Float32Array(event.inputBuffer.getChannelData(0));
      this.all.push(samples);
      this.pending.push(samples);
    };
  }

  static async open(): Promise<Microphone> {
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    const context = new AudioContext();
    const node = context.createScriptProcessor(4096, 1, 1);
    context.createMediaStreamSource(stream).connect(node);
    node.connect(context.destination); // a processor only runs when connected; it outputs silence
    return new Microphone(stream, context, node);
  }

  get sampleRate(): number {
    return this.context.sampleRate;
  }

  pause(paused: boolean): void {
    this.paused = paused;
  }

  /** What arrived since the last call, as a WAV (null when nothing did). */
  takeChunk(): Blob | null {
    if (this.pending.length === 0) return null;
    const chunk = joined(this.pending);
    this.pending = [];
    return encodeWav(chunk, this.sampleRate);
  }

  /** Ends the recording: the microphone is released, the whole recording returned as a WAV. */
  async close(): Promise<Blob> {
    this.node.disconnect();
    for (const track of this.stream.getTracks()) track.stop();
    await this.context.close();
    return encodeWav(joined(this.all), this.sampleRate);
  }
}

/** Peak per pixel column of a decoded file's first channel, 0..1. */
export async function peaksOf(url: string, columns: number): Promise<Float32Array<ArrayBuffer>> {
  const bytes = await (await fetch(url)).arrayBuffer();
  const context = new OfflineAudioContext(1, 1, 44100);
  const channel = (await context.decodeAudioData(bytes)).getChannelData(0);
  const peaks = new Float32Array(columns);
  const step = Math.max(1, Math.floor(channel.length / columns));
  for (let c = 0; c < columns; c++) {
    let peak = 0;
    for (let i = c * step; i < Math.min(channel.length, (c + 1) * step); i++) peak = Math.max(peak, Math.abs(channel[i] ?? 0));
    peaks[c] = peak;
  }
  return peaks;
}

/** Draws `peaks` as bars, those before `progress` (0..1) in `played` colour. */
export function drawWave(canvas: HTMLCanvasElement, peaks: Float32Array, progress: number, color: string, played: string): void {
  const g = canvas.getContext("2d");
  if (!g) return;
  const { width, height } = canvas;
  g.clearRect(0, 0, width, height);
  const bar = width / Math.max(1, peaks.length);
  peaks.forEach((peak, i) => {
    g.fillStyle = i / peaks.length < progress ? played : color;
    const tall = Math.max(1, peak * height);
    g.fillRect(i * bar, (height - tall) / 2, Math.max(1, bar - 1), tall);
  });
}
