-- Per week (Monday): shipments registered, tickets opened, of them WISMO.
SELECT CAST(date_trunc('week', day) AS DATE) AS week,
       count_if(kind = 'shipment') AS shipments,
       count_if(kind = 'ticket') AS tickets,
       count_if(kind = 'ticket' AND wismo) AS wismo_tickets
FROM records
WHERE day BETWEEN :from AND :to
  AND (kind = 'shipment' OR (kind = 'ticket' AND state = 'created'))
GROUP BY 1
ORDER BY 1
