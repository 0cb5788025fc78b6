"""Where the lake lives and how to open it, as a small picklable value.

Spark executors receive a LakeLocation and open the filesystem themselves with pyarrow, so a
cluster reads and writes S3 with no Hadoop S3A jars (they cannot be fetched on our machines).
"""
from __future__ import annotations

import functools
import os
import posixpath
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from urllib.parse import urlsplit

import pyarrow as pa
import pyarrow.fs as pafs

# Writers of Parquet and Arrow files write each page and buffer on its own; unbuffered, a local
# file takes a system call for each (~35 for a small date file), which cost ~0.15 ms of each 1 ms
# date file (/tmp benchmark of 1,000-row files). Object stores buffer their uploads anyway.
OUTPUT_BUFFER_BYTES = 1 << 20
# Stores with keys, not folders: a key needs no folder before it, and pyarrow's create_dir PUTs an
# empty marker object for every level of the path (apache/arrow#41493), three per date file.
_OBJECT_STORES = ("s3", "gcs")


@dataclass(frozen=True)
class LakeLocation:
    url: str
    s3_endpoint_url: str | None = None
    s3_access_key_id: str | None = field(default=None, repr=False)
    s3_secret_access_key: str | None = field(default=None, repr=False)
    s3_region: str = "us-east-1"

    @property
    def is_s3(self) -> bool:
        return self.url.startswith("s3://")

    @cached_property  # every lake path starts here: an archive's conversion asks for ~20,000
    def root(self) -> str:
        """The lake root as a path inside `filesystem()`: `bucket/prefix` or an absolute directory."""
        if self.is_s3:
            parts = urlsplit(self.url)
            return posixpath.join(parts.netloc, parts.path.strip("/")).rstrip("/")
        path = self.url[len("file://"):] if self.url.startswith("file://") else self.url
        return str(Path(path).absolute())

    def path(self, *parts: str) -> str:
        return posixpath.join(self.root, *parts)

    def filesystem(self) -> pafs.FileSystem:
        if not self.is_s3:
            return pafs.LocalFileSystem()
        endpoint = urlsplit(self.s3_endpoint_url) if self.s3_endpoint_url else None
        return pafs.S3FileSystem(
            access_key=self.s3_access_key_id,
            secret_key=self.s3_secret_access_key,
            region=self.s3_region,
            endpoint_override=endpoint.netloc if endpoint else None,
            scheme=endpoint.scheme if endpoint else "https",
            allow_bucket_creation=True,
        )

    def display(self) -> str:
        return self.url if not self.s3_endpoint_url else f"{self.url} (endpoint {self.s3_endpoint_url})"

    def s3_client(self):
        """A boto3 client of the lake's store, for what pyarrow's filesystem cannot do without
        writing folder markers (remove_folder) or start a listing at a key (tables.files_between)."""
        return _s3_client(self.s3_endpoint_url, self.s3_access_key_id, self.s3_secret_access_key, self.s3_region)

    def ensure_exists(self) -> None:
        fs = self.filesystem()
        if self.is_s3:
            bucket = self.root.split("/", 1)[0]
            if fs.get_file_info(bucket).type == pafs.FileType.NotFound:
                fs.create_dir(bucket)
        else:
            fs.create_dir(self.root, recursive=True)


def make_dirs(fs: pafs.FileSystem, folder: str) -> None:
    """Make `folder` (and its parents) ready to hold files: on a filesystem, create it; on an
    object store, nothing."""
    if fs.type_name not in _OBJECT_STORES:
        try:
            fs.create_dir(folder, recursive=True)
        except FileNotFoundError:  # a parent removed as it was made: an empty one another run ended with
            fs.create_dir(folder, recursive=True)


@functools.lru_cache(maxsize=8)
def _s3_client(endpoint_url: str | None, access_key_id: str | None, secret_access_key: str | None, region: str):
    """One client per store and key in a process: making one took ~60 ms (boto3 reads its service
    model), more than the listing a daily run's slip check asks of it. boto3's clients are thread-safe."""
    import boto3

    return boto3.client("s3", endpoint_url=endpoint_url, aws_access_key_id=access_key_id,
                        aws_secret_access_key=secret_access_key, region_name=region)


def remove_folder(location: LakeLocation, folder: str) -> None:
    """Delete `folder` (a path of the lake) and all it holds, then its parent if that is left empty:
    a run's folder under one the runs share (`_staging/`), which no run then leaves behind. A parent
    holding another run's folder stays. On an object store no marker is written: pyarrow's delete_dir
    PUTs an empty `parent/` object for the parent it may have emptied (its folder semantics)."""
    parent = posixpath.dirname(folder)
    if not location.is_s3:
        fs = location.filesystem()
        if fs.get_file_info(folder).type != pafs.FileType.NotFound:
            fs.delete_dir(folder)
        try:
            os.rmdir(parent)  # only when empty, in one step: never another run's folder with it
        except OSError:
            pass
        return
    bucket, key = folder.split("/", 1)
    client = location.s3_client()
    folders = {key + "/", parent.split("/", 1)[1] + "/"}
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=key + "/"):
        keys = [o["Key"] for o in page.get("Contents", [])]
        for name in keys:
            folders.update(name[:at + 1] for at in range(len(key), len(name) - 1) if name[at] == "/")
        if keys:
            client.delete_objects(Bucket=bucket, Delete={"Objects": [{"Key": k} for k in keys], "Quiet": True})
    # A store with folders (SeaweedFS) keeps them once emptied; deleting `folder/` deletes one only when
    # empty, so the deepest go first, and the parent goes only if no other run's folder is in it. A store
    # of keys alone (AWS S3) has none of these keys, or a marker: either way nothing else is touched.
    for name in sorted(folders, key=lambda f: -f.count("/")):
        client.delete_object(Bucket=bucket, Key=name)


def buffered_output(fs: pafs.FileSystem, path: str) -> pa.NativeFile:
    """A new file at `path`, written through a buffer of OUTPUT_BUFFER_BYTES (memory stays bounded
    for a file of any size); closing it flushes the buffer and closes the file."""
    return pa.BufferedOutputStream(fs.open_output_stream(path), OUTPUT_BUFFER_BYTES)
