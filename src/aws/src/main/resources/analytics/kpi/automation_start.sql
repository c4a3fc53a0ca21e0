-- The day proactive messages started: the first message sent.
SELECT min(day) AS automation_start FROM records WHERE kind = 'message' AND state = 'sent'
