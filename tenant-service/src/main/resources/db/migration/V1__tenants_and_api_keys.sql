create table tenant (
    id              uuid         primary key,
    name            varchar(100) not null,
    allowed_models  text[]       not null default '{}',
    allowed_regions text[]       not null default '{}',
    status          varchar(16)  not null,
    created_at      timestamptz  not null,
    constraint tenant_name_uk unique (name),
    constraint tenant_status_ck check (status in ('ACTIVE', 'SUSPENDED'))
);

-- An API key is stored as its public id and HMAC-SHA256(pepper, full key); never the key itself.
create table api_key (
    id         varchar(32)  primary key,
    tenant_id  uuid         not null references tenant (id),
    name       varchar(100) not null,
    key_hash   bytea        not null,
    created_at timestamptz  not null,
    revoked_at timestamptz
);

create index api_key_tenant_idx on api_key (tenant_id);
