-- The brief's estimate, without a control group: shipments notified in the period, of them those whose tracking page
-- was viewed after the first message, and of those the ones with no WISMO ticket within the window after it.
, notified AS (
  SELECT shipment, min(ts) AS first_sent FROM records
  WHERE kind = 'message' AND state = 'sent' AND shipment IS NOT NULL AND day BETWEEN :from AND :to
  GROUP BY shipment
), views AS (
  SELECT shipment, ts FROM records WHERE kind = 'page_view' AND shipment IS NOT NULL
), contacts AS (
  SELECT shipment, ts FROM records
  WHERE kind = 'ticket' AND state = 'created' AND wismo AND shipment IS NOT NULL
), graded AS (
  SELECT n.shipment,
         EXISTS (SELECT 1 FROM views v WHERE v.shipment = n.shipment AND v.ts >= n.first_sent) AS viewed,
         EXISTS (SELECT 1 FROM contacts c WHERE c.shipment = n.shipment AND c.ts >= n.first_sent
                 AND c.ts < n.first_sent + INTERVAL ':window_days' DAY) AS contacted
  FROM notified n
)
SELECT count(*) AS notified, count_if(viewed) AS viewed, count_if(viewed AND NOT contacted) AS viewed_no_contact
FROM graded
