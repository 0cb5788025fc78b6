"""Where data lives: the source folder where files arrive and the Parquet lake (directory or S3)."""
from __future__ import annotations

from pathlib import Path

from dagster import ConfigurableResource

from backintime_assets.lake import LakeLocation


class LakeResource(ConfigurableResource):
    url: str
    s3_endpoint_url: str = ""
    s3_access_key_id: str = ""
    s3_secret_access_key: str = ""
    s3_region: str = "us-east-1"

    def location(self) -> LakeLocation:
        location = LakeLocation(
            url=self.url,
            s3_endpoint_url=self.s3_endpoint_url or None,
            s3_access_key_id=self.s3_access_key_id or None,
            s3_secret_access_key=self.s3_secret_access_key or None,
            s3_region=self.s3_region,
        )
        location.ensure_exists()
        return location


class SourceFolderResource(ConfigurableResource):
    path: str

    def root(self) -> Path:
        root = Path(self.path)
        root.mkdir(parents=True, exist_ok=True)
        return root
