-- Additive only (rolling upgrades): new columns are nullable or have defaults, nothing is renamed or dropped, so an
-- instance of the previous version keeps working against this schema. tenant.allowed_models stays: this version
-- keeps it equal to the models of the tenant's accepted entitlements, for instances of the previous version.

alter table tenant add column data_classification varchar(40)   not null default 'official';
alter table tenant add column cost_centre         varchar(100);
alter table tenant add column price_book          varchar(100);
-- Increases with every change of the tenant, its keys, quotas or entitlements (TenantChanged.tenant_version).
alter table tenant add column version             bigint        not null default 1;
alter table tenant add column updated_at          timestamptz;
-- Quotas; 0 = no limit, a null cost budget = no cost budget.
alter table tenant add column quota_requests_per_minute  integer       not null default 0;
alter table tenant add column quota_tokens_per_minute    bigint        not null default 0;
alter table tenant add column quota_monthly_token_budget bigint        not null default 0;
alter table tenant add column quota_monthly_cost_budget  numeric(18, 2);
alter table tenant add column quota_max_concurrency      integer       not null default 0;

alter table api_key add column scopes       text[]      not null default '{inference,embeddings}';
alter table api_key add column expires_at   timestamptz;
alter table api_key add column last_used_at timestamptz;
-- The key that replaced this one in a rotation.
alter table api_key add column replaced_by  varchar(32);
-- Limits of the key alone; 0 = only the tenant's limits apply.
alter table api_key add column limit_requests_per_minute integer not null default 0;
alter table api_key add column limit_tokens_per_minute   bigint  not null default 0;
alter table api_key add column limit_max_concurrency     integer not null default 0;

create index api_key_tenant_created_idx on api_key (tenant_id, created_at desc, id desc);
create index tenant_created_idx on tenant (created_at desc, id desc);

-- A model a tenant may use under a licence. It allows the model only while in force (valid_from <= now <
-- valid_until) and once the licence terms are accepted.
create table entitlement (
    id                  uuid         primary key,
    tenant_id           uuid         not null references tenant (id),
    model               varchar(100) not null,
    licence_reference   varchar(200) not null,
    valid_from          timestamptz  not null,
    valid_until         timestamptz,
    monthly_token_cap   bigint       not null default 0,
    licence_accepted_at timestamptz,
    licence_accepted_by varchar(200),
    created_at          timestamptz  not null,
    constraint entitlement_tenant_model_uk unique (tenant_id, model),
    constraint entitlement_validity_ck check (valid_until is null or valid_until > valid_from)
);

-- Existing allowed models become entitlements whose terms count as accepted by the migration.
insert into entitlement (id, tenant_id, model, licence_reference, valid_from, licence_accepted_at,
                         licence_accepted_by, created_at)
select md5(t.id::text || m.model)::uuid, t.id, m.model, 'pre-entitlement', t.created_at, now(), 'migration', now()
from tenant t cross join lateral unnest(t.allowed_models) as m(model);

-- Transactional outbox: written in the same transaction as the change, published to Kafka by OutboxRelay.
create table outbox (
    id           bigint       generated always as identity primary key,
    event_id     uuid         not null unique,
    channel      varchar(32)  not null,
    record_key   varchar(100) not null,
    payload      bytea        not null,
    created_at   timestamptz  not null default now(),
    published_at timestamptz
);

create index outbox_unpublished_idx on outbox (id) where published_at is null;
