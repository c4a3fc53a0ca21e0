-- The control group against the rest: shipments registered in the period once messages had started (before, neither
-- group got any), and of them those with a WISMO ticket linked to them, opened after the shipment was registered.
, assigned AS (
  SELECT shipment, control, ts AS registered FROM records
  WHERE kind = 'shipment' AND control IS NOT NULL AND day BETWEEN :from AND :to
    AND (:automation_start IS NULL OR day >= :automation_start)
), contacts AS (
  SELECT shipment, min(ts) AS first_contact FROM records
  WHERE kind = 'ticket' AND state = 'created' AND wismo AND shipment IS NOT NULL
  GROUP BY shipment
)
SELECT a.control, count(*) AS shipments, count(c.shipment) AS wismo
FROM assigned a LEFT JOIN contacts c ON c.shipment = a.shipment AND c.first_contact >= a.registered
GROUP BY a.control
