package io.kargotakip.core.notification;

import java.util.List;

/**
 * What operations change of a message the rules proposed, before they approve it (the automation level's "edit"): a
 * personal note every channel's template shows, the links it offers (the rule's, some removed) and the discount percent
 * of a message that carries one. An edit states the whole of what may be changed, relative to what the rule proposed:
 * a note left out is no note, links left out are all the rule's, a percent left out is the rule's. So the last edit
 * wins whole, and an edit never depends on the ones before it.
 *
 * @param note            plain text, 1 to {@value #NOTE_MAX} characters once trimmed; null for none
 * @param links           the rule's offered links to keep, null for all of them
 * @param discountPercent {@value #PERCENT_MIN} to {@value #PERCENT_MAX}, null for the rule's
 */
public record ProposalEdit(String note, List<String> links, Integer discountPercent) {

    public static final int NOTE_MAX = 500;
    public static final int PERCENT_MIN = 1;
    public static final int PERCENT_MAX = 90;

    public ProposalEdit {
        links = links == null ? null : List.copyOf(links);
    }

    /** The note as it is stored and shown: line ends as {@code \n}, trimmed; null when there is none. */
    public String trimmedNote() {
        return note == null ? null : note.replace("\r\n", "\n").replace('\r', '\n').strip();
    }

    /**
     * Why this edit cannot apply to the message the rule proposed, naming the field as the API does ({@code note: at most
     * 500 characters}); null when it can.
     */
    public String problem(NotificationIntent.Details proposed) {
        if (proposed == null) {
            return "this message carries no rule details (links, discount) to edit";
        }
        String trimmed = trimmedNote();
        if (trimmed != null) {
            int length = trimmed.codePointCount(0, trimmed.length());
            if (length == 0) {
                return "note: 1 to " + NOTE_MAX + " characters (leave it out for no note)";
            }
            if (length > NOTE_MAX) {
                return "note: at most " + NOTE_MAX + " characters (it has " + length + ")";
            }
            // a control character would reach an SMS gateway's or a push service's payload as it is: plain text only
            int bad = trimmed.codePoints().filter(c -> c != '\n' && Character.isISOControl(c)).findFirst().orElse(-1);
            if (bad >= 0) {
                return "note: plain text only; it holds the control character U+" + String.format("%04X", bad);
            }
        }
        if (links != null) {
            for (String link : links) {
                if (link == null || !proposed.links().contains(link)) {
                    return "links: \"" + link + "\" is not offered by this message; expected some of " + proposed.links();
                }
            }
        }
        if (discountPercent != null) {
            if (proposed.discountPercent() == null) {
                return "discountPercent: this message carries no discount";
            }
            if (discountPercent < PERCENT_MIN || discountPercent > PERCENT_MAX) {
                return "discountPercent: " + PERCENT_MIN + " to " + PERCENT_MAX + " (it is " + discountPercent + ")";
            }
            if (!discountPercent.equals(proposed.discountPercent()) && proposed.occurrenceKey() == null) {
                return "discountPercent: this message has no occurrence to draw a new code for";
            }
        }
        return null;
    }

    /** The percent the message gives once edited: this edit's, else the rule's (null when it carries no discount). */
    public Integer percentOf(NotificationIntent.Details proposed) {
        return discountPercent == null ? proposed.discountPercent() : discountPercent;
    }

    /**
     * What the message carries once edited. Valid edits only ({@link #problem} null).
     *
     * @param code the single-use code of {@link #percentOf}: the rule's own for the rule's percent, else one drawn for it
     */
    public NotificationIntent.Details applyTo(NotificationIntent.Details proposed, String code) {
        // kept in the rule's order, each once, whatever order the edit lists them in
        List<String> kept = links == null ? proposed.links() : proposed.links().stream().filter(links::contains).toList();
        return proposed.edited(trimmedNote(), kept, percentOf(proposed), code);
    }
}
