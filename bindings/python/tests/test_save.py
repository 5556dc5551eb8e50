"""``Isms.save()`` writes atomically and safely (issue 11, "Writes"): never a
torn file, even when killed mid-save; symlinks followed; hard-linked,
read-only and non-regular files refused; owner, group and mode kept."""

from __future__ import annotations

import errno
import os
import pathlib
import signal
import stat
import subprocess
import sys
import textwrap
import time
from typing import Any

import pytest

import isms


@pytest.fixture
def doc(small_doc: dict[str, Any]) -> isms.Isms:
    return isms.Isms.from_dict(small_doc)


def _names(d: pathlib.Path) -> list[str]:
    return sorted(p.name for p in d.iterdir())


def test_save_replaces_the_file_and_leaves_nothing_behind(tmp_path: pathlib.Path, doc: isms.Isms) -> None:
    out = tmp_path / "isms.json"
    out.write_text("old\n")
    doc.save(out)
    assert out.read_text(encoding="utf-8") == doc.to_json()
    assert _names(tmp_path) == ["isms.json"]


def test_save_of_a_new_file_honours_the_umask(tmp_path: pathlib.Path, doc: isms.Isms) -> None:
    old = os.umask(0o027)
    try:
        doc.save(tmp_path / "new.json")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.json").stat().st_mode) == 0o640


def test_failed_save_leaves_the_original_and_no_temp_file(
    tmp_path: pathlib.Path, doc: isms.Isms, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "isms.json"
    out.write_text("old\n")

    def boom(src: str, dst: str) -> None:
        raise OSError(errno.EIO, "disk on fire")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError, match="disk on fire"):
        doc.save(out)
    assert out.read_text() == "old\n"
    assert _names(tmp_path) == ["isms.json"]


def test_save_through_a_symlink_updates_its_target(tmp_path: pathlib.Path, doc: isms.Isms) -> None:
    (tmp_path / "real").mkdir()
    real = tmp_path / "real" / "isms.json"
    real.write_text("old\n")
    link = tmp_path / "isms.json"
    link.symlink_to("real/isms.json")
    doc.save(link)
    assert link.is_symlink(), "the link stays a link"
    assert real.read_text(encoding="utf-8") == doc.to_json()
    assert _names(tmp_path / "real") == ["isms.json"]


def test_save_refuses_a_hard_linked_file(tmp_path: pathlib.Path, doc: isms.Isms) -> None:
    out = tmp_path / "isms.json"
    out.write_text("old\n")
    os.link(out, tmp_path / "other.json")
    with pytest.raises(OSError, match="hard link") as info:
        doc.save(out)
    assert info.value.errno == errno.EMLINK and str(out) in str(info.value)
    assert out.read_text() == "old\n" and out.stat().st_nlink == 2


def test_save_refuses_a_read_only_file(tmp_path: pathlib.Path, doc: isms.Isms) -> None:
    out = tmp_path / "isms.json"
    out.write_text("old\n")
    out.chmod(0o444)
    with pytest.raises(PermissionError, match="read-only") as info:
        doc.save(out)
    assert str(out) in str(info.value)
    assert out.read_text() == "old\n" and stat.S_IMODE(out.stat().st_mode) == 0o444


def test_save_refuses_a_fifo(tmp_path: pathlib.Path, doc: isms.Isms) -> None:
    fifo = tmp_path / "isms.json"
    os.mkfifo(fifo)
    # A reader is open, so a save that wrongly opened the FIFO would not hang.
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        with pytest.raises(OSError, match="not a regular file") as info:
            doc.save(fifo)
        assert str(fifo) in str(info.value)
        assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
        assert os.read(reader, 100) == b"", "nothing was written into it"
    finally:
        os.close(reader)


def test_save_refuses_a_directory(tmp_path: pathlib.Path, doc: isms.Isms) -> None:
    with pytest.raises(IsADirectoryError):
        doc.save(tmp_path)


def test_save_keeps_owner_group_and_mode(tmp_path: pathlib.Path, doc: isms.Isms) -> None:
    out = tmp_path / "isms.json"
    out.write_text("old\n")
    out.chmod(0o640)
    if os.geteuid() == 0:
        os.chown(out, 4242, 4343)
    before = out.stat()
    doc.save(out)
    after = out.stat()
    assert stat.S_IMODE(after.st_mode) == 0o640
    assert (after.st_uid, after.st_gid) == (before.st_uid, before.st_gid)
    assert out.read_text(encoding="utf-8") == doc.to_json()


CHILD = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, sys.argv[2])
    import isms
    from bigdoc import big_document
    a = isms.Isms.from_dict(big_document(n_risks=3000))
    b = isms.Isms.from_dict({**big_document(n_risks=3000), "organization": {"name": "Other Ltd"}})
    a.save(sys.argv[1])
    print("ready", flush=True)
    while True:
        b.save(sys.argv[1])
        a.save(sys.argv[1])
    """
)


def test_save_killed_mid_write_leaves_the_old_or_the_new_file(tmp_path: pathlib.Path) -> None:
    # A child saves two big documents in turn without end; SIGKILL it at
    # various moments: the file always parses as one of the two, whole.
    sys.path.insert(0, str(pathlib.Path(__file__).parent))
    from bigdoc import big_document

    a = isms.Isms.from_dict(big_document(n_risks=3000)).to_json()
    b = isms.Isms.from_dict({**big_document(n_risks=3000), "organization": {"name": "Other Ltd"}}).to_json()
    assert len(a) > 1_000_000, "big enough for a write to take a while"
    out = tmp_path / "isms.json"
    for i in range(6):
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(out), str(pathlib.Path(__file__).parent)],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert child.stdout is not None
        assert child.stdout.readline() == "ready\n"
        time.sleep(0.05 + 0.07 * i)
        child.send_signal(signal.SIGKILL)
        child.wait()
        child.stdout.close()
        text = out.read_text(encoding="utf-8")
        assert text in (a, b), f"kill {i}: torn file of {len(text)} bytes"
