"""Audio and Video on a served page in a Chromium with fake media devices (a beeping microphone,
a test-pattern camera): upload through the real file chooser, the microphone recorded and
streamed, the webcam recorded as webm, and a video seek answered by a Range request."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

import nbblocks as gr
from tests.av_files import tone, write_wav
from tests.conftest import CHROMIUM, CHROMIUM_ARGS

from ..server.conftest import launch, served_page  # noqa: F401  (fixtures shared with the server tests)

MEDIA_ARGS = [
    "--use-fake-device-for-media-stream",
    "--use-fake-ui-for-media-stream",
    "--autoplay-policy=no-user-gesture-required",
]


@pytest.fixture(scope="module")
def media_browser(browser: Any) -> Iterator[Any]:
    """A second Chromium, from the same Playwright, whose microphone and camera are fakes."""
    chromium = browser.browser_type.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS + MEDIA_ARGS)
    yield chromium
    chromium.close()


@pytest.fixture()
def page(media_browser: Any) -> Iterator[Any]:
    """This module's pages (and so `served_page`) open in the browser with fake devices."""
    context = media_browser.new_context(viewport={"width": 1200, "height": 900})
    yield context.new_page()
    context.close()


def media_ready(page: Any, selector: str) -> None:
    """Until the media element under ``selector`` has loaded its file and knows its length."""
    page.wait_for_function(
        "sel => { const m = document.querySelector(sel); return m && m.readyState >= 1 && m.duration > 0; }", arg=selector
    )


def test_audio_upload_through_the_chooser_numpy_both_ways(launch, served_page, tmp_path: Path, screenshots: Path) -> None:
    def reverse(audio: tuple[int, Any]) -> tuple[tuple[int, Any], str]:
        rate, samples = audio
        return (rate, samples[::-1]), f"{rate} Hz, {samples.dtype}, {samples.shape[0]} samples"

    events: list[str] = []
    with gr.Blocks() as demo:
        inp = gr.Audio(label="In", elem_id="inp")
        out = gr.Audio(label="Out", elem_id="out", waveform_options=gr.WaveformOptions(waveform_color="#0000ff"))
        said = gr.Textbox(label="Said")
        inp.upload(reverse, inp, [out, said])
        inp.change(lambda a: events.append("change"), inp, None)
    served_page.goto(launch(demo))
    source = write_wav(tmp_path / "tone.wav", tone(1.0))
    with served_page.expect_file_chooser() as chooser:
        served_page.get_by_text("Drop an audio file here").click()
    chooser.value.set_files(str(source))
    expect(served_page.get_by_label("Said")).to_have_value("8000 Hz, int16, 8000 samples")
    media_ready(served_page, "#out audio")
    assert served_page.evaluate("document.querySelector('#out audio').duration") == pytest.approx(1.0, abs=0.01)
    # the waveform is drawn from the decoded file, in the colour of its waveform_options
    served_page.wait_for_function(
        """() => { const c = document.querySelector('#out canvas');
                   const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                   for (let i = 0; i < px.length; i += 4) if (px[i] === 0 && px[i + 1] === 0 && px[i + 2] === 255 && px[i + 3] === 255) return true;
                   return false; }"""
    )
    expect(served_page.locator("#out a[download]")).to_be_visible()
    served_page.screenshot(path=screenshots / "served_audio_upload.png")
    assert events == ["change"]


def test_microphone_records_and_streams(launch, served_page) -> None:
    chunks: list[tuple[int, int]] = []
    heard: list[str] = []

    def on_chunk(audio: tuple[int, Any]) -> str:
        rate, samples = audio
        chunks.append((rate, len(samples)))
        return f"{len(chunks)} chunks"

    with gr.Blocks() as demo:
        mic = gr.Audio(sources=["microphone"], streaming=True, label="Mic", elem_id="mic")
        count, length = gr.Textbox(label="Count"), gr.Textbox(label="Length")
        mic.stream(on_chunk, mic, count)
        mic.start_recording(lambda: heard.append("start"))
        mic.pause_recording(lambda: heard.append("pause"))
        mic.stop_recording(lambda: heard.append("stop"))
        mic.change(lambda a: f"{len(a[1]) / a[0]:.1f} s, loud: {int(abs(a[1]).max()) > 1000}", mic, length)
    fetched: list[str] = []
    served_page.on("request", lambda request: fetched.append(request.url) if "file=" in request.url else None)
    served_page.goto(launch(demo))
    served_page.get_by_role("button", name="Record").click()
    expect(served_page.get_by_label("Count")).to_have_value(re.compile(r"^([3-9]|\d\d+) chunks$"))  # 1.5 s or more
    served_page.get_by_role("button", name="Pause").click()
    served_page.get_by_role("button", name="Resume").click()
    served_page.get_by_role("button", name="Stop").click()
    expect(served_page.get_by_label("Length")).to_have_value(re.compile(r"^(1\.[5-9]|[2-9]\.\d|\d\d+\.\d) s, loud: True$"))
    rate = chunks[0][0]
    assert rate in (44100, 48000)
    lengths = sorted(n / rate for _, n in chunks)
    assert 0.3 <= lengths[len(lengths) // 2] <= 0.8 and lengths[-1] < 1.5, lengths  # chunks of about 0.5 s
    assert heard == ["start", "pause", "stop"]
    media_ready(served_page, "#mic audio")  # the recording is the component's value, playable
    assert fetched and not [url for url in fetched if "stream.wav" in url]  # chunks are sent, never fetched back


def test_webcam_records_a_webm_that_plays(launch, served_page, monkeypatch: pytest.MonkeyPatch) -> None:
    """The preview is mirrored (mirror_webcam); with no ffmpeg to mirror the file, the function
    gets the recording as the camera saw it."""
    monkeypatch.setenv("PATH", "/nonexistent")  # no ffmpeg, whatever the machine has
    with gr.Blocks() as demo:
        cam = gr.Video(sources=["webcam"], label="Cam", elem_id="cam")
        got = gr.Textbox(label="Got")
        cam.change(lambda path: f"{Path(path).suffix} {Path(path).stat().st_size > 1000}" if path else "none", cam, got)
    served_page.goto(launch(demo))
    served_page.get_by_role("button", name="Record").click()
    served_page.wait_for_function("() => document.querySelector('#cam .nbb-av-preview').currentTime > 1")
    assert served_page.evaluate("document.querySelector('#cam .nbb-av-preview').muted")  # no echo of the microphone
    assert (
        served_page.evaluate("getComputedStyle(document.querySelector('#cam .nbb-av-preview')).transform")
        == "matrix(-1, 0, 0, 1, 0, 0)"
    )
    served_page.get_by_role("button", name="Stop").click()
    expect(served_page.get_by_label("Got")).to_have_value(".webm True")
    served_page.wait_for_function(
        "() => { const v = document.querySelector('#cam video[controls]'); return v.videoWidth > 0 && v.duration > 0.5 && v.duration < 60; }"
    )


def test_a_video_seek_is_served_by_a_range_request(launch, served_page, tmp_path: Path) -> None:
    """A long file (a 16 MB WAV, which Chromium plays in a <video> like any media and which needs
    no codec to make): the player loads its start (preload=metadata), and seeking near its end
    must fetch from there, a Range request the file route answers with 206."""
    long = write_wav(tmp_path / "long.wav", tone(1000.0))
    with gr.Blocks() as demo:
        video = gr.Video(str(long), elem_id="vid")
    ranges: list[tuple[str, int]] = []

    def answered(response: Any) -> None:
        if "/gradio_api/file=" in response.url:
            ranges.append((response.request.headers.get("range", ""), response.status))

    served_page.on("response", answered)
    served_page.goto(launch(demo))
    media_ready(served_page, "#vid video[controls]")
    served_page.evaluate("document.querySelector('#vid video[controls]').currentTime = 900")
    served_page.wait_for_function(
        "() => { const v = document.querySelector('#vid video[controls]'); return !v.seeking && v.readyState >= 2 && v.currentTime >= 900; }"
    )
    assert served_page.evaluate("document.querySelector('#vid video[controls]').duration") == pytest.approx(1000)
    far = [(r, status) for r, status in ranges if r.startswith("bytes=") and int(r[6:].split("-")[0]) > long.stat().st_size // 2]
    assert far and all(status == 206 for _, status in far), ranges
    assert video.value["video"]["orig_name"] == "long.wav"


RECORD_CANVAS = """async (seconds) => {
  const canvas = Object.assign(document.createElement("canvas"), { width: 160, height: 120 });
  const g = canvas.getContext("2d");
  const recorder = new MediaRecorder(canvas.captureStream(25), { mimeType: "video/webm" });
  const parts = [];
  recorder.ondataavailable = (event) => parts.push(event.data);
  const done = new Promise((resolve) => { recorder.onstop = resolve; });
  recorder.start();
  const start = performance.now();
  while (performance.now() - start < seconds * 1000) {
    g.fillStyle = `hsl(${(performance.now() - start) / 5}, 80%, 50%)`;
    g.fillRect(0, 0, 160, 120);
    await new Promise((r) => setTimeout(r, 40));
  }
  recorder.stop();
  await done;
  const bytes = new Uint8Array(await new Blob(parts).arrayBuffer());
  return Array.from(bytes);
}"""


def test_video_upload_through_the_chooser(launch, served_page) -> None:
    """A webm recorded in the page from a canvas (no codec needed on the test machine) is chosen
    through the real file chooser, reaches the function as a path, and the output plays it."""
    with gr.Blocks() as demo:
        inp, out = gr.Video(label="In", elem_id="in"), gr.Video(label="Out", elem_id="out")
        got = gr.Textbox(label="Got")
        inp.upload(lambda path: (path, f"{Path(path).name} {Path(path).stat().st_size}"), inp, [out, got])
    served_page.goto(launch(demo))
    webm = bytes(served_page.evaluate(RECORD_CANVAS, 1))
    assert webm[:4] == b"\x1a\x45\xdf\xa3"  # an EBML (webm) header
    with served_page.expect_file_chooser() as chooser:
        served_page.get_by_text("Drop a video here").click()
    chooser.value.set_files({"name": "canvas.webm", "mimeType": "video/webm", "buffer": webm})
    expect(served_page.get_by_label("Got")).to_have_value(f"canvas.webm {len(webm)}")
    served_page.wait_for_function(
        "() => { const v = document.querySelector('#out video[controls]'); return v.readyState >= 1 && v.videoWidth === 160; }"
    )


def test_player_events_autoplay_and_clear(launch, served_page, tmp_path: Path) -> None:
    """Audio with autoplay plays by itself (play, then stop at its end); Video fires play and end;
    Clear empties an interactive Audio and fires clear with None."""
    heard: list[str] = []

    def hear(name: str) -> Any:
        def listener(value: Any = None) -> str:
            heard.append(name if value is None or name != "clear" else "clear with a value")
            return " ".join(heard)

        return listener

    clip = write_wav(tmp_path / "short.wav", tone(0.5))
    with gr.Blocks() as demo:
        sound = gr.Audio(str(clip), autoplay=True, interactive=True, elem_id="sound")
        film = gr.Video(str(clip), elem_id="film")
        log = gr.Textbox(label="Log")
        for name in ("play", "pause", "stop"):
            getattr(sound, name)(hear(f"audio {name}"), None, log)
        sound.clear(hear("clear"), sound, log)
        film.play(hear("video play"), None, log)
        film.end(hear("video end"), None, log)
    served_page.goto(launch(demo))
    expect(served_page.get_by_label("Log")).to_have_value("audio play audio stop")
    served_page.evaluate("document.querySelector('#film video[controls]').play()")
    expect(served_page.get_by_label("Log")).to_have_value("audio play audio stop video play video end")
    served_page.locator("#sound").get_by_role("button", name="Clear").click()
    expect(served_page.get_by_label("Log")).to_have_value("audio play audio stop video play video end clear")
    expect(served_page.get_by_text("Drop an audio file here")).to_be_visible()


def test_a_webcam_recording_stops_at_max_length(launch, served_page) -> None:
    with gr.Blocks() as demo:
        cam = gr.Video(sources=["webcam"], mirror_webcam=False, max_length=1, elem_id="cam")
        got = gr.Textbox(label="Got")
        cam.stop_recording(lambda: "stopped by itself", None, got)
    served_page.goto(launch(demo))
    served_page.get_by_role("button", name="Record").click()
    expect(served_page.get_by_label("Got")).to_have_value("stopped by itself")  # Stop was never clicked
    expect(served_page.get_by_role("button", name="Stop")).to_be_hidden()
    # about max_length long: a loaded machine may fire the 1 s timer late, never early
    served_page.wait_for_function(
        "() => { const v = document.querySelector('#cam video[controls]'); return v.duration > 0.5 && v.duration < 5; }"
    )
