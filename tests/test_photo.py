import os
import time

import numpy as np
import pytest

from mirror_app.photo import PhotoStore, order_url, qr_matrix


def test_order_url_escapes_ids():
    assert (
        order_url("https://shop.example/o?items={item_ids}", ["tee", "a b", "x&y"])
        == "https://shop.example/o?items=tee,a%20b,x%26y"
    )


def test_qr_matrix_is_square_with_quiet_zone():
    m = qr_matrix("https://shop.example/order?items=tee")
    assert len(m) == len(m[0]) >= 21 + 8
    assert not any(m[0]) and not any(row[0] for row in m)  # the white border scanners need
    assert m[4][4]  # the finder pattern's corner


def test_photos_are_written_atomically_and_purged_on_schedule(tmp_path):
    store = PhotoStore(tmp_path / "photos", keep_minutes=10)
    saved = store.save(np.zeros((20, 10, 3), np.uint8))
    assert saved.path is not None and saved.path.exists() and saved.error == ""
    assert [p.name for p in (tmp_path / "photos").iterdir()] == [saved.path.name]  # no temp files left
    assert store.purge(now=time.time() + 9 * 60) == 0
    assert store.purge(now=time.time() + 11 * 60) == 1
    assert not saved.path.exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_read_only_folder_gives_an_error_not_a_crash(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    saved = PhotoStore(folder, 10).save(np.zeros((4, 4, 3), np.uint8))
    assert saved.path is None and "not saved" in saved.error


def test_unwritable_location_gives_an_error_not_a_crash(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    saved = PhotoStore(blocker / "photos", 10).save(np.zeros((4, 4, 3), np.uint8))  # parent is a file
    assert saved.path is None and saved.error.startswith("photo not saved")


def test_disk_full_gives_an_error_and_leaves_no_partial_file(tmp_path, monkeypatch):
    import errno

    real_fdopen = os.fdopen

    class FullDisk:
        def __init__(self, fh):
            self.fh = fh

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.fh.close()

        def write(self, data):
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fdopen", lambda fd, mode: FullDisk(real_fdopen(fd, mode)))
    folder = tmp_path / "photos"
    saved = PhotoStore(folder, 10).save(np.zeros((8, 8, 3), np.uint8))
    assert saved.path is None and "No space left on device" in saved.error
    assert list(folder.iterdir()) == []
