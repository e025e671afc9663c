"""Media files the audio/video tests make themselves: a WAV from numpy samples with the standard
library's `wave` (no codec needed), and a fake ``ffmpeg`` to put on PATH."""

from __future__ import annotations

import wave
from pathlib import Path

import numpy as np


def tone(seconds: float = 0.5, rate: int = 8000, channels: int = 1) -> np.ndarray:
    """A 440 Hz int16 tone, ``(n,)`` for mono and ``(n, channels)`` otherwise."""
    t = np.arange(int(seconds * rate)) / rate
    mono = (np.sin(2 * np.pi * 440 * t) * 12000).astype(np.int16)
    return mono if channels == 1 else np.stack([mono] * channels, axis=1)


def write_wav(path: Path, samples: np.ndarray, rate: int = 8000, width: int = 2) -> Path:
    """``samples`` (int16) written as a PCM WAV of ``width`` bytes per sample."""
    channels = 1 if samples.ndim == 1 else samples.shape[1]
    if width == 1:
        frames = ((samples.astype(np.int32) >> 8) + 128).astype(np.uint8).tobytes()
    else:
        frames = samples.astype("<i2").tobytes()
    with wave.open(str(path), "wb") as out:
        out.setnchannels(channels)
        out.setsampwidth(width)
        out.setframerate(rate)
        out.writeframes(frames)
    return path


def fake_ffmpeg(folder: Path) -> Path:
    """A folder holding an ``ffmpeg`` that logs its arguments to ``ffmpeg.log`` beside it and
    writes its last argument (the output) as a copy of the ``-i`` input: enough to see nbblocks
    call ffmpeg where one exists, without needing codecs on the test machine."""
    folder.mkdir(parents=True, exist_ok=True)
    script = folder / "ffmpeg"
    script.write_text(
        "#!/bin/sh\n"
        f'echo "$@" >> "{folder}/ffmpeg.log"\n'
        'while [ "$#" -gt 1 ]; do [ "$1" = -i ] && src="$2"; shift; done\n'
        '/bin/cp "$src" "$1"\n'
    )
    script.chmod(0o755)
    return folder
