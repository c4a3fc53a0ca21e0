-- Each shipment delivered in the period, with its promise: the merchant's promised date, else the carrier's first
-- estimate (the estimate of the earliest event that gave one). Shared by the carrier and lane SLA queries.
, shipments AS (
  SELECT shipment, carrier, origin, destination, promised_date FROM records WHERE kind = 'shipment'
), estimates AS (
  SELECT shipment, min_by(estimate_date, ts) AS first_estimate FROM records
  WHERE kind = 'tracking_event' AND estimate_date IS NOT NULL GROUP BY shipment
), delivered AS (
  SELECT shipment, min(carrier) AS carrier, min(day) AS delivered_day FROM records
  WHERE kind = 'tracking_event' AND status = 'delivered' GROUP BY shipment
), graded AS (
  SELECT d.shipment, d.carrier, s.origin, s.destination, d.delivered_day,
         COALESCE(CAST(s.promised_date AS DATE), CAST(e.first_estimate AS DATE)) AS promise
  FROM delivered d
  LEFT JOIN shipments s ON s.shipment = d.shipment
  LEFT JOIN estimates e ON e.shipment = d.shipment
  WHERE d.delivered_day BETWEEN :from AND :to
)
