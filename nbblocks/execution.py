"""Running queued jobs on a worker thread: one job, or a batch of one listener's jobs at once.

Each run sends ``status`` (running), streams ``update`` for every result, reports
gr.Info/gr.Warning/gr.Progress through a `JobReporter`, and hands the outcome back to its session
(`Session.conclude`), which ends the event and queues the listeners that follow. A cancel may end
the event first: then nothing more of the run is shown.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from . import engine, protocol
from .progress import Throttled
from .queue import Job
from .renderable import Renderable

if TYPE_CHECKING:
    from .sessions import Session


class JobReporter:
    """Where a running function's toasts and progress go: its own session, tagged with its event."""

    def __init__(self, job: Job, tracks_tqdm: bool = False) -> None:
        self.job = job
        self.tracks_tqdm = tracks_tqdm
        self._throttled = Throttled(self._send_progress)

    def toast(self, level: str, message: str, title: str, duration: float | None, visible: bool) -> None:
        self.job.session.emit(protocol.toast_message(level, message, title, duration, visible, self.job.event_id))

    def progress(self, entries: list[dict[str, Any]]) -> None:
        self._throttled(entries)

    def _send_progress(self, entries: list[dict[str, Any]]) -> None:
        job = self.job
        with job.session._lock:  # not after the event's last status, which took its bar away
            if not job.ended:
                job.session.emit(protocol.progress_message(job.event_id, [b._id for b in job.dep.outputs], entries))


def invocation_for(job: Job, cancelled: Callable[[], bool] | None = None) -> engine.Invocation:
    """The engine's view of a job; ``cancelled`` tells whether the run was cancelled (by default,
    whether this job was)."""
    session: Session = job.session
    tracks = any(cls.__name__ == "Progress" and default.track_tqdm for _, cls, default in job.dep.spec.special)
    return engine.Invocation(
        job.values, job.target, job.data, session.request, session.view, session.run_coroutine,
        JobReporter(job, tracks), cancelled or (lambda: job.cancelled),
    )  # fmt: skip


def run_jobs(jobs: list[Job]) -> None:
    """The queue's worker entry: a batch listener's jobs together, any other job alone."""
    if jobs[0].dep.options.batch:
        run_batch(jobs)
    else:
        execute(jobs[0])


def _started(job: Job) -> bool:
    """Tell the page the job runs; False when a cancel ended it before it could start."""
    session: Session = job.session
    output_ids = [block._id for block in job.dep.outputs]
    with session._lock:  # with `Session.queued`: no place in line is announced after this
        if job.cancelled:
            return False
        job.started = True
        session.emit(protocol.status_message(job.event_id, output_ids, "running", job.dep.options.show_progress))
    return True


def execute(job: Job) -> None:
    """Run one job, streaming each result. Once cancelled, nothing more of it is shown, as Gradio
    drops a cancelled task's results: a generator is closed at its next yield, and what a sync
    function (which cannot be stopped midway) returns after the cancel is dropped."""
    session: Session = job.session
    if not _started(job):
        return
    error: Exception | None = None
    fn = job.dep.fn
    if isinstance(fn, Renderable):  # a render's run builds blocks for its session: no outputs
        results = fn.run(session, job.dep, invocation_for(job))
    else:
        results = engine.run(job.dep, invocation_for(job))
    try:
        for updates in results:
            if not session.show(job, updates):
                break
    except Exception as exc:  # a user function's failure ends its event, not the session
        error = exc
    finally:
        results.close()
    session.conclude(job, error)


def run_batch(jobs: list[Job]) -> None:
    """One call of a ``batch=True`` function for several jobs (of any sessions): each input as a
    list, results split back to each job's session."""
    live = [job for job in jobs if _started(job)]
    if not live:
        return

    def all_cancelled() -> bool:  # one call serves them all: it stops only when none is left
        return all(job.cancelled for job in live)

    try:
        per_job = engine.run_batch(live[0].dep, [invocation_for(job, all_cancelled) for job in live])
    except Exception as exc:
        for job in live:
            job.session.conclude(job, exc)
        return
    for job, updates in zip(live, per_job):
        job.session.show(job, updates)
        job.session.conclude(job)
