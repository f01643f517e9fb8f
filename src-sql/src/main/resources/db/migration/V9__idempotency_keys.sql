-- LockIN schema, part 9: idempotency keys (SPEC §15). A write sent with an Idempotency-Key header
-- is executed once per (user, key); its answer is kept for 24 h and replayed to every retry.
--
-- The life of a row:
--   claimed    status is null, lease_until set: a request is executing it (committed before the
--              business work starts, so a concurrent retry sees it and answers 409 in flight)
--   completed  status set, lease_until null: the stored answer, replayed until expires_at
--   released   deleted: the request answered 5xx/401/429, which is never replayed
-- A claim whose server died (kill -9) is never completed: once its lease has passed, a retry of
-- the same request claims it again. Rows past expires_at are purged by the archival timer and
-- may be claimed afresh before that.

create table idempotency_keys (
    -- the profile's rows go with it (SPEC §14): stored answers carry the person's data
    user_id         uuid        not null references profiles (id) on delete cascade,
    idempotency_key text        not null,
    -- SHA-256 of method, path with query, and body bytes: the same key with another request is 422
    fingerprint     bytea       not null,
    -- who holds the claim: only that request may complete or release it
    claim_token     uuid        not null,
    created_at      timestamptz not null,
    expires_at      timestamptz not null,
    lease_until     timestamptz null,
    status          smallint    null,
    content_type    text        null,
    location        text        null,
    etag            text        null,
    body            bytea       null,
    constraint idempotency_keys_pkey primary key (user_id, idempotency_key),
    -- 1–255 visible ASCII characters (0x21–0x7E), as the API checks them
    constraint idempotency_keys_key_format check (idempotency_key ~ '^[!-~]{1,255}$'),
    constraint idempotency_keys_fingerprint_length check (octet_length(fingerprint) = 32),
    constraint idempotency_keys_claimed_or_completed check ((status is null) = (lease_until is not null)),
    -- what is stored: never a 5xx (nor 401/429, which the application does not store either)
    constraint idempotency_keys_stored_status check (status between 200 and 499),
    constraint idempotency_keys_expiry check (expires_at > created_at)
);

-- the purge: delete from idempotency_keys where expires_at <= now
create index idempotency_keys_expires_at on idempotency_keys (expires_at);

-- Claims (user, key) for one request, in one round trip. The insert-or-take-over is one
-- INSERT … ON CONFLICT: two concurrent requests with the same key cannot both get 'claimed' (the
-- second one's insert waits for the first one's transaction, then sees its row). An existing row
-- is taken over only when it has expired (24 h), or when it is a claim of the same request whose
-- lease has passed (its server died). Otherwise the existing row decides:
--   'reused'    another method, path or body under this key (422; checked first)
--   'in_flight' the same request, still executing (409)
--   'replay'    the stored answer
create function idempotency_claim(p_user uuid, p_key text, p_fingerprint bytea, p_token uuid,
                                  p_now timestamptz, p_lease interval, p_ttl interval)
    returns table (outcome text, stored_status smallint, stored_content_type text, stored_location text,
                   stored_etag text, stored_body bytea)
    language plpgsql volatile
as $$
declare
    existing idempotency_keys%rowtype;
begin
    for attempt in 1..3 loop
        insert into idempotency_keys as k (user_id, idempotency_key, fingerprint, claim_token, created_at,
                                           expires_at, lease_until)
        values (p_user, p_key, p_fingerprint, p_token, p_now, p_now + p_ttl, p_now + p_lease)
        on conflict (user_id, idempotency_key) do update
            set fingerprint = excluded.fingerprint, claim_token = excluded.claim_token,
                created_at = excluded.created_at, expires_at = excluded.expires_at,
                lease_until = excluded.lease_until, status = null, content_type = null, location = null,
                etag = null, body = null
            where k.expires_at <= p_now
               or (k.status is null and k.lease_until <= p_now and k.fingerprint = excluded.fingerprint)
        returning k.* into existing;
        if found then
            return query select 'claimed'::text, null::smallint, null::text, null::text, null::text, null::bytea;
            return;
        end if;
        select * into existing from idempotency_keys k where k.user_id = p_user and k.idempotency_key = p_key;
        if found then
            if existing.fingerprint <> p_fingerprint then
                return query select 'reused'::text, null::smallint, null::text, null::text, null::text, null::bytea;
            elsif existing.status is null then
                return query select 'in_flight'::text, null::smallint, null::text, null::text, null::text, null::bytea;
            else
                return query select 'replay'::text, existing.status, existing.content_type, existing.location,
                                    existing.etag, existing.body;
            end if;
            return;
        end if;
        -- the row was released between the two statements: claim again
    end loop;
    raise exception 'idempotency key % of % could not be claimed', p_key, p_user;
end
$$;
