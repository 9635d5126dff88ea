-- The image catalogue's tables. Written for both H2 and PostgreSQL; every table is prefixed catalog_ because the
-- database also holds Camunda's tables and other parts' tables, each with a migration history of its own.

-- One row per published image version. The metadata document is kept as it was validated (JSON) and never
-- changes: a version's metadata is immutable once published. Withdrawing a version only sets withdrawn_at.
CREATE TABLE catalog_image_version (
    name             VARCHAR(64)   NOT NULL,
    version          VARCHAR(64)   NOT NULL,
    metadata         TEXT          NOT NULL,
    origin           VARCHAR(1000) NOT NULL,
    published_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    withdrawn_at     TIMESTAMP WITH TIME ZONE,
    withdrawn_reason VARCHAR(1000),
    CONSTRAINT catalog_image_version_pk PRIMARY KEY (name, version)
);

-- The files that fill an image version's volumes in a host's pool: the base volume, and the kernel and initramfs
-- of a direct boot. Identified by content (SHA-256 and size); the location may change when a file moves.
CREATE TABLE catalog_image_file (
    name          VARCHAR(64)   NOT NULL,
    version       VARCHAR(64)   NOT NULL,
    volume        VARCHAR(64)   NOT NULL,
    location      VARCHAR(2000) NOT NULL,
    sha256        CHAR(64)      NOT NULL,
    size_bytes    BIGINT        NOT NULL,
    registered_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT catalog_image_file_pk PRIMARY KEY (name, version, volume),
    CONSTRAINT catalog_image_file_version_fk FOREIGN KEY (name, version)
        REFERENCES catalog_image_version (name, version)
);

-- Uploads of image files into hosts' pools, recorded before each upload starts: a volume whose upload has no
-- completed_at was cut short (the engine stopped mid-way) and is replaced, not used.
CREATE TABLE catalog_volume_upload (
    host_uri     VARCHAR(1000) NOT NULL,
    pool         VARCHAR(255)  NOT NULL,
    volume       VARCHAR(64)   NOT NULL,
    sha256       CHAR(64)      NOT NULL,
    started_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    completed_at TIMESTAMP WITH TIME ZONE,
    CONSTRAINT catalog_volume_upload_pk PRIMARY KEY (host_uri, pool, volume)
);
