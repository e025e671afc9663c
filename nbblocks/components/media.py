"""Audio and Video: Gradio's media components; their values are files in the app's cache.

Both convert through `nbblocks.filedata` like File does. What needs a codec is honest about it:
WAV is read and written with the standard library's `wave` and numpy (always available), any
other conversion (an mp3, a video ``format``, a mirrored webcam recording) runs the user's
``ffmpeg`` when it is on PATH, and without it says so with a `gr.Error` (or, where Gradio would
only have polished the file, a `gr.Warning` and the file as it is). Gradio 4.34 needs ffmpeg for
the same conversions, through pydub and ffmpy. The players are the front end's "av" chunk.
"""

from __future__ import annotations

import dataclasses
import io
import os
import shutil
import subprocess
import warnings
import wave
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from traitlets import Bool, Dict, Enum, Int, List, Unicode

from ..accepted import warn_unused
from ..events import EventListener
from ..exceptions import Error
from ..filedata import cache_of, check_returnable, is_file_data, is_url, to_file_data, to_local_path
from ..notices import Warning as warn_user
from ..protocol import FileData
from .base import Component, expect, size_trait
from .buttons import button_flags
from .files import FILE_DATA_SCHEMA
from .image import WebcamOptions, webcam_mirror

if TYPE_CHECKING:
    import numpy as np
    from typing_extensions import Unpack

    from .base import ComponentOptions

_AUDIO_EXAMPLE = "https://github.com/gradio-app/gradio/raw/main/test/test_files/audio_sample.wav"
_VIDEO_EXAMPLE = "https://github.com/gradio-app/gradio/raw/main/demo/video_component/files/world.mp4"
_FILE_META = {"_type": "gradio.FileData"}


def _sources(component: str, sources: Any, allowed: tuple[str, ...]) -> list[str]:
    listed = [sources] if isinstance(sources, str) else list(sources or allowed)
    for source in listed:
        if source not in allowed:
            raise ValueError(f"`sources` must be a list consisting of elements in {list(allowed)}, got {source!r}")
    return listed


# --- ffmpeg: used where it exists, never required -------------------------------------------


def ffmpeg_path() -> str | None:
    """The user's ``ffmpeg``, looked up on PATH at each use (it may be installed meanwhile)."""
    return shutil.which("ffmpeg")


def _ffmpeg(component: str, why: str, *args: str) -> None:
    """Run ``ffmpeg -y <args>``; a `gr.Error` that says what needed it when it is missing or fails."""
    binary = ffmpeg_path()
    if binary is None:
        raise Error(f"{component}: {why} needs ffmpeg, which is not installed (not found on PATH). Install ffmpeg, or use WAV.")
    done = subprocess.run([binary, "-y", "-loglevel", "error", *args], capture_output=True, check=False)
    if done.returncode != 0:
        raise Error(f"{component}: ffmpeg could not {why}: {done.stderr.decode(errors='replace').strip()[-300:]}")


# --- audio samples <-> WAV ------------------------------------------------------------------


def read_audio(path: Path) -> tuple[int, np.ndarray]:
    """``(sample_rate, samples)`` as Gradio gives them: integers of the file's width (int16 for
    16-bit), shape ``(n,)`` for mono and ``(n, channels)`` otherwise. Non-WAV files go through
    ffmpeg (decoded to 16-bit WAV)."""
    try:
        return _read_wav(path.read_bytes())
    except (wave.Error, EOFError):
        pass
    decoded = path.with_name(f"{path.stem}.decoded.wav")
    if not decoded.exists():
        why = f"read {path.suffix or 'this'} audio (only WAV is read without it)"
        _ffmpeg("Audio", why, "-i", str(path), "-acodec", "pcm_s16le", str(decoded))
    return _read_wav(decoded.read_bytes())


def _read_wav(data: bytes) -> tuple[int, np.ndarray]:
    import numpy as np

    with wave.open(io.BytesIO(data)) as wav:
        rate, channels, width = wav.getframerate(), wav.getnchannels(), wav.getsampwidth()
        frames = wav.readframes(wav.getnframes())
    if width == 1:  # 8-bit WAV is unsigned
        samples = (np.frombuffer(frames, np.uint8).astype(np.int16) - 128) * 256
    elif width == 3:  # 24-bit: widen each sample to int32, keeping its sign
        raw = np.frombuffer(frames, np.uint8).reshape(-1, 3)
        samples = (raw[:, 0].astype(np.int32) << 8 | raw[:, 1].astype(np.int32) << 16 | raw[:, 2].astype(np.int32) << 24) >> 8
    else:
        samples = np.frombuffer(frames, {2: "<i2", 4: "<i4"}[width]).astype({2: np.int16, 4: np.int32}[width])
    return rate, samples.reshape(-1, channels) if channels > 1 else samples


def to_int16(samples: Any) -> np.ndarray:
    """Samples of any numeric dtype as 16-bit integers, as Gradio converts them (with its warning:
    floats are scaled to their peak, wider or unsigned integers shifted)."""
    import numpy as np

    data = np.asarray(samples)
    if data.dtype == np.int16:
        return data
    if data.dtype.kind == "f":
        peak = float(np.abs(data).max()) if data.size else 0.0
        scaled = data / peak * 32767 if peak else data
    elif data.dtype == np.int32:
        scaled = data / 65536
    elif data.dtype == np.uint16:
        scaled = data.astype(np.int32) - 32768
    elif data.dtype == np.uint8:
        scaled = data.astype(np.int32) * 257 - 32768
    elif data.dtype == np.int8:
        scaled = data.astype(np.int32) * 256
    else:
        raise Error(f"Audio data cannot be converted automatically from {data.dtype} to 16-bit int format.")
    warnings.warn(f"Trying to convert audio automatically from {data.dtype} to 16-bit int format.", stacklevel=3)
    return np.asarray(scaled).astype(np.int16)


def wav_bytes(sample_rate: int, samples: Any) -> bytes:
    """A 16-bit PCM WAV file of ``samples`` (``(n,)`` mono or ``(n, channels)``)."""
    data = to_int16(samples)
    out = io.BytesIO()
    with wave.open(out, "wb") as wav:
        wav.setnchannels(1 if data.ndim == 1 else data.shape[1])
        wav.setsampwidth(2)
        wav.setframerate(int(sample_rate))
        wav.writeframes(data.astype("<i2").tobytes())
    return out.getvalue()


def _unused_playback(owner: str, subtitles: Any, playback_position: float, **more: Any) -> None:
    """Gradio 5's player keywords that this player does not take yet: accepted, warned about."""
    warn_unused(owner, subtitles=subtitles, playback_position=playback_position or None, **more)


# --- Audio -----------------------------------------------------------------------------------


@dataclasses.dataclass
class WaveformOptions:
    """Gradio's options of the audio player's waveform. The colours are drawn (CSS colours; None
    for the theme's); the rest is accepted as Gradio's and not used: this player has no trim
    region, no skip buttons and no live waveform while recording, and never resamples."""

    waveform_color: str | None = None
    waveform_progress_color: str | None = None
    trim_region_color: str | None = None
    show_recording_waveform: bool = True
    show_controls: bool = False
    skip_length: int | float = 5
    sample_rate: int = 44100


class Audio(Component):
    """Upload or record audio, and play it with its waveform. ``type="numpy"`` gives the function
    ``(sample_rate, samples)``, ``"filepath"`` a path in ``format``; a function returns either,
    or bytes. ``streaming=True`` sends the microphone to ``stream`` listeners about every 0.5 s,
    each chunk a short WAV file."""

    stream = EventListener()
    change = EventListener()
    clear = EventListener()
    play = EventListener()
    pause = EventListener()
    stop = EventListener()
    start_recording = EventListener()
    pause_recording = EventListener()
    stop_recording = EventListener()
    upload = EventListener()
    input = EventListener()
    sources = List(Enum(("upload", "microphone")), default_value=["upload", "microphone"]).tag(prop=True)
    type = Enum(("numpy", "filepath"), "numpy").tag(prop=True, not_drawn="what preprocess gives the function")
    format = Enum(("wav", "mp3"), "wav").tag(prop=True, not_drawn="the file format Python writes; recordings are WAV")
    streaming = Bool(False).tag(prop=True)
    autoplay = Bool(False).tag(prop=True)
    loop = Bool(False).tag(prop=True)
    show_download_button = Bool(None, allow_none=True).tag(prop=True)
    show_share_button = Bool(None, allow_none=True).tag(prop=True, not_drawn="no share service to post to")
    editable = Bool(True).tag(prop=True, not_drawn="trimming is not offered")
    min_length = Int(None, allow_none=True).tag(prop=True, not_drawn="checked in preprocess, with Gradio's message")
    max_length = Int(None, allow_none=True).tag(prop=True, not_drawn="checked in preprocess, with Gradio's message")
    waveform_options = Dict().tag(prop=True)

    def __init__(
        self,
        value: str | Path | tuple[int, Any] | Any = None,
        *,
        sources: list[Literal["upload", "microphone"]] | None = None,
        type: Literal["numpy", "filepath"] = "numpy",
        streaming: bool = False,
        format: Literal["wav", "mp3"] | None = "wav",
        autoplay: bool = False,
        show_download_button: bool | None = None,
        show_share_button: bool | None = None,
        editable: bool = True,
        min_length: int | None = None,
        max_length: int | None = None,
        waveform_options: WaveformOptions | dict[str, Any] | None = None,
        buttons: list[Any] | None = None,
        loop: bool = False,
        recording: bool = False,
        subtitles: Any = None,
        playback_position: float = 0,
        **kwargs: Unpack[ComponentOptions],
    ) -> None:
        _unused_playback("Audio", subtitles, playback_position, recording=recording or None)
        shown = button_flags("Audio", buttons, show_download_button=show_download_button, show_share_button=show_share_button)
        show_download_button, show_share_button = shown["show_download_button"], shown["show_share_button"]
        if type not in ("numpy", "filepath"):
            raise ValueError(f"Invalid value for parameter `type`: {type}. Please choose from one of: ['numpy', 'filepath']")
        chosen = _sources("Audio", sources if sources is not None or not streaming else ["microphone"], ("upload", "microphone"))
        if streaming and "microphone" not in chosen:
            raise ValueError("Audio streaming only available if sources includes 'microphone'.")
        options = (
            dataclasses.asdict(waveform_options)
            if isinstance(waveform_options, WaveformOptions)
            else dict(waveform_options or {})
        )
        super().__init__(
            value, sources=chosen, type=type, streaming=streaming, autoplay=autoplay,
            format=format or "wav",  # Gradio 5's None (keep each file's format): a function's audio is written as WAV
            show_download_button=show_download_button, show_share_button=show_share_button, editable=editable,
            min_length=min_length, max_length=max_length, waveform_options=options, loop=loop, **kwargs,
        )  # fmt: skip

    def api_info(self) -> dict[str, Any]:
        return FILE_DATA_SCHEMA

    def example_value(self) -> Any:
        return {"path": _AUDIO_EXAMPLE, "meta": _FILE_META}

    def preprocess(self, payload: Any) -> str | tuple[int, np.ndarray] | None:
        """FileData → ``(sample_rate, samples)`` (``type="numpy"``) or a path in ``format``."""
        if payload is None:
            return None
        path = to_local_path(payload, cache_of(self))
        if self.type == "filepath" and self.min_length is None and self.max_length is None:
            return str(path) if path.suffix.lower() == f".{self.format}" else self._convert(path)
        rate, samples = read_audio(path)
        self._check_length(len(samples) / rate)
        return (rate, samples) if self.type == "numpy" else self._convert(path, (rate, samples))

    def _check_length(self, seconds: float) -> None:
        if self.min_length is not None and seconds < self.min_length:
            raise Error(f"Audio is too short, and must be at least {self.min_length} seconds")
        if self.max_length is not None and seconds > self.max_length:
            raise Error(f"Audio is too long, and must be at most {self.max_length} seconds")

    def _convert(self, path: Path, decoded: tuple[int, np.ndarray] | None = None) -> str:
        """``path`` in ``format``, written beside it in the cache."""
        target = path.with_suffix(f".{self.format}")
        if target == path:
            return str(path)
        if self.format == "wav":
            target.write_bytes(wav_bytes(*(decoded or read_audio(path))))
        else:
            _ffmpeg("Audio", f"write {self.format}", "-i", str(path), str(target))
        return str(target)

    def postprocess(self, value: Any) -> FileData | None:
        """``(sample_rate, samples)`` (written as ``format``), bytes, a path or a URL → FileData."""
        if value is None:
            return None
        cache = cache_of(self)
        if isinstance(value, tuple):
            expect(len(value) == 2, self, "expected (sample_rate, samples)")
            wav = cache.store_bytes(wav_bytes(int(value[0]), value[1]), "audio.wav")
            if self.format == "wav":
                return to_file_data(wav, cache)
            return to_file_data(self._convert(wav), cache)
        if isinstance(value, (bytes, bytearray)):
            return to_file_data(bytes(value), cache, "audio")
        expect(isinstance(value, (str, Path)) or is_file_data(value), self, f"Cannot process {value!r} as Audio")
        return to_file_data(os.fspath(value) if isinstance(value, Path) else value, cache)


# --- Video -----------------------------------------------------------------------------------

VIDEO_DATA_SCHEMA: dict[str, Any] = {
    "title": "VideoData",
    "type": "object",
    "properties": {
        "video": FILE_DATA_SCHEMA,
        "subtitles": {"anyOf": [FILE_DATA_SCHEMA, {"type": "null"}], "default": None},
    },
    "required": ["video"],
}


class Video(Component):
    """Upload or record (webcam) a video and play it. The function gets the video's path (in
    ``format`` when one is set: converted with ffmpeg) and returns a path, a URL or
    ``(video, subtitles)`` with a .srt or .vtt file."""

    change = EventListener()
    clear = EventListener()
    start_recording = EventListener()
    stop_recording = EventListener()
    stop = EventListener()
    play = EventListener()
    pause = EventListener()
    end = EventListener()
    upload = EventListener()
    input = EventListener()
    format = Unicode(None, allow_none=True).tag(prop=True, not_drawn="the container Python converts to")
    sources = List(Enum(("upload", "webcam")), default_value=["upload", "webcam"]).tag(prop=True)
    height = size_trait().tag(prop=True)
    width = size_trait().tag(prop=True)
    mirror_webcam = Bool(True).tag(prop=True)
    include_audio = Bool(True).tag(prop=True)
    autoplay = Bool(False).tag(prop=True)
    loop = Bool(False).tag(prop=True)
    show_download_button = Bool(None, allow_none=True).tag(prop=True)
    show_share_button = Bool(None, allow_none=True).tag(prop=True, not_drawn="no share service to post to")
    min_length = Int(None, allow_none=True).tag(prop=True, not_drawn="not checked: a video's length needs ffprobe")
    max_length = Int(None, allow_none=True).tag(prop=True)

    def __init__(
        self,
        value: str | Path | tuple[str | Path, str | Path | None] | Any = None,
        *,
        format: str | None = None,
        sources: list[Literal["upload", "webcam"]] | None = None,
        height: int | str | None = None,
        width: int | str | None = None,
        mirror_webcam: bool = True,
        include_audio: bool | None = None,
        autoplay: bool = False,
        show_share_button: bool | None = None,
        show_download_button: bool | None = None,
        min_length: int | None = None,
        max_length: int | None = None,
        buttons: list[Any] | None = None,
        webcam_options: WebcamOptions | None = None,
        loop: bool = False,
        streaming: bool = False,
        watermark: Any = None,
        subtitles: Any = None,
        playback_position: float = 0,
        **kwargs: Unpack[ComponentOptions],
    ) -> None:
        _unused_playback("Video", subtitles, playback_position, streaming=streaming or None, watermark=watermark)
        shown = button_flags("Video", buttons, show_download_button=show_download_button, show_share_button=show_share_button)
        show_download_button, show_share_button = shown["show_download_button"], shown["show_share_button"]
        mirror_webcam = webcam_mirror("Video", webcam_options, mirror_webcam)
        chosen = _sources("Video", sources, ("upload", "webcam"))
        super().__init__(
            value, format=format, sources=chosen, height=height, width=width, mirror_webcam=mirror_webcam,
            include_audio="upload" in chosen if include_audio is None else include_audio, autoplay=autoplay,
            show_share_button=show_share_button, show_download_button=show_download_button,
            min_length=min_length, max_length=max_length, loop=loop, **kwargs,
        )  # fmt: skip

    def api_info(self) -> dict[str, Any]:
        return VIDEO_DATA_SCHEMA

    def example_value(self) -> Any:
        return {"video": {"path": _VIDEO_EXAMPLE, "meta": _FILE_META}, "subtitles": None}

    def preprocess(self, payload: Any) -> str | None:
        """VideoData (or a bare FileData) → the video's path, converted to ``format`` if set; a
        recording from ``sources=["webcam"]`` is mirrored as the user saw it (both need ffmpeg)."""
        if payload is None:
            return None
        video = payload.get("video") if isinstance(payload, dict) and "video" in payload else payload
        path = to_local_path(video, cache_of(self))
        suffix = path.suffix.lstrip(".").lower()
        convert = self.format is not None and suffix != self.format.lower()
        flip = self.sources == ["webcam"] and self.mirror_webcam
        if not (convert or flip):
            return str(path)
        if not convert and ffmpeg_path() is None:
            warn_user(
                "The webcam recording is kept as recorded (not mirrored): mirroring it needs ffmpeg, which is not installed."
            )
            return str(path)
        target = path.with_name(f"{path.stem}{'_flip' if flip else ''}.{self.format if convert else suffix}")
        if not target.exists():
            options = ["-vf", "hflip", "-c:a", "copy"] if flip else []
            _ffmpeg("Video", f"convert {path.name} to {target.suffix}", "-i", str(path), *options, str(target))
        return str(target)

    def postprocess(self, value: Any) -> dict[str, Any] | None:
        """A path or URL, or ``(video, subtitles)`` → VideoData ``{video, subtitles}``."""
        if value is None or (isinstance(value, (tuple, list)) and list(value) == [None, None]):
            return None
        if isinstance(value, dict) and "video" in value:  # its own output (a value set again)
            value = (value["video"], value.get("subtitles"))
        if isinstance(value, (tuple, list)):
            if len(value) != 2:
                raise Error(f"Expected lists of length 2 or tuples of length 2. Received: {value}")
            video, subtitles = value
        else:
            video, subtitles = value, None
        return {"video": self._video(video), "subtitles": None if subtitles is None else self._subtitles(subtitles)}

    def _video(self, video: Any) -> FileData:
        """One returned video in the cache, converted to ``format`` when it is in another one."""
        cache = cache_of(self)
        stored = to_file_data(os.fspath(video) if isinstance(video, Path) else video, cache)
        path = stored["path"]
        if self.format is None or is_url(path) or path.rsplit(".", 1)[-1].lower() == self.format.lower():
            return stored
        target = Path(path).with_suffix(f".{self.format}")
        if not target.exists():
            _ffmpeg("Video", f"convert {Path(path).name} to .{self.format}", "-i", path, str(target))
        return to_file_data(target, cache)

    def _subtitles(self, subtitles: Any) -> FileData:
        """A .vtt file as is; a .srt file converted to WebVTT (what a <track> plays)."""
        cache = cache_of(self)
        if is_file_data(subtitles):
            return to_file_data(subtitles, cache)
        name = os.fspath(subtitles)
        if not name.lower().endswith((".srt", ".vtt")):
            raise Error(
                f"Invalid value for parameter `subtitle`: {name}. Please choose a file with one of these extensions: ('.srt', '.vtt')"
            )
        if is_url(name) or name.lower().endswith(".vtt"):
            return to_file_data(name, cache)
        check_returnable(name, cache)
        text = Path(name).read_text(encoding="utf-8-sig")
        lines = [line.replace(",", ".") if "-->" in line else line for line in text.splitlines()]
        vtt = "WEBVTT\n\n" + "\n".join(lines) + "\n"
        return to_file_data(vtt.encode(), cache, Path(name).with_suffix(".vtt").name)
