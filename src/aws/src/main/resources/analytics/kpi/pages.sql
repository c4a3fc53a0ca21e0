-- The tracking page in the period: views, the shipments viewed, clicks on its support and upsell links.
SELECT count_if(state = 'tracking') AS views,
       count(DISTINCT CASE WHEN state = 'tracking' THEN shipment END) AS shipments_viewed,
       count_if(state = 'support_click') AS support_clicks,
       count_if(state = 'upsell_click') AS upsell_clicks
FROM records
WHERE kind = 'page_view' AND day BETWEEN :from AND :to
