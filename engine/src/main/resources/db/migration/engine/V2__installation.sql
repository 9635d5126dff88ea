-- The identity of this UDRE installation (every engine node on this database shares it). Domains carry it in their
-- metadata, so that the reconciler only ever removes what this installation made, never what another UDRE, on
-- another database but the same host, made.
create table ledger_installation (
    singleton   char(1)     not null,  -- always 'X': the table holds one row, whichever node made it first
    id          varchar(64) not null,
    created_at  timestamp   not null,
    constraint ledger_installation_pk primary key (singleton)
);
