-- The task query's authorization check (every Tasklist filter, /engine-rest/task, their counts)
-- looks each task's grants up by "auth.resource_id_ in (res.id_, d.key_, '*')" and keeps only
-- "a.resource_type_ = 7 and a.perms_ & 2 = 2 or a.resource_type_ = 6 and a.perms_ & 64 = 64"
-- (TASK, 7, READ; PROCESS_DEFINITION, 6, READ_TASK). On the engine's index act_idx_auth_resource_id
-- that read, for each task of the region, 52 broad rows from the heap to keep 3: the 22 '*'
-- grants of camunda-admin and the 15 '*' DEPLOYMENT grants of the institutions, the 14 agents'
-- READ on the process definition (no READ_TASK). This index holds only the rows that check can
-- keep: PostgreSQL uses it when the query's condition implies its predicate, which it proves with
-- the values of each execution (plan_cache_mode=force_custom_plan, application-postgres.yml);
-- a generic plan would fall back on act_idx_auth_resource_id, as before. It changes no
-- permission: the same rows answer, fewer are read. docs/scale.md, "P2: a partial index of the
-- tasks' grants".
create index if not exists parcours_auth_lecture_taches on act_ru_authorization (resource_id_)
	where resource_type_ = 7 and perms_ & 2 = 2 or resource_type_ = 6 and perms_ & 64 = 64;
analyze act_ru_authorization;
