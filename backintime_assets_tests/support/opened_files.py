"""A lake whose filesystem logs every file it opens and every folder it lists, in the driver and in
Spark's workers alike: for tests that prove a file is read once, or that a run lists only the dates
it needs (on S3 the keys a boto3 listing returns are logged as well)."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import pyarrow.fs as pafs

from backintime_assets.lake import LakeLocation


@dataclass(frozen=True)
class LoggedLake(LakeLocation):
    """`log`: a file each process appends the paths it opens to (a line is one small append, so
    the workers' lines do not mix)."""

    log: str = ""

    def filesystem(self) -> pafs.FileSystem:
        return pafs.PyFileSystem(_Logging(super().filesystem(), self.log))

    def s3_client(self):
        import boto3

        # A client of its own: the lake's are shared in a process, and the hook would stay on one.
        client = boto3.client("s3", endpoint_url=self.s3_endpoint_url, aws_access_key_id=self.s3_access_key_id,
                              aws_secret_access_key=self.s3_secret_access_key, region_name=self.s3_region)
        log = self.log

        def listed(parsed, **_):
            _append(log, [LISTED_KEY + item["Key"] for item in parsed.get("Contents", [])])

        client.meta.events.register("after-call.s3.ListObjectsV2", listed)
        return client

    def opened(self) -> Counter:
        return Counter(line for line in self._lines() if not line.startswith((LISTED, LISTED_KEY)))

    def listed(self) -> list[str]:
        """The folders listed through the filesystem, in order."""
        return [line[len(LISTED):] for line in self._lines() if line.startswith(LISTED)]

    def listed_keys(self) -> list[str]:
        """The keys boto3 listings returned (an S3 lake's), in order."""
        return [line[len(LISTED_KEY):] for line in self._lines() if line.startswith(LISTED_KEY)]

    def _lines(self) -> list[str]:
        try:
            with open(self.log) as lines:
                return [line.rstrip("\n") for line in lines]
        except FileNotFoundError:
            return []


LISTED, LISTED_KEY = "listed:", "listed-key:"


def _append(log: str, lines: list[str]) -> None:
    if lines:
        with open(log, "a") as out:
            out.write("".join(line + "\n" for line in lines))


class _Logging(pafs.FileSystemHandler):
    def __init__(self, fs: pafs.FileSystem, log: str):
        self.fs, self.log = fs, log

    def _opening(self, path: str) -> None:
        _append(self.log, [path])

    def open_input_file(self, path):
        self._opening(path)
        return self.fs.open_input_file(path)

    def open_input_stream(self, path):
        self._opening(path)
        return self.fs.open_input_stream(path)

    # Everything else as the wrapped filesystem does it.
    def get_type_name(self):
        return "logged-" + self.fs.type_name

    def equals(self, other):
        return isinstance(other, _Logging) and self.fs.equals(other.fs)

    def normalize_path(self, path):
        return self.fs.normalize_path(path)

    def get_file_info(self, paths):
        return self.fs.get_file_info(paths)

    def get_file_info_selector(self, selector):
        _append(self.log, [LISTED + selector.base_dir.rstrip("/")])
        return self.fs.get_file_info(selector)

    def create_dir(self, path, recursive):
        self.fs.create_dir(path, recursive=recursive)

    def delete_dir(self, path):
        self.fs.delete_dir(path)

    def delete_dir_contents(self, path, missing_dir_ok=False):
        self.fs.delete_dir_contents(path, missing_dir_ok=missing_dir_ok)

    def delete_root_dir_contents(self):
        self.fs.delete_dir_contents("/", accept_root_dir=True)

    def delete_file(self, path):
        self.fs.delete_file(path)

    def move(self, src, dest):
        self.fs.move(src, dest)

    def copy_file(self, src, dest):
        self.fs.copy_file(src, dest)

    def open_output_stream(self, path, metadata):
        return self.fs.open_output_stream(path, metadata=metadata)

    def open_append_stream(self, path, metadata):
        return self.fs.open_append_stream(path, metadata=metadata)
