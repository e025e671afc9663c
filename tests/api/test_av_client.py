"""Audio and Video through the official `gradio_client`: a WAV made in the test with numpy and
`wave` goes in with `handle_file`, the function sees ``(rate, samples)`` or a path, and the file
that comes back is the WAV the function's output was written to; a video goes in as Gradio's
VideoData and comes back as ``{video, subtitles}`` paths."""

from __future__ import annotations

import wave
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

import nbblocks as gr
from tests.av_files import tone, write_wav

Connect = Callable[..., Any]
Launch = Callable[..., str]


def test_audio_numpy_round_trip(launch: Launch, connect: Connect, tmp_path: Path) -> None:
    seen: list[tuple[int, str, tuple[int, ...]]] = []

    def louder(audio: tuple[int, np.ndarray]) -> tuple[int, np.ndarray]:
        rate, samples = audio
        seen.append((rate, str(samples.dtype), samples.shape))
        return rate, samples // 2

    with gr.Blocks() as demo:
        inp, out = gr.Audio(), gr.Audio()
        gr.Button().click(louder, inp, out, api_name="half")
    from gradio_client import handle_file

    source = write_wav(tmp_path / "tone.wav", tone(channels=2))
    result = connect(launch(demo)).predict(handle_file(str(source)), api_name="/half")
    assert seen == [(8000, "int16", (4000, 2))]
    with wave.open(result) as wav:
        assert (wav.getframerate(), wav.getnchannels(), wav.getnframes()) == (8000, 2, 4000)
        got = np.frombuffer(wav.readframes(4000), "<i2").reshape(-1, 2)
    assert np.array_equal(got, tone(channels=2) // 2)


def test_audio_filepath_round_trip(launch: Launch, connect: Connect, tmp_path: Path) -> None:
    with gr.Blocks() as demo:
        inp, out, size = gr.Audio(type="filepath"), gr.Audio(type="filepath"), gr.Number()
        gr.Button().click(lambda path: (path, Path(path).stat().st_size), inp, [out, size], api_name="echo")
    from gradio_client import handle_file

    source = write_wav(tmp_path / "voice.wav", tone())
    path, size = connect(launch(demo)).predict(handle_file(str(source)), api_name="/echo")
    assert Path(path).read_bytes() == source.read_bytes() and size == source.stat().st_size


def test_video_round_trip_with_subtitles(launch: Launch, connect: Connect, tmp_path: Path) -> None:
    subtitles = tmp_path / "words.srt"
    subtitles.write_text("1\n00:00:00,000 --> 00:00:01,000\nHi\n")

    def caption(path: str) -> tuple[str, str]:
        return path, str(subtitles)

    with gr.Blocks() as demo:
        inp, out = gr.Video(), gr.Video()
        gr.Button().click(caption, inp, out, api_name="caption")
    from gradio_client import handle_file

    source = tmp_path / "clip.webm"
    source.write_bytes(b"\x1aE\xdf\xa3 some webm bytes")
    result = connect(launch(demo)).predict({"video": handle_file(str(source))}, api_name="/caption")
    assert Path(result["video"]).read_bytes() == source.read_bytes()
    assert Path(result["subtitles"]).read_text().startswith("WEBVTT\n\n1\n00:00:00.000 --> 00:00:01.000")
