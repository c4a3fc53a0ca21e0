-- Per message kind and template variant (the A/B tests): messages sent in the period and their funnel.
, sent AS (
  SELECT DISTINCT message, channel, intent, variant FROM records
  WHERE kind = 'message' AND state = 'sent' AND variant IS NOT NULL AND day BETWEEN :from AND :to
), states AS (
  SELECT DISTINCT message, channel, state FROM records WHERE kind = 'message'
)
SELECT s.intent, s.variant,
       count(DISTINCT s.message || '|' || s.channel) AS sent,
       count(DISTINCT CASE WHEN t.state = 'delivered' THEN s.message || '|' || s.channel END) AS delivered,
       count(DISTINCT CASE WHEN t.state = 'opened' THEN s.message || '|' || s.channel END) AS opened,
       count(DISTINCT CASE WHEN t.state = 'clicked' THEN s.message || '|' || s.channel END) AS clicked
FROM sent s LEFT JOIN states t ON t.message = s.message AND t.channel = s.channel
GROUP BY s.intent, s.variant
ORDER BY s.intent, s.variant
