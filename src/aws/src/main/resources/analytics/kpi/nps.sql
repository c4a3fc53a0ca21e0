-- The delivery-day survey: shipments delivered in the period, and the answers given in it.
, delivered AS (
  SELECT DISTINCT shipment FROM records
  WHERE kind = 'tracking_event' AND status = 'delivered' AND day BETWEEN :from AND :to
), answers AS (
  SELECT score FROM records WHERE kind = 'survey' AND score IS NOT NULL AND day BETWEEN :from AND :to
)
SELECT (SELECT count(*) FROM delivered) AS delivered,
       count(*) AS responses,
       count_if(score >= 9) AS promoters,
       count_if(score BETWEEN 7 AND 8) AS passives,
       count_if(score <= 6) AS detractors
FROM answers
