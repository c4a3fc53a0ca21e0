-- Per week: shipments registered, and shipments (or orders) returned and cancelled — from the carriers' and
-- marketplaces' events (a return to the sender, a cancelled package) and from order outcomes the merchant or a
-- marketplace reports; each shipment or order counted once per outcome, on the day first seen.
, outcomes AS (
  SELECT day, shipment AS subject,
         CASE WHEN status IN ('return_in_transit', 'returned_to_sender') THEN 'returned' ELSE 'cancelled' END AS outcome
  FROM records
  WHERE kind = 'tracking_event' AND (status IN ('return_in_transit', 'returned_to_sender') OR reason = 'cancelled')
  UNION ALL
  SELECT day, COALESCE(shipment, order_ref) AS subject, status AS outcome FROM records WHERE kind = 'order_outcome'
), firsts AS (
  SELECT subject, outcome, min(day) AS day FROM outcomes GROUP BY subject, outcome
), weekly AS (
  SELECT CAST(date_trunc('week', day) AS DATE) AS week, count_if(outcome = 'returned') AS returned,
         count_if(outcome = 'cancelled') AS cancelled
  FROM firsts WHERE day BETWEEN :from AND :to GROUP BY 1
), registered AS (
  SELECT CAST(date_trunc('week', day) AS DATE) AS week, count(*) AS shipments
  FROM records WHERE kind = 'shipment' AND day BETWEEN :from AND :to GROUP BY 1
)
SELECT COALESCE(r.week, w.week) AS week, COALESCE(r.shipments, 0) AS shipments,
       COALESCE(w.returned, 0) AS returned, COALESCE(w.cancelled, 0) AS cancelled
FROM registered r FULL OUTER JOIN weekly w ON w.week = r.week
ORDER BY 1
