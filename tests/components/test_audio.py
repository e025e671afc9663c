"""gr.Audio on the Python side: Gradio 4.34's signature, defaults and refusals; ``type="numpy"``
gives ``(rate, int16 samples)`` read from WAV with the standard library, ``"filepath"`` a path in
``format``; outputs (a tuple, bytes, a path) become WAV files in the app's cache; what needs a
codec (mp3, a non-WAV input) runs the user's ffmpeg, or says clearly that it is missing."""

from __future__ import annotations

import inspect
import wave
from pathlib import Path

import numpy as np
import pytest

import nbblocks as gr
from nbblocks.filedata import cache_of
from tests.av_files import fake_ffmpeg, tone, write_wav


def uploaded(audio: gr.Audio, path: Path) -> dict[str, object]:
    """What an upload of ``path`` sends: a FileData of the file, stored in the app's cache."""
    stored = cache_of(audio).store_file(path)
    return {"path": str(stored), "orig_name": path.name, "meta": {"_type": "gradio.FileData"}}


def test_signature_defaults_and_events_are_gradios() -> None:
    parameters = inspect.signature(gr.Audio).parameters
    for name in ("sources", "type", "streaming", "format", "autoplay", "waveform_options", "min_length"):
        assert parameters[name].kind is inspect.Parameter.KEYWORD_ONLY, name
    audio = gr.Audio()
    assert (audio.sources, audio.type, audio.format, audio.streaming, audio.autoplay) == (
        ["upload", "microphone"], "numpy", "wav", False, False,
    )  # fmt: skip
    assert gr.Audio(streaming=True).sources == ["microphone"]
    assert set(gr.Audio.EVENTS) == {
        "stream", "change", "clear", "play", "pause", "stop", "start_recording", "pause_recording", "stop_recording", "upload",
        "input",  # Gradio 5's
    }  # fmt: skip
    assert audio.api_info()["title"] == "FileData"


def test_waveform_options_reach_the_front_end() -> None:
    options = gr.WaveformOptions(waveform_color="#123456", waveform_progress_color="red")
    assert gr.Audio(waveform_options=options).waveform_options["waveform_color"] == "#123456"
    assert gr.Audio(waveform_options={"waveform_progress_color": "red"}).waveform_options == {"waveform_progress_color": "red"}
    assert gr.Audio().waveform_options == {}


def test_bad_arguments_are_refused_with_gradios_messages() -> None:
    with pytest.raises(ValueError, match="Invalid value for parameter `type`"):
        gr.Audio(type="pil")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="streaming only available if sources includes 'microphone'"):
        gr.Audio(sources=["upload"], streaming=True)
    with pytest.raises(ValueError, match="sources"):
        gr.Audio(sources=["webcam"])  # type: ignore[list-item]


@pytest.mark.parametrize("channels", [1, 2])
def test_numpy_in_gives_rate_and_int16_samples(tmp_path: Path, channels: int) -> None:
    samples = tone(channels=channels)
    with gr.Blocks():
        audio = gr.Audio()
    rate, got = audio.preprocess(uploaded(audio, write_wav(tmp_path / "in.wav", samples)))
    assert rate == 8000 and got.dtype == np.int16 and got.shape == samples.shape
    assert np.array_equal(got, samples)


def test_an_8_bit_wav_is_read_as_int16(tmp_path: Path) -> None:
    samples = tone()
    with gr.Blocks():
        audio = gr.Audio()
    _, got = audio.preprocess(uploaded(audio, write_wav(tmp_path / "low.wav", samples, width=1)))
    assert got.dtype == np.int16 and np.abs(got.astype(int) - samples).max() <= 256


def test_24_and_32_bit_wavs_are_read_as_int32(tmp_path: Path) -> None:
    samples = np.array([0, 1, -1, 2**23 - 1, -(2**23)], dtype=np.int32)
    for width, frames in (
        (3, b"".join(int(v).to_bytes(3, "little", signed=True) for v in samples)),
        (4, samples.astype("<i4").tobytes()),
    ):
        path = tmp_path / f"wide{width}.wav"
        with wave.open(str(path), "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(width)
            out.setframerate(8000)
            out.writeframes(frames)
        with gr.Blocks():
            audio = gr.Audio()
        _, got = audio.preprocess(uploaded(audio, path))
        assert got.dtype == np.int32 and got.tolist() == samples.tolist(), width


@pytest.mark.parametrize("dtype", ["int32", "uint16", "uint8", "int8"])
def test_other_integer_samples_are_converted_with_gradios_warning(dtype: str) -> None:
    info = np.iinfo(dtype)
    with gr.Blocks():
        audio = gr.Audio()
    with pytest.warns(UserWarning, match=f"from {dtype} to 16-bit int"):
        value = audio.postprocess((8000, np.array([info.min, info.max], dtype=dtype)))
    low, high = audio.preprocess(value)[1].tolist()
    assert low <= -32000 and high >= 32000  # full scale stays full scale
    with pytest.raises(gr.Error, match="cannot be converted automatically from complex128"):
        audio.postprocess((8000, np.array([1j])))


def test_filepath_in_gives_the_wav_itself(tmp_path: Path) -> None:
    with gr.Blocks():
        audio = gr.Audio(type="filepath")
    payload = uploaded(audio, write_wav(tmp_path / "voice.wav", tone()))
    assert audio.preprocess(payload) == payload["path"]


def test_min_and_max_length_are_checked(tmp_path: Path) -> None:
    with gr.Blocks():
        short, long = gr.Audio(min_length=1), gr.Audio(type="filepath", max_length=0)
    payload = uploaded(short, write_wav(tmp_path / "half.wav", tone(0.5)))
    with pytest.raises(gr.Error, match="too short, and must be at least 1 seconds"):
        short.preprocess(payload)
    with pytest.raises(gr.Error, match="too long, and must be at most 0 seconds"):
        long.preprocess(payload)


def test_numpy_out_is_a_wav_in_the_cache(tmp_path: Path) -> None:
    samples = tone(channels=2)
    with gr.Blocks():
        audio = gr.Audio()
    value = audio.postprocess((8000, samples))
    path = Path(value["path"])
    assert cache_of(audio).contains(path) and path.suffix == ".wav"
    with wave.open(str(path)) as wav:
        assert (wav.getframerate(), wav.getnchannels(), wav.getsampwidth()) == (8000, 2, 2)
    assert np.array_equal(audio.preprocess(value)[1], samples)  # and back, unchanged
    assert audio.postprocess(value) == value  # its own output: unchanged


def test_float_samples_are_scaled_to_int16_with_gradios_warning() -> None:
    with gr.Blocks():
        audio = gr.Audio()
    with pytest.warns(UserWarning, match="from float64 to 16-bit int"):
        value = audio.postprocess((8000, np.array([0.0, 0.5, -1.0])))
    assert np.array_equal(audio.preprocess(value)[1], [0, 16383, -32767])


def test_bytes_and_a_path_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    source = write_wav(tmp_path / "out.wav", tone())
    with gr.Blocks():
        audio = gr.Audio()
    from_path, from_bytes = audio.postprocess(str(source)), audio.postprocess(source.read_bytes())
    assert Path(from_path["path"]).read_bytes() == Path(from_bytes["path"]).read_bytes() == source.read_bytes()
    assert from_path["orig_name"] == "out.wav"
    with pytest.raises(gr.Error, match="Cannot process"):
        audio.postprocess(42)


def test_without_ffmpeg_mp3_and_non_wav_inputs_say_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    with gr.Blocks():
        mp3, numpy_in = gr.Audio(format="mp3"), gr.Audio()
    with pytest.raises(gr.Error, match="write mp3 needs ffmpeg, which is not installed"):
        mp3.postprocess((8000, tone()))
    song = tmp_path / "song.ogg"
    song.write_bytes(b"OggS not really")
    with pytest.raises(gr.Error, match=r"read \.ogg audio \(only WAV is read without it\) needs ffmpeg"):
        numpy_in.preprocess(uploaded(numpy_in, song))


def test_with_ffmpeg_on_path_mp3_is_written_by_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tools = fake_ffmpeg(tmp_path / "bin")
    monkeypatch.setenv("PATH", str(tools))
    with gr.Blocks():
        mp3 = gr.Audio(format="mp3")
    value = mp3.postprocess((8000, tone()))
    assert value["path"].endswith(".mp3") and Path(value["path"]).is_file()
    assert value["path"] in (tools / "ffmpeg.log").read_text()
