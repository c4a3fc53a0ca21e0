-- The ETA model's training data: every shipment delivered in the period with its journey — carrier, service, the
-- provinces, when the carrier took it (the first in-transit scan, else the label), the day it was delivered and the
-- carrier's first estimate. Times as the records hold them (ISO-8601), so both engines answer the same text.
, shipments AS (
  SELECT shipment, carrier, service, origin, destination FROM records WHERE kind = 'shipment'
), scans AS (
  SELECT shipment,
         min_by(occurred_at, CASE WHEN status = 'in_transit' THEN ts END) AS picked_up_at,
         min_by(occurred_at, CASE WHEN status = 'label_created' THEN ts END) AS labelled_at,
         min(CASE WHEN status = 'delivered' THEN day END) AS delivered_day,
         min_by(estimate_date, CASE WHEN estimate_date IS NOT NULL THEN ts END) AS first_estimate
  FROM records WHERE kind = 'tracking_event' GROUP BY shipment
)
SELECT s.carrier, s.service, s.origin, s.destination, COALESCE(c.picked_up_at, c.labelled_at) AS shipped_at,
       c.delivered_day, c.first_estimate
FROM scans c JOIN shipments s ON s.shipment = c.shipment
WHERE c.delivered_day BETWEEN :from AND :to AND COALESCE(c.picked_up_at, c.labelled_at) IS NOT NULL
  AND s.origin IS NOT NULL AND s.destination IS NOT NULL
ORDER BY c.delivered_day
