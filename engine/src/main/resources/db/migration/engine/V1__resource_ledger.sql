-- Every domain, volume and seed UDRE makes on a libvirt host, recorded before it is made, so that whatever a
-- crashed engine made is found again and either adopted by its process or removed.
create table ledger_resource (
    host        varchar(100) not null,  -- the configured host's name
    kind        varchar(16)  not null,  -- DOMAIN, VOLUME, SEED
    name        varchar(200) not null,  -- the libvirt name: deterministic, never reused
    pool        varchar(100),           -- the storage pool of a volume or seed
    owner       varchar(64)  not null,  -- the process instance that made it and must remove it
    state       varchar(16)  not null,  -- PLANNED, PRESENT, RETIRING, GONE
    planned_at  timestamp    not null,
    updated_at  timestamp    not null,
    note        varchar(500),           -- what the last change was about (who removed it, and why)
    constraint ledger_resource_pk primary key (host, kind, name)
);
create index ledger_resource_owner on ledger_resource (owner);
create index ledger_resource_state on ledger_resource (state);
