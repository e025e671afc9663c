"""gr.Video on the Python side: Gradio 4.34's signature, defaults and events; its value Gradio's
VideoData ``{video, subtitles}`` (a .srt turned into WebVTT); ``format`` conversion and a mirrored
webcam recording run the user's ffmpeg where it is on PATH, and without it a clear error (or, for
the mirroring, a warning and the recording as it is)."""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import Any

import pytest

import nbblocks as gr
from nbblocks.filedata import cache_of
from nbblocks.notices import reporting
from tests.av_files import fake_ffmpeg


def clip(folder: Path, name: str = "clip.webm") -> Path:
    path = folder / name
    path.write_bytes(b"\x1aE\xdf\xa3 not a real webm")  # no test here decodes it
    return path


def uploaded(video: gr.Video, path: Path) -> dict[str, Any]:
    stored = cache_of(video).store_file(path)
    return {"video": {"path": str(stored), "orig_name": path.name, "meta": {"_type": "gradio.FileData"}}, "subtitles": None}


def test_signature_defaults_and_events_are_gradios() -> None:
    parameters = inspect.signature(gr.Video).parameters
    for name in ("format", "sources", "height", "width", "mirror_webcam", "include_audio", "autoplay"):
        assert parameters[name].kind is inspect.Parameter.KEYWORD_ONLY, name
    video = gr.Video()
    assert (video.sources, video.format, video.mirror_webcam, video.include_audio) == (["upload", "webcam"], None, True, True)
    assert gr.Video(sources=["webcam"]).include_audio is False  # Gradio: audio only when uploads are allowed
    assert set(gr.Video.EVENTS) == {
        "change",
        "clear",
        "start_recording",
        "stop_recording",
        "stop",
        "play",
        "pause",
        "end",
        "upload",
        "input",  # Gradio 5's
    }
    assert video.api_info()["title"] == "VideoData"
    with pytest.raises(ValueError, match="sources"):
        gr.Video(sources=["microphone"])  # type: ignore[list-item]


def test_a_path_becomes_video_data_and_a_path_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with gr.Blocks():
        video = gr.Video(str(clip(tmp_path)))
    value = video.value
    assert value["subtitles"] is None and value["video"]["orig_name"] == "clip.webm"
    assert cache_of(video).contains(value["video"]["path"])
    assert video.preprocess(value) == value["video"]["path"]
    assert video.postprocess(value) == value  # its own output: unchanged
    assert video.preprocess(None) is None and video.postprocess(None) is None and video.postprocess((None, None)) is None


def test_subtitles_srt_become_webvtt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    srt = tmp_path / "words.srt"
    srt.write_text("1\n00:00:00,000 --> 00:00:01,500\nHello\n")
    with gr.Blocks():
        video = gr.Video()
    value = video.postprocess((str(clip(tmp_path)), str(srt)))
    vtt = Path(value["subtitles"]["path"])
    assert vtt.name == "words.vtt" and vtt.read_text() == "WEBVTT\n\n1\n00:00:00.000 --> 00:00:01.500\nHello\n"
    with pytest.raises(gr.Error, match="Please choose a file with one of these extensions"):
        video.postprocess((str(clip(tmp_path)), str(tmp_path / "words.txt")))
    with pytest.raises(gr.Error, match="length 2"):
        video.postprocess((str(clip(tmp_path)), str(srt), None))


def test_format_without_ffmpeg_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    with gr.Blocks():
        video = gr.Video(format="mp4")
    with pytest.raises(gr.Error, match=r"convert clip\.webm to \.mp4 needs ffmpeg, which is not installed"):
        video.preprocess(uploaded(video, clip(tmp_path)))
    with pytest.raises(gr.Error, match="needs ffmpeg"):
        video.postprocess(str(clip(tmp_path)))
    assert video.postprocess(str(clip(tmp_path, "already.mp4")))["video"]["orig_name"] == "already.mp4"  # nothing to convert


def test_format_with_ffmpeg_converts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    tools = fake_ffmpeg(tmp_path / "bin")
    monkeypatch.setenv("PATH", str(tools))
    with gr.Blocks():
        video = gr.Video(format="mp4")
    converted = video.preprocess(uploaded(video, clip(tmp_path)))
    assert converted.endswith("clip.mp4") and Path(converted).is_file()
    out = video.postprocess(str(clip(tmp_path)))["video"]
    assert out["path"].endswith(".mp4") and cache_of(video).contains(out["path"])
    assert out["path"] == converted  # the same clip (content-hashed in the cache) is converted once
    assert (tools / "ffmpeg.log").read_text().count("-i ") == 1


def test_a_webcam_recording_is_mirrored_by_ffmpeg_or_kept_with_a_warning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tools = fake_ffmpeg(tmp_path / "bin")
    with gr.Blocks():
        webcam = gr.Video(sources=["webcam"])
    payload = uploaded(webcam, clip(tmp_path))
    monkeypatch.setenv("PATH", str(tools))
    assert webcam.preprocess(payload).endswith("clip_flip.webm")
    assert "hflip" in (tools / "ffmpeg.log").read_text()

    toasts: list[tuple[str, str]] = []

    class Toasts:
        def toast(self, level: str, message: str, title: str, duration: float | None, visible: bool) -> None:
            toasts.append((level, message))

        def progress(self, entries: list[dict[str, Any]]) -> None: ...

    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    token = reporting.set(Toasts())
    try:
        assert webcam.preprocess(payload) == payload["video"]["path"]
    finally:
        reporting.reset(token)
    assert toasts == [
        ("warning", "The webcam recording is kept as recorded (not mirrored): mirroring it needs ffmpeg, which is not installed.")
    ]
