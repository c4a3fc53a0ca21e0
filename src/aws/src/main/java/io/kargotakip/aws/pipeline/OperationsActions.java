package io.kargotakip.aws.pipeline;

import io.kargotakip.core.rules.Decision;
import io.kargotakip.core.rules.RuleContext;
import org.jboss.logging.Logger;

/**
 * What the rules tell operations: an alert (e-mail, a chat webhook) or a helpdesk ticket. The rule evaluation calls
 * each once per occurrence; a destination that is down throws, and the status change is retried.
 */
public interface OperationsActions {

    /** @return what the destinations answered, for the record (may be null) */
    String alert(Decision decision, Decision.Alert alert, RuleContext context);

    /** @return the helpdesk's ticket id, for the record (may be null) */
    String ticket(Decision decision, Decision.Ticket ticket, RuleContext context);

    /** No destination configured: each alert and ticket is one log line operations' log alarms can read (no customer data). */
    OperationsActions LOGGED = new OperationsActions() {
        private static final Logger LOG = Logger.getLogger(OperationsActions.class);

        @Override
        public String alert(Decision decision, Decision.Alert alert, RuleContext context) {
            LOG.warnf("operations alert (rule %s): %s", decision.ruleId(), alert.text());
            return "logged";
        }

        @Override
        public String ticket(Decision decision, Decision.Ticket ticket, RuleContext context) {
            LOG.warnf("operations ticket (rule %s, %s priority): %s", decision.ruleId(), ticket.priority(), ticket.subject());
            return "logged";
        }
    };
}
