-- Per week: shipments registered, orders returned and cancelled.
SELECT CAST(date_trunc('week', day) AS DATE) AS week,
       count_if(kind = 'shipment') AS shipments,
       count_if(kind = 'order_outcome' AND status = 'returned') AS returned,
       count_if(kind = 'order_outcome' AND status = 'cancelled') AS cancelled
FROM records
WHERE day BETWEEN :from AND :to AND kind IN ('shipment', 'order_outcome')
GROUP BY 1
ORDER BY 1
