-- SLA per carrier: every carrier with shipments registered or delivered in the period (one with none delivered shows
-- zeros), on time against the promise, and late by 1, 2, 3+ calendar days.
:deliveries
, carriers AS (
  SELECT DISTINCT carrier FROM records WHERE kind = 'shipment' AND day BETWEEN :from AND :to
  UNION
  SELECT DISTINCT carrier FROM graded
)
SELECT c.carrier,
       count(g.shipment) AS delivered,
       count(g.promise) AS with_promise,
       count_if(g.delivered_day <= g.promise) AS on_time,
       count_if(date_diff('day', g.promise, g.delivered_day) = 1) AS late1,
       count_if(date_diff('day', g.promise, g.delivered_day) = 2) AS late2,
       count_if(date_diff('day', g.promise, g.delivered_day) >= 3) AS late3_plus
FROM carriers c LEFT JOIN graded g ON g.carrier = c.carrier
WHERE c.carrier IS NOT NULL
GROUP BY c.carrier
ORDER BY c.carrier
