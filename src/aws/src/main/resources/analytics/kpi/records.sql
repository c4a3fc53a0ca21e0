-- The brand's records since the lookback day, one per id (a stage that ran twice wrote the same id twice; the earliest
-- counts: a ticket's first response). dt is the day the records arrived (never before they occurred), so it prunes the
-- scan without an upper bound: a ticket imported today for last month still counts in last month.
WITH records AS (
  SELECT * FROM (
    SELECT r.*, from_iso8601_timestamp(r.occurred_at) AS ts, CAST(r.local_date AS DATE) AS day,
           row_number() OVER (PARTITION BY r.id ORDER BY from_iso8601_timestamp(r.occurred_at)) AS copy_no
    FROM analytics_records r
    WHERE r.dt >= ':lookback' AND r.brand = ':brand'
  ) WHERE copy_no = 1
)
