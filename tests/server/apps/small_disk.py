"""An app whose process may write no file larger than the size given as its argument (bytes),
as if the disk filled up there: a write past it fails with EFBIG (SIGXFSZ, which would kill the
process instead, is ignored, as CPython does by default)."""

import resource
import signal
import sys

import nbblocks as gr

limit = int(sys.argv[1])
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

with gr.Blocks() as demo:
    gr.Markdown("uploads")

demo.launch()
