"""API ids come from the OS's secure source read in blocks: they must stay unique, and a forked
process must not hand out the ids its parent will."""

from __future__ import annotations

import os

import pytest

from nbblocks.server.api.ids import random_hex


def test_ids_are_hex_of_the_size_asked_and_never_repeat():
    ids = [random_hex(16) for _ in range(5000)]  # several blocks of the pool
    assert all(len(i) == 32 and int(i, 16) >= 0 for i in ids)
    assert len(set(ids)) == len(ids)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="os.fork is POSIX only")
def test_a_forked_child_does_not_repeat_its_parents_ids():
    random_hex(16)  # the pool holds unread bytes the child would otherwise inherit
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: its next id, to the parent
        os.write(write, random_hex(16).encode())
        os._exit(0)
    os.close(write)
    os.waitpid(pid, 0)
    child = os.read(read, 64).decode()
    os.close(read)
    assert child and child != random_hex(16)
