-- SLA per carrier and lane (sending and receiving province), the busiest first.
:deliveries
SELECT carrier, origin, destination,
       count(*) AS delivered,
       count(promise) AS with_promise,
       count_if(delivered_day <= promise) AS on_time
FROM graded
GROUP BY carrier, origin, destination
ORDER BY delivered DESC, carrier, origin, destination
LIMIT 200
