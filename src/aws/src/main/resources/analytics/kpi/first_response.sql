-- First response time of the tickets opened in the period, before and after automation started; minutes.
, created AS (
  SELECT ticket, min(ts) AS created_at, min(day) AS created_day FROM records
  WHERE kind = 'ticket' AND state = 'created' GROUP BY ticket
), answered AS (
  SELECT ticket, min(ts) AS answered_at FROM records
  WHERE kind = 'ticket' AND state = 'first_response' GROUP BY ticket
), timed AS (
  SELECT CASE WHEN :automation_start IS NOT NULL AND c.created_day >= :automation_start THEN 'after' ELSE 'before' END AS part,
         c.ticket, a.answered_at,
         CAST(date_diff('second', c.created_at, a.answered_at) AS DOUBLE) / 60 AS minutes
  FROM created c LEFT JOIN answered a ON a.ticket = c.ticket AND a.answered_at >= c.created_at
  WHERE c.created_day BETWEEN :from AND :to
)
SELECT part, count(*) AS tickets, count(answered_at) AS answered,
       approx_percentile(minutes, 0.5) AS median_minutes, approx_percentile(minutes, 0.9) AS p90_minutes
FROM timed
GROUP BY part
