-- The Tasklist filters' task query joins the authorizations of the user's groups
-- ("left join (select ... from act_ru_authorization a where ... a.perms_ & 2 = 2 ...) auth
-- on auth.resource_id_ in (res.id_, d.key_, '*')"). PostgreSQL cannot estimate a bit test
-- such as perms_ & 2 = 2 (it assumes 0.5 % of the rows): with one authorization row per
-- candidate group per task it expected 500 rows where 100,000 match, materialised them and
-- compared each task of the region with each of them (5,555 x 100,000 at 100,000 open tasks:
-- 368 s for one page of 15). Statistics on the two bit tests (PostgreSQL 14+) give the
-- planner the true count: it then looks each task's authorization up by index (0.3 s).
-- docs/scale.md, "P2 at 10,000 and 100,000 open tasks".
create statistics if not exists parcours_auth_perms_read on (perms_ & 2) from act_ru_authorization;
create statistics if not exists parcours_auth_perms_read_history on (perms_ & 64) from act_ru_authorization;
analyze act_ru_authorization;
