package io.kargotakip.core.notification;

import io.kargotakip.core.order.Order;

import java.util.List;

/**
 * Decides which messages a status change sends. The rule-evaluator function calls only this, so a
 * merchant rule engine replaces the default without touching the pipeline.
 */
public interface NotificationRules {

    List<NotificationIntent> decide(StatusChange change, Order order);
}
