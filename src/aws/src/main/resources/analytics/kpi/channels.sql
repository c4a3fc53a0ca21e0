-- Per channel: messages sent in the period, and of them delivered, opened, clicked (whenever); messages failed in it.
, sent AS (
  SELECT DISTINCT message, channel FROM records
  WHERE kind = 'message' AND state = 'sent' AND day BETWEEN :from AND :to
), states AS (
  SELECT DISTINCT message, channel, state FROM records WHERE kind = 'message'
), funnel AS (
  SELECT s.channel,
         count(DISTINCT s.message) AS sent,
         count(DISTINCT CASE WHEN t.state = 'delivered' THEN s.message END) AS delivered,
         count(DISTINCT CASE WHEN t.state = 'opened' THEN s.message END) AS opened,
         count(DISTINCT CASE WHEN t.state = 'clicked' THEN s.message END) AS clicked
  FROM sent s LEFT JOIN states t ON t.message = s.message AND t.channel = s.channel
  GROUP BY s.channel
), failed AS (
  SELECT channel, count(DISTINCT message) AS failed FROM records
  WHERE kind = 'message' AND state = 'failed' AND day BETWEEN :from AND :to
  GROUP BY channel
)
SELECT COALESCE(f.channel, x.channel) AS channel,
       COALESCE(f.sent, 0) AS sent, COALESCE(f.delivered, 0) AS delivered,
       COALESCE(f.opened, 0) AS opened, COALESCE(f.clicked, 0) AS clicked,
       COALESCE(x.failed, 0) AS failed
FROM funnel f FULL OUTER JOIN failed x ON x.channel = f.channel
ORDER BY 1
